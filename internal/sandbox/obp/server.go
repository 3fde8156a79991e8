// Package obp is an in-memory HTTP server that answers like OBP-API
// (Open Bank Project) for the customer and account endpoints, so the Terraform provider
// can be tested without a real OBP instance. It follows OBP-API's own source
// and its OpenAPI export, both generations of server (Generation).
package obp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

// Generation is the OBP-API server generation the sandbox reproduces.
type Generation string

const (
	// Gen2024 answers like OBP-API as of October 2024 (Lift).
	Gen2024 Generation = "2024"
	// Gen2026 answers like OBP-API since its move to http4s (2026): renamed
	// customer roles, 401 for a bad token, the bank checked before roles,
	// OBP-50000 for unknown failures and Idempotency-Key on creates.
	Gen2026 Generation = "2026"
)

// ParseGeneration reads "2024" or "2026"; "" is the default, Gen2026.
func ParseGeneration(s string) (Generation, error) {
	switch Generation(s) {
	case "", Gen2026:
		return Gen2026, nil
	case Gen2024:
		return Gen2024, nil
	}
	return "", fmt.Errorf("unknown OBP server generation %q: want 2024 or 2026", s)
}

// checkBank2026 is the bank check the 2026 server's middleware makes on
// every endpoint whose URL has a BANK_ID, after authentication and before
// the roles: 404 OBP-30001. The 2024 list endpoints
// check no bank; bankID "" (no bank in the URL) checks nothing.
func (s *Server) checkBank2026(bankID string) error {
	if s.opts.Generation == Gen2024 || bankID == "" || s.st.bankExists(bankID) {
		return nil
	}
	return errBankNotFound(http.StatusNotFound, bankID)
}

// Options configures a Server. The zero value gives normal behaviour.
type Options struct {
	// Now is the clock of kept Idempotency-Key answers and of the login
	// limiter; defaults to time.Now.
	Now func() time.Time
	// Generation is the server generation to reproduce; "" means Gen2026.
	Generation Generation
	// LoginLimitPerMinute, when above 0, is the 2026 login limiter
	// (AuthRateLimiter in enforce mode): DirectLogins
	// beyond this many per username within a minute are answered 429
	// OBP-10061 with Retry-After. 0 is the 2026 server's default (the limiter
	// off, or in shadow mode). Gen2024 had no such limiter and ignores it.
	LoginLimitPerMinute int
}

// Server is an http.Handler emulating OBP-API. Create it with New.
type Server struct {
	// Counter counts the requests per route, keyed by method and route
	// template without the version prefix, e.g.
	// "GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}" or "POST /my/logins/direct"
	// (one key for the bare and the versioned path). Requests that matched no
	// route are not counted.
	counter.Counter

	opts   Options
	routes []route

	idem *idempotency

	mu      sync.Mutex // guards everything below
	st      *store
	logins  int
	failure *failure     // FailUnexpectedly
	limiter loginLimiter // Options.LoginLimitPerMinute
	// loginsLimited counts logins the limiter refused.
	loginsLimited int
}

// New returns a server with a fresh, independent, seeded store.
func New(opts Options) *Server {
	if opts.Generation == "" {
		opts.Generation = Gen2026
	}
	s := &Server{opts: opts, st: newStore(), idem: newIdempotency(opts.Now)}
	seed(s.st, opts.Generation)
	s.routes = s.routeTable()
	return s
}

// call is one request as seen by a handler.
type call struct {
	r       *http.Request
	version string
	params  map[string]string
	raw     []byte
	header  http.Header // extra response headers
}

func (c *call) param(name string) string { return c.params[name] }

// host is the hostname/local identity provider the server reports.
func (c *call) host() string { return "http://" + c.r.Host }

// response is what a handler produced; it is written after the lock is released.
type response struct {
	status int
	body   any // nil with 204
	header http.Header
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	writeResponse(w, s.handle(r))
}

func (s *Server) handle(r *http.Request) (res response) {
	defer func() {
		if p := recover(); p != nil {
			res = errorResponse(r, unknownError(s.opts.Generation, fmt.Sprint(p)))
		}
	}()
	keyed := s.opts.Generation != Gen2024 && usesIdempotency(r) // the 2024 server ignores the header
	if keyed && !validIdempotencyKey(r.Header.Get(headerIdempotencyKey)) {
		return plainError(http.StatusBadRequest, msgIdempotencyInvalidKey)
	}
	rt, c, ok := s.match(r)
	if !ok {
		return errorResponse(r, errNotFoundURI(r.URL.Path))
	}
	if rt.json {
		raw, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
		if err != nil {
			return errorResponse(r, errInvalidJSON(err.Error()))
		}
		c.raw = raw
	}
	if keyed {
		return s.withIdempotency(r, rt, c.raw, func() response { return s.run(rt, c) })
	}
	return s.run(rt, c)
}

// run dispatches one request under the store's lock.
func (s *Server) run(rt route, c *call) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.CountRequest(rt.name())
	return s.dispatch(rt, c)
}

// handleRoute runs the route's handler, or fails the request the way
// FailUnexpectedly asked.
func (s *Server) handleRoute(rt route, c *call) (int, any, error) {
	if f := s.failure; f != nil && f.match(c.r) {
		return 0, nil, errors.New(f.detail)
	}
	return rt.handle(c)
}

func (s *Server) dispatch(rt route, c *call) response {
	if rt.json {
		if err := checkSyntax(c.raw); err != nil {
			return errorResponse(c.r, asAPIError(s.opts.Generation, err))
		}
	}
	status, body, err := s.handleRoute(rt, c)
	if err != nil {
		return errorResponse(c.r, asAPIError(s.opts.Generation, err))
	}
	return response{status: status, body: body, header: c.header}
}

// match finds the route for the request; POST/PUT routes only match a JSON
// content type, like OBP's JsonPost/JsonPut extractors.
func (s *Server) match(r *http.Request) (route, *call, bool) {
	segs, version, ok := splitPath(r)
	if !ok {
		return route{}, nil, false
	}
	for _, rt := range s.routes {
		if rt.method != r.Method || rt.versioned != (version != "") ||
			(rt.versions != nil && !contains(rt.versions, version)) {
			continue
		}
		params, ok := rt.matchSegments(segs)
		if !ok || (rt.json && !isJSONContentType(r)) {
			continue
		}
		return rt, &call{r: r, version: version, params: params, header: http.Header{}}, true
	}
	return route{}, nil, false
}

var supportedVersions = []string{"v5.0.0", "v5.1.0", v600}

// splitPath returns the unescaped path segments after the optional
// /obp/{version} prefix.
func splitPath(r *http.Request) (segs []string, version string, ok bool) {
	segs = strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	for i, seg := range segs {
		if segs[i], ok = unescape(seg); !ok {
			return nil, "", false
		}
	}
	if len(segs) >= 2 && segs[0] == "obp" {
		if !contains(supportedVersions, segs[1]) {
			return nil, "", false
		}
		return segs[2:], segs[1], true
	}
	return segs, "", true
}

func isJSONContentType(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

func errorResponse(r *http.Request, e *apiError) response {
	status := statusFor(e)
	res := response{status: status, body: errorBody{Code: status, Message: e.msg}, header: http.Header{}}
	if status == http.StatusUnauthorized && strings.Contains(e.msg, "OBP-20001") {
		realm := `"http://` + r.Host + `"`
		res.header.Set("WWW-Authenticate", "OAuth realm="+realm+", Bearer realm="+realm+", DirectLogin realm="+realm)
	}
	if e.retryAfter > 0 {
		res.header.Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	return res
}

type errorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeResponse(w http.ResponseWriter, res response) {
	for k, v := range res.header {
		w.Header()[k] = v
	}
	if res.status == http.StatusNoContent {
		w.WriteHeader(res.status)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(res.status)
	_, _ = w.Write(encodeJSON(res.body))
}

// encodeJSON marshals without HTML escaping (messages contain "<-").
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte(`{"code":500,"message":"` + msgInternalServerError + `"}`)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
