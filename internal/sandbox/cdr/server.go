// Package cdr is an in-memory fake of an Australian Consumer Data Right
// banking data holder serving "Get Accounts" (V2 and V3) and "Get Balances
// For Specific Accounts" (V1). It enforces the standard's bearer token,
// x-v/x-min-v negotiation, FAPI headers, paging limits and error envelope.
// Mount it anywhere (for example under /cdr with http.StripPrefix): paths
// are relative to the holder's resourceBaseUri.
package cdr

import (
	"net/http"
	"net/url"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

// Paths and credentials of the sandbox.
const (
	// AccountsPath is Get Accounts relative to the resourceBaseUri.
	AccountsPath = "/cds-au/v1/banking/accounts"
	// BearerToken is a valid access token with scope bank:accounts.basic:read.
	BearerToken = "cdr-sandbox-access-token"
	// NoScopeToken is a valid token without bank:accounts.basic:read (403 InvalidConsent).
	NoScopeToken = "cdr-sandbox-token-without-scope"
	// RevokedToken is a token whose consent was revoked (403 RevokedConsent).
	RevokedToken = "cdr-sandbox-token-revoked"
	// ExpiredToken is an expired token (401 with error_description).
	ExpiredToken = "cdr-sandbox-token-expired"
	// DefaultMaxPageSize is the standard's maximum page-size.
	DefaultMaxPageSize = 1000
	// DefaultPageSize is the standard's default page-size.
	DefaultPageSize = 25
)

// LinkStyle selects how the sandbox writes the paging links.
type LinkStyle int

// Link styles. LinksAbsolute is what the standard requires; the others mimic
// holders a client must survive.
const (
	// LinksAbsolute writes fully qualified links with page and page-size.
	LinksAbsolute LinkStyle = iota
	// LinksRelative writes absolute-path references ("/prefix/cds-au/...?page=2").
	LinksRelative
	// LinksCursor writes fully qualified links carrying an opaque "cursor"
	// parameter instead of "page" (the sandbox then accepts "cursor").
	LinksCursor
	// LinksMalformed glues host and query together ("http://hostpage=2&…"),
	// as observed on the reference mock data holder.
	LinksMalformed
	// LinksNone writes only "self".
	LinksNone
)

// Options configure a Server. The zero value is a strict, standard holder
// serving V2 and V3 with the seeded accounts.
type Options struct {
	// Versions are the Get Accounts versions served (default {2, 3}).
	Versions []int
	// Accounts replace the seeded accounts when not nil.
	Accounts []Account
	// BaseURL is the fully qualified resourceBaseUri used in links; by default
	// it is derived from the request (scheme, Host and any stripped prefix).
	BaseURL string
	// Links selects the style of the paging links.
	Links LinkStyle
	// MaxPageSize defaults to DefaultMaxPageSize.
	MaxPageSize int
	// AllowMissingAuthDate accepts calls without x-fapi-auth-date (the
	// standard requires it on every authenticated resource call).
	AllowMissingAuthDate bool
	// AllowMissingClientHeaders accepts customer-present calls (with
	// x-fapi-customer-ip-address) without x-cds-client-headers.
	AllowMissingClientHeaders bool
	// AllowUnknownParams ignores unknown query parameters instead of 400
	// Field/Invalid (the reference holder refuses them; unconfirmed standard rule).
	AllowUnknownParams bool
	// LegacyOutOfRangePage answers a page past the end with 400 Field/Invalid
	// like the ACCC mock instead of the standard's 422 Field/InvalidPage.
	LegacyOutOfRangePage bool
	// RequireClientCert refuses requests that did not present a TLS client
	// certificate (mTLS) with 401.
	RequireClientCert bool
	// BareStringAuthErrors answers an unknown token with 403 and a bare JSON
	// string body, as observed on a real holder, instead of 401.
	BareStringAuthErrors bool
	// BalanceVersions are the Get Balances For Specific Accounts versions
	// served (default {1}).
	BalanceVersions []int
}

// Server is the fake data holder. It is safe for concurrent use.
type Server struct {
	// Counter counts the requests to Get Accounts, keyed by method and
	// AccountsPath, e.g. "GET " + AccountsPath, whatever their outcome.
	counter.Counter

	opts     Options
	accounts []Account

	mu          sync.Mutex
	lastHeaders http.Header
	lastQuery   url.Values
}

// New returns a Server with its own copy of the data.
func New(opts Options) *Server {
	if len(opts.Versions) == 0 {
		opts.Versions = []int{2, 3}
	}
	opts.Versions = append([]int(nil), opts.Versions...)
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	accounts := opts.Accounts
	if accounts == nil {
		accounts = Seed()
	}
	return &Server{opts: opts, accounts: cloneAccounts(accounts)}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.record(r)
	w.Header().Set(headerInteractionID, interactionID(r.Header.Get(headerInteractionID)))
	if r.URL.Path != AccountsPath {
		s.serveOther(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, CodeExpected, "Method not allowed: "+r.Method)
		return
	}
	s.listAccounts(w, r)
}

// record counts the request and keeps its headers and query.
func (s *Server) record(r *http.Request) {
	if r.URL.Path == AccountsPath || r.URL.Path == BalancesPath {
		s.CountRequest(counter.Key(r.Method, r.URL.Path))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastHeaders = r.Header.Clone()
	s.lastQuery = r.URL.Query()
}

// LastHeaders returns a copy of the headers of the last request.
func (s *Server) LastHeaders() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastHeaders.Clone()
}

// LastQuery returns a copy of the query of the last request.
func (s *Server) LastQuery() url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := url.Values{}
	for k, v := range s.lastQuery {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// Accounts returns a copy of the accounts the server holds.
func (s *Server) Accounts() []Account { return cloneAccounts(s.accounts) }
