// Package thredd is an in-memory fake of Thredd Open Banking's "Get All
// Customer Accounts" endpoint, as Thredd's public Open Banking API documents it. Paths are relative to the API
// base URL, so the server can be mounted under any prefix with http.StripPrefix.
package thredd

import (
	"crypto/rand"
	"net/http"
	"strings"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

// AccountsPath is the route pattern of the endpoint, relative to the base URL.
const AccountsPath = "/api/v1/open-banking/customers/{openbanking_customer_id}/accounts"

// Options configures a Server. The zero value gives the default behaviour;
// the knobs cover points the contract leaves unconfirmed.
type Options struct {
	// ClientID is the accepted client-id header (default ClientID).
	ClientID string
	// PartnerID is the accepted non-default partner-id (default PartnerID).
	// An absent or empty partner-id means the default partner and is accepted.
	PartnerID string
	// BearerToken is the accepted access token (default BearerToken).
	BearerToken string
	// RequireBearer refuses requests without an Authorization bearer token.
	// A token that is sent is always checked, required or not.
	RequireBearer bool
	// InvalidClientIDStatus is the status for an unknown client-id (default 401).
	InvalidClientIDStatus int
	// IgnoreAccept accepts any Accept header; by default an Accept header that
	// excludes application/json is refused with 406.
	IgnoreAccept bool
	// EmptyCustomerNotFound answers 404 for a registered customer without
	// accounts, instead of 200 with an empty list and count 0.
	EmptyCustomerNotFound bool
	// NullEmptyList renders an empty customer_accounts as null instead of [].
	NullEmptyList bool
}

// Server is the fake API; an http.Handler safe for concurrent use. Create it with New.
type Server struct {
	// Counter counts the requests to the endpoint, keyed by method and
	// AccountsPath, e.g. "GET " + AccountsPath, whatever their outcome.
	counter.Counter

	opts Options
	mux  *http.ServeMux

	mu        sync.Mutex // guards everything below
	customers map[string][]Account
}

// New returns a server with its own freshly seeded data.
func New(opts Options) *Server {
	if opts.ClientID == "" {
		opts.ClientID = ClientID
	}
	if opts.PartnerID == "" {
		opts.PartnerID = PartnerID
	}
	if opts.BearerToken == "" {
		opts.BearerToken = BearerToken
	}
	if opts.InvalidClientIDStatus == 0 {
		opts.InvalidClientIDStatus = http.StatusUnauthorized
	}
	s := &Server{opts: opts, customers: seedStore(), mux: http.NewServeMux()}
	s.mux.HandleFunc(AccountsPath, s.getAccounts)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, msgNotFound)
	})
	return s
}

// ServeHTTP implements http.Handler. Checks run in this order: bearer token,
// client-id, partner-id, Accept, route, method, customer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == AccountsPath {
		s.CountRequest(counter.Key(r.Method, pattern))
	}
	if e := s.checkHeaders(r); e != nil {
		e.write(w)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) getAccounts(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, msgMethodNotAllowed)
		return
	}
	accounts, ok := s.Accounts(r.PathValue("openbanking_customer_id"))
	if !ok || (len(accounts) == 0 && s.opts.EmptyCustomerNotFound) {
		writeError(w, http.StatusNotFound, CodeCustomerNotFound, msgCustomerNotFound)
		return
	}
	if len(accounts) == 0 && s.opts.NullEmptyList {
		accounts = nil
	}
	writeJSON(w, http.StatusOK, accountsResponse{RequestID: requestID(), CustomerAccounts: accounts, Count: len(accounts)})
}

// RegisterCustomer registers a customer without accounts (no-op if it exists).
func (s *Server) RegisterCustomer(customerID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.customers[customerID]; !ok {
		s.customers[customerID] = []Account{}
	}
}

// AddAccount connects an account to a customer, registering the customer if needed.
func (s *Server) AddAccount(customerID string, a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.customers[customerID] = append(s.customers[customerID], a.clone())
}

// Accounts returns a copy of a customer's accounts and whether it is registered.
func (s *Server) Accounts(customerID string) ([]Account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	accounts, ok := s.customers[customerID]
	if !ok {
		return nil, false
	}
	return cloneAccounts(accounts), true
}

// requestID returns a new correlation id for a response.
func requestID() string {
	return "req-" + strings.ToLower(rand.Text()[:16])
}
