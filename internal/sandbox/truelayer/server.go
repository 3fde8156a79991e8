// Package truelayer is an in-memory fake of TrueLayer: the auth server's
// client-credentials token endpoint (POST /connect/token) and the Data API
// v3 connected-accounts endpoint (GET /v3/connected-accounts), on one
// http.Handler. It enforces the bearer token, the Connection-Id header,
// cursor pagination and Problem JSON errors of TrueLayer's public Data API v3
// documentation. Paths are relative to the
// handler, so it can be mounted under a prefix with http.StripPrefix.
package truelayer

import (
	"net/http"
	"sync"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

// Endpoint paths, relative to the handler's mount point.
const (
	TokenPath             = "/connect/token"
	ConnectedAccountsPath = "/v3/connected-accounts"
)

// Options configures a Server. The zero value gives the defaults.
type Options struct {
	// TokenTTL is the lifetime of issued tokens (expires_in); default 1h.
	TokenTTL time.Duration
	// PageSize is the number of accounts per page; default 2.
	PageSize int
	// InvalidClientStatus is the status of an invalid_client token error;
	// default 400 (IdentityServer style; RFC 6749 also allows 401).
	InvalidClientStatus int
	// EndUserIPHeaders are the accepted end-user IP header names; default
	// Tl-User-IP (v3 error table) and X-PSU-IP (v1 documentation).
	EndUserIPHeaders []string
	// RateLimit is how many API requests without an end-user IP header are
	// answered before 429 rate-limit-exceeded; 0 means unlimited.
	RateLimit int
	// RetryAfter, when positive, is sent (in whole seconds) with 429 answers.
	RetryAfter time.Duration
	// NullLastCursor renders the last page as "pagination":{"next_cursor":null}
	// instead of omitting next_cursor.
	NullLastCursor bool
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Server is the fake; create it with New. It is safe for concurrent use.
type Server struct {
	// Counter counts the requests per endpoint, keyed by method and path,
	// e.g. "POST " + TokenPath or "GET " + ConnectedAccountsPath, whatever
	// their outcome.
	counter.Counter

	opts        Options
	connections map[string]*connection // immutable after New

	mu         sync.Mutex // guards everything below
	tokens     map[string]*token
	issued     int
	unattended int
	lastIP     string
}

// token is an issued access token.
type token struct {
	scopes  map[string]bool
	expires time.Time
}

// New returns a server with its own seeded data.
func New(opts Options) *Server {
	return &Server{
		opts:        withDefaults(opts),
		connections: seed(),
		tokens:      map[string]*token{},
	}
}

func withDefaults(o Options) Options {
	if o.TokenTTL <= 0 {
		o.TokenTTL = time.Hour
	}
	if o.PageSize <= 0 {
		o.PageSize = 2
	}
	if o.InvalidClientStatus == 0 {
		o.InvalidClientStatus = http.StatusBadRequest
	}
	if o.EndUserIPHeaders == nil {
		o.EndUserIPHeaders = []string{"Tl-User-IP", "X-PSU-IP"}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case TokenPath:
		s.CountRequest(counter.Key(r.Method, TokenPath))
		s.serveToken(w, r)
	case ConnectedAccountsPath:
		s.CountRequest(counter.Key(r.Method, ConnectedAccountsPath))
		s.serveAccounts(w, r)
	default:
		writeProblem(w, problemf(http.StatusNotFound, typeNotFound, "Not Found", "No resource at %s.", r.URL.Path))
	}
}
