package truelayer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// TokenPath is the token endpoint, relative to the auth server URL.
const TokenPath = "/connect/token"

// Scope is the OAuth2 scope the Data API requires.
const Scope = "data"

// maxRenewMargin caps how long before its expiry a token is replaced.
const maxRenewMargin = time.Minute

const maxTokenBody = 1 << 20

// tokenSource is the client.Authenticator of the Data API: one
// client-credentials token shared by all requests. Concurrent callers that
// need a new token wait for a single token request and share its outcome.
type tokenSource struct {
	http         *http.Client
	redact       *client.Redactor // learns every token obtained
	url          string
	clientID     string
	clientSecret string
	userAgent    string
	now          func() time.Time

	mu       sync.Mutex // guards the fields below
	token    string
	expiry   time.Time // zero: no known expiry
	flight   *tokenFlight
	requests int
}

// tokenFlight is one token request in progress.
type tokenFlight struct {
	done  chan struct{}
	token string
	err   error
}

func newTokenSource(tokenURL string, cfg Config) *tokenSource {
	return &tokenSource{
		url: tokenURL, clientID: cfg.ClientID, clientSecret: cfg.ClientSecret,
		userAgent: cfg.UserAgent, now: time.Now,
	}
}

// Authorize adds the shared bearer token, requesting one first if needed.
func (s *tokenSource) Authorize(ctx context.Context, req *http.Request) (string, error) {
	tok, err := s.get(ctx, "")
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	return tok, nil
}

// Renew replaces the refused token unless another request already did.
func (s *tokenSource) Renew(ctx context.Context, used string) (bool, error) {
	_, err := s.get(ctx, used)
	return err == nil, err
}

func (s *tokenSource) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// get returns a valid token other than refused, joining or starting a
// token request when there is none.
func (s *tokenSource) get(ctx context.Context, refused string) (string, error) {
	s.mu.Lock()
	if s.validLocked(refused) {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	f := s.flight
	if f == nil {
		f = &tokenFlight{done: make(chan struct{})}
		s.flight, s.token = f, ""
		s.requests++
		s.mu.Unlock()
		s.run(ctx, f)
	} else {
		s.mu.Unlock()
	}
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *tokenSource) validLocked(refused string) bool {
	if s.token == "" || s.token == refused {
		return false
	}
	return s.expiry.IsZero() || s.now().Before(s.expiry)
}

func (s *tokenSource) run(ctx context.Context, f *tokenFlight) {
	tok, ttl, err := s.fetch(ctx)
	if err == nil {
		s.redact.Add(tok)
	}
	err = s.redact.Error(err)
	s.mu.Lock()
	s.flight = nil
	if err == nil {
		s.token, s.expiry = tok, s.expiryFor(ttl)
	}
	s.mu.Unlock()
	f.token, f.err = tok, err
	close(f.done)
}

// expiryFor is when a token living ttl is replaced: a tenth of its lifetime
// early, at most a minute. A token without lifetime lasts until refused.
func (s *tokenSource) expiryFor(ttl time.Duration) time.Time {
	if ttl <= 0 {
		return time.Time{}
	}
	return s.now().Add(ttl - min(maxRenewMargin, ttl/10))
}

// fetch sends one token request. It is never retried; errors never carry
// the client secret or the token.
func (s *tokenSource) fetch(ctx context.Context) (string, time.Duration, error) {
	req, err := s.newRequest(ctx)
	if err != nil {
		return "", 0, fmt.Errorf("obtaining a TrueLayer access token: %w", err)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("obtaining a TrueLayer access token: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody))
	if err != nil {
		return "", 0, fmt.Errorf("obtaining a TrueLayer access token: reading response: %w", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", 0, fmt.Errorf("obtaining a TrueLayer access token: %w",
			decodeTokenError(resp.StatusCode, resp.Header, body))
	}
	tok, ttl, err := parseToken(resp.StatusCode, resp.Header, body)
	if err != nil {
		return "", 0, fmt.Errorf("obtaining a TrueLayer access token: POST %s: %w", TokenPath, err)
	}
	return tok, ttl, nil
}

func (s *tokenSource) newRequest(ctx context.Context) (*http.Request, error) {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {s.clientID},
		"client_secret": {s.clientSecret},
		"scope":         {Scope},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if s.userAgent != "" {
		req.Header.Set("User-Agent", s.userAgent)
	}
	return req, nil
}

// tokenResponse is the token endpoint's success body (RFC 6749 §5.1).
type tokenResponse struct {
	AccessToken string      `json:"access_token"`
	ExpiresIn   json.Number `json:"expires_in"`
	TokenType   string      `json:"token_type"`
	Scope       string      `json:"scope"`
}

// parseToken reads a token answer. It never quotes the body, which may hold a token.
func parseToken(status int, header http.Header, body []byte) (string, time.Duration, error) {
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		mediaType, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
		return "", 0, fmt.Errorf("HTTP %d with a body that is not a JSON token response (content type %q, %d bytes)",
			status, mediaType, len(body))
	}
	if tr.AccessToken == "" {
		return "", 0, fmt.Errorf("HTTP %d response has no access_token", status)
	}
	if tr.TokenType != "" && !strings.EqualFold(tr.TokenType, "Bearer") {
		return "", 0, fmt.Errorf("unsupported token_type %q, want Bearer", tr.TokenType)
	}
	return tr.AccessToken, expiresIn(tr.ExpiresIn), nil
}

// expiresIn converts expires_in seconds; absent or invalid means unknown (0).
func expiresIn(n json.Number) time.Duration {
	secs, err := n.Float64()
	if err != nil || secs <= 0 {
		return 0
	}
	return time.Duration(secs * float64(time.Second))
}
