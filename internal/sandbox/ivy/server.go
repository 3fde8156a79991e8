// Package ivy is an in-memory fake of Ivy's Data API accounts endpoints
// (list, retrieve, refresh, disconnect), for tests of the ivy client and the
// provider. It enforces the X-Ivy-Api-Key header, JSON POST bodies, paging
// limits and Ivy's error envelope of Ivy's public Data API documentation. Paths are relative to the
// API base URL, so the server can be mounted under any prefix with
// http.StripPrefix.
package ivy

import (
	"net/http"
	"strings"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

// Constants of the fake.
const (
	// APIKey is the key the server accepts.
	APIKey = "ivy_sandbox_0123456789abcdef"
	// ForbiddenAPIKey is a valid key without Data API permission (403).
	ForbiddenAPIKey = "ivy_sandbox_no_data_permission"
	// APIKeyHeader carries the API key.
	APIKeyHeader = "X-Ivy-Api-Key"
	// DefaultLimit and MaxLimit bound list pages.
	DefaultLimit = 10
	MaxLimit     = 100
	// SeedAccounts is the number of seeded accounts.
	SeedAccounts = 25
	// DocURL is the docUrl of every error.
	DocURL = "https://docs.getivy.de/reference/errors"
	// SpellingCamel and SpellingSnake are the values of Options.Spelling.
	SpellingCamel = "camel"
	SpellingSnake = "snake"
)

// The server serves both prefixes when Options.PathPrefix is empty: the
// seed's plural one and the singular one of Ivy's other endpoints.
const (
	PrefixServices = "/api/services/"
	PrefixService  = "/api/service/"
)

// Options configure a Server. The zero value serves both prefixes in
// camelCase with the strictest plausible validation.
type Options struct {
	// PathPrefix restricts the server to one prefix (e.g. "/api/service/").
	PathPrefix string
	// Spelling of financial addresses: SpellingCamel ("sortCode", default)
	// or SpellingSnake ("sort_code", "account_number"...).
	Spelling string
	// ClampLimit answers a limit above MaxLimit with MaxLimit accounts
	// instead of 400 VALIDATION (the real behaviour is unconfirmed).
	ClampLimit bool
	// AllowUnknownFields ignores unknown body fields instead of 400 VALIDATION.
	AllowUnknownFields bool
	// LenientContentType accepts bodies whatever their Content-Type.
	LenientContentType bool
	// LegacyErrorFields adds the deprecated devMessage and statusCode to errors.
	LegacyErrorFields bool
}

// Server is an http.Handler emulating the Ivy Data API. Create it with New.
type Server struct {
	// Counter counts the requests to the endpoints, keyed by method and URL
	// path as the server saw it, e.g. "POST /api/services/data/accounts/list",
	// whatever their outcome.
	counter.Counter

	opts     Options
	prefixes []string

	mu       sync.Mutex // guards everything below
	accounts []*account
	byID     map[string]*account
}

// New returns a server with a fresh, independent store of SeedAccounts
// accounts. It panics on an invalid Options.Spelling.
func New(opts Options) *Server {
	switch opts.Spelling {
	case "":
		opts.Spelling = SpellingCamel
	case SpellingCamel, SpellingSnake:
	default:
		panic("ivy sandbox: Spelling must be \"camel\" or \"snake\", not " + opts.Spelling)
	}
	s := &Server{opts: opts, prefixes: []string{PrefixServices, PrefixService}, byID: map[string]*account{}}
	if opts.PathPrefix != "" {
		s.prefixes = []string{"/" + strings.Trim(opts.PathPrefix, "/") + "/"}
	}
	for _, a := range seedAccounts() {
		s.accounts = append(s.accounts, a)
		s.byID[a.ID] = a
	}
	return s
}

// AccountIDs returns the ids of the stored accounts in list order.
func (s *Server) AccountIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.accounts))
	for i, a := range s.accounts {
		ids[i] = a.ID
	}
	return ids
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.endpoint(r.URL.Path); ok {
		s.CountRequest(counter.Key(r.Method, r.URL.Path))
	}
	status, body := s.handle(r)
	writeJSON(w, status, body)
}

// endpoint returns the operation ("list", "retrieve"...) of a path.
func (s *Server) endpoint(path string) (string, bool) {
	for _, p := range s.prefixes {
		rest, ok := strings.CutPrefix(path, p+"data/accounts/")
		if ok && handlerFor(rest) != nil {
			return rest, true
		}
	}
	return "", false
}

// handle checks the request in the order route, auth, headers, body and
// then runs the operation.
func (s *Server) handle(r *http.Request) (int, any) {
	op, ok := s.endpoint(r.URL.Path)
	if !ok || r.Method != http.MethodPost {
		return s.fail(errNoRoute(r.Method, r.URL.Path))
	}
	if e := checkKey(r.Header.Get(APIKeyHeader)); e != nil {
		return s.fail(e)
	}
	if e := s.checkHeaders(r); e != nil {
		return s.fail(e)
	}
	body, e := s.readBody(r)
	if e != nil {
		return s.fail(e)
	}
	res, e := handlerFor(op)(s, body)
	if e != nil {
		return s.fail(e)
	}
	return http.StatusOK, res
}
