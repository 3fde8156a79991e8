// Package client is the HTTP core shared by every API client of the provider:
// one pooled transport, an authentication hook, JSON encoding, retries of
// idempotent requests, typed API errors and request logging through tflog.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Authenticator adds credentials to requests and renews them when the server refuses them.
type Authenticator interface {
	// Authorize adds credentials to req. It returns the credential it used, so
	// that Renew can tell whether another request renewed it in the meantime.
	Authorize(ctx context.Context, req *http.Request) (string, error)
	// Renew replaces the credential used, once it has been refused. It returns
	// false when the credential cannot be renewed (for example a fixed token).
	Renew(ctx context.Context, used string) (bool, error)
}

// ErrorDecoder turns a non-2xx answer into an error, usually an *APIError.
type ErrorDecoder func(method, path string, status int, header http.Header, body []byte) error

// Core sends requests to one API.
type Core struct {
	http          *http.Client
	baseURL       *url.URL
	userAgent     string
	maxRetries    int
	waitCap       time.Duration
	auth          Authenticator
	decodeError   ErrorDecoder
	isAuthFailure func(*APIError) bool
	redact        *Redactor
}

// CoreOptions configure a Core.
type CoreOptions struct {
	UserAgent  string
	MaxRetries int
	Auth       Authenticator
	// DecodeError defaults to DecodeMessageError.
	DecodeError ErrorDecoder
	// IsAuthFailure tells whether a refused credential should be renewed; defaults to HTTP 401.
	IsAuthFailure func(*APIError) bool
	// URLSetting names the setting holding the base URL (e.g. "obp.url"),
	// for errors that ask the user to change it.
	URLSetting string
	// Secrets are removed from every error and log of the core; an
	// Authenticator adds the tokens it obtains to Redactor().
	Secrets []string
	// Transport, when set, adapts the pooled transport built by New (client
	// certificates, extra headers).
	Transport func(*http.Transport) (http.RoundTripper, error)
}

// New is the constructor of every API client's core: the pooled HTTP client
// of s, pinned to the origin of baseURL, and the core that sends requests
// through it.
func New(baseURL string, s Settings, opts CoreOptions) (*Core, error) {
	hc, err := NewHTTPClient(s)
	if err != nil {
		return nil, err
	}
	if opts.Transport != nil {
		if hc.Transport, err = opts.Transport(hc.Transport.(*http.Transport)); err != nil {
			return nil, err
		}
	}
	opts.UserAgent, opts.MaxRetries = s.UserAgent, s.MaxRetries
	return NewCore(hc, baseURL, opts)
}

// Request is one API call. Path is relative to the base URL and already escaped.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   any
	// NoAuth skips the Authenticator (used by login requests).
	NoAuth bool
	// Idempotent marks a POST that is safe to send twice, such as a login;
	// GET, HEAD, PUT and DELETE always are.
	Idempotent bool
	// Read marks a POST that only reads (a search with its criteria in the
	// body): it is idempotent, and its errors call it a read.
	Read bool
}

func (r Request) idempotent() bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return r.Idempotent || r.Read
}

// call names the request in errors.
func (r Request) call() string { return callName(r.Method, r.Path, r.Read) }

// callName is "GET /path", or "read (POST /path)" for a POST that only reads.
func callName(method, path string, read bool) string {
	if read {
		return fmt.Sprintf("read (%s %s)", method, path)
	}
	return method + " " + path
}

// NewCore returns a Core for the API at baseURL on a copy of httpClient
// that follows redirects only within baseURL's origin.
func NewCore(httpClient *http.Client, baseURL string, opts CoreOptions) (*Core, error) {
	u, err := ParseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	if opts.DecodeError == nil {
		opts.DecodeError = DecodeMessageError
	}
	if opts.IsAuthFailure == nil {
		opts.IsAuthFailure = func(e *APIError) bool { return e.StatusCode == http.StatusUnauthorized }
	}
	return &Core{
		http: pinRedirects(httpClient, u, opts.URLSetting), baseURL: u,
		userAgent: opts.UserAgent, maxRetries: opts.MaxRetries, waitCap: maxServerWait,
		auth: opts.Auth, decodeError: opts.DecodeError, isAuthFailure: opts.IsAuthFailure,
		redact: NewRedactor(opts.Secrets...),
	}, nil
}

// ParseBaseURL checks that s is an absolute URL and drops trailing slashes.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(s, "/"))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("invalid URL %q: want scheme://host[:port]", s)
	}
	return u, nil
}

// BaseURL returns the API's base URL.
func (c *Core) BaseURL() string { return c.baseURL.String() }

// Redactor is the registry of the secrets this core keeps out of errors and logs.
func (c *Core) Redactor() *Redactor { return c.redact }

// HTTPClientFor returns the core's HTTP client (same pool and TLS settings)
// pinned to the origin of another URL, such as a separate token endpoint;
// setting names the configuration holding that URL.
func (c *Core) HTTPClientFor(rawURL, setting string) (*http.Client, error) {
	u, err := ParseBaseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return pinRedirects(c.http, u, setting), nil
}

// Do sends req and decodes a JSON answer into out (when out is not nil).
// A refused credential is renewed each time it is refused, up to the retry
// budget (at least once) and the context's deadline; idempotent requests are
// retried on 429, 502, 503, 504 and connection errors. Other requests are
// retried only when they cannot have reached the handler (429, failed dial);
// when their answer is lost otherwise, Do returns an *AmbiguousError. Errors
// and logs carry no secret known to the core and no control character.
func (c *Core) Do(ctx context.Context, req Request, out any) error {
	ctx = c.redact.MaskLogs(ctx)
	err := c.redact.Error(c.do(ctx, req, out))
	if !req.idempotent() && ambiguous(err) {
		return &AmbiguousError{Err: err}
	}
	return err
}

func (c *Core) do(ctx context.Context, req Request, out any) error {
	body, err := encodeBody(req.Body)
	if err != nil {
		return err
	}
	for renewals := 0; ; renewals++ {
		used, resp, err := c.send(ctx, req, body)
		if err != nil {
			return err
		}
		if c.mayRenew(ctx, req, resp.err, renewals) {
			ok, rerr := c.auth.Renew(ctx, used)
			if rerr != nil {
				return rerr
			}
			if ok {
				continue
			}
		}
		if resp.err != nil {
			return resp.err
		}
		return decodeBody(req, resp, out)
	}
}

// mayRenew: a refused credential is renewed while the request's budget
// (max retries, at least one renewal) and its context last.
func (c *Core) mayRenew(ctx context.Context, req Request, err error, renewals int) bool {
	apiErr, ok := AsAPIError(err)
	if !ok || req.NoAuth || c.auth == nil || !c.isAuthFailure(apiErr) || ctx.Err() != nil {
		return false
	}
	return renewals < max(1, c.maxRetries)
}

// authorizeError is a failure to obtain credentials. It is never retried: a
// refused login repeated would only lock the user's account.
type authorizeError struct{ err error }

func (e authorizeError) Error() string { return e.err.Error() }
func (e authorizeError) Unwrap() error { return e.err }

type response struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// send performs the request with retries and returns the credential used.
func (c *Core) send(ctx context.Context, req Request, body []byte) (string, *response, error) {
	for attempt := 0; ; attempt++ {
		used, resp, err := c.attempt(ctx, req, body, attempt)
		wait, retry := c.retryAfter(req, resp, err, attempt)
		if !retry {
			noteRateLimit(resp, time.Now())
			return used, resp, err
		}
		tflog.Debug(ctx, "retrying API request", map[string]any{
			"method": req.Method, "path": req.Path, "attempt": attempt + 1, "wait_ms": wait.Milliseconds(),
			"error": c.redact.Text(attemptError(resp, err).Error()),
		})
		if err := sleep(ctx, wait); err != nil {
			return used, resp, err
		}
	}
}

func (c *Core) attempt(ctx context.Context, req Request, body []byte, attempt int) (string, *response, error) {
	httpReq, err := c.newRequest(ctx, req, body)
	if err != nil {
		return "", nil, err
	}
	used := ""
	if !req.NoAuth && c.auth != nil {
		if used, err = c.auth.Authorize(ctx, httpReq); err != nil {
			return "", nil, authorizeError{err}
		}
	}
	start := time.Now()
	httpResp, err := c.http.Do(httpReq)
	if err != nil {
		logRequest(ctx, req, 0, "", time.Since(start), attempt)
		return used, nil, fmt.Errorf("%s: %w", req.call(), err)
	}
	defer httpResp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(httpResp.Body, maxBodyBytes))
	if err != nil {
		return used, nil, fmt.Errorf("%s: reading response: %w", req.call(), err)
	}
	resp := &response{status: httpResp.StatusCode, header: httpResp.Header, body: data}
	if httpResp.StatusCode < 200 || httpResp.StatusCode > 299 {
		resp.err = c.decodeError(req.Method, req.Path, httpResp.StatusCode, httpResp.Header, data)
		if apiErr, ok := AsAPIError(resp.err); ok {
			apiErr.Read = req.Read
		}
	}
	code := ""
	if apiErr, ok := AsAPIError(resp.err); ok {
		code = apiErr.Code
	}
	logRequest(ctx, req, resp.status, code, time.Since(start), attempt)
	return used, resp, nil
}

const maxBodyBytes = 32 << 20

// attemptError is why an attempt failed: a transport error or an error answer.
func attemptError(resp *response, err error) error {
	if err == nil && resp != nil {
		err = resp.err
	}
	if err == nil {
		return errors.New("no error")
	}
	return err
}

func (c *Core) newRequest(ctx context.Context, req Request, body []byte) (*http.Request, error) {
	u, err := url.Parse(c.baseURL.String() + req.Path)
	if err != nil {
		return nil, fmt.Errorf("invalid request path %q: %w", req.Path, err)
	}
	if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	httpReq, err := http.NewRequestWithContext(ctx, req.Method, u.String(), reader)
	if err != nil {
		return nil, err
	}
	for k, vs := range req.Header {
		httpReq.Header[k] = vs
	}
	httpReq.Header.Set("Accept", "application/json")
	if body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if c.userAgent != "" {
		httpReq.Header.Set("User-Agent", c.userAgent)
	}
	return httpReq, nil
}

func encodeBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding request body: %w", err)
	}
	return data, nil
}

func decodeBody(req Request, resp *response, out any) error {
	if out == nil || len(bytes.TrimSpace(resp.body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.body, out); err != nil {
		return fmt.Errorf("%s: HTTP %d with a body that is not the expected JSON (%w): %s",
			req.call(), resp.status, err, snippet(resp.body))
	}
	return nil
}

// providerLogsOff is true when TF_LOG_PROVIDER is "off", as the provider
// process sets it when no TF_LOG* variable asks for logs. terraform-plugin-log
// still merges every call's fields before it drops the line, which on a
// refresh of thousands of resources costs more than the request's own JSON.
func providerLogsOff() bool { return strings.EqualFold(os.Getenv("TF_LOG_PROVIDER"), "off") }

func logRequest(ctx context.Context, req Request, status int, code string, d time.Duration, attempt int) {
	if providerLogsOff() {
		return
	}
	fields := map[string]any{
		"method": req.Method, "path": req.Path, "status": status, "duration_ms": d.Milliseconds(),
	}
	if code != "" {
		fields["api_code"] = code
	}
	if attempt > 0 {
		fields["attempt"] = attempt + 1
	}
	tflog.Debug(ctx, "API request", fields)
}

// snippet returns the start of a body for error messages.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
