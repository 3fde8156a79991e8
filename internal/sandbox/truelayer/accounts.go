package truelayer

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// page is the body of GET /v3/connected-accounts.
type page struct {
	Items      []Account  `json:"items"`
	Pagination pagination `json:"pagination"`
}

type pagination struct {
	NextCursor *string `json:"next_cursor,omitempty"`
}

// nullCursor renders next_cursor as null on the last page.
type nullCursor struct {
	NextCursor *string `json:"next_cursor"`
}

// serveAccounts answers GET /v3/connected-accounts.
func (s *Server) serveAccounts(w http.ResponseWriter, r *http.Request) {
	body, p := s.accounts(r)
	if p != nil {
		writeProblem(w, p)
		return
	}
	w.Header().Set("Tl-Trace-Id", newTraceID())
	writeJSON(w, "application/json; charset=utf-8", http.StatusOK, body)
}

// accounts runs the checks in the order: method, token, scope, headers,
// connection, rate limit, cursor.
func (s *Server) accounts(r *http.Request) (any, *problem) {
	if r.Method != http.MethodGet {
		p := problemf(http.StatusMethodNotAllowed, typeMethodNotAllowed, "Method Not Allowed", "Method %s is not allowed.", r.Method)
		p.header.Set("Allow", http.MethodGet)
		return nil, p
	}
	if p := s.authenticate(r); p != nil {
		return nil, p
	}
	conn, ip, p := s.connection(r)
	if p != nil {
		return nil, p
	}
	if p := s.rateLimit(ip); p != nil {
		return nil, p
	}
	offset, p := conn.offset(r.URL.Query()[cursorParam])
	if p != nil {
		return nil, p
	}
	return s.page(conn, offset), nil
}

// authenticate checks the bearer token and its data scope.
func (s *Server) authenticate(r *http.Request) *problem {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return unauthenticated("", "The access token is missing.")
	}
	scheme, value, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(value) == "" {
		return unauthenticated("invalid_request", "The access token is malformed.")
	}
	s.mu.Lock()
	tok, found := s.tokens[strings.TrimSpace(value)]
	expired := found && !s.opts.Now().Before(tok.expires)
	s.mu.Unlock()
	switch {
	case !found:
		return unauthenticated("invalid_token", "The access token is invalid.")
	case expired:
		return unauthenticated("invalid_token", "The access token has expired.")
	case !tok.scopes["data"]:
		return problemf(http.StatusForbidden, typeForbidden, "Forbidden", "The access token does not have the data scope.")
	}
	return nil
}

func unauthenticated(oauthCode, detail string) *problem {
	p := problemf(http.StatusUnauthorized, typeUnauthenticated, "Unauthenticated", "%s", detail)
	challenge := "Bearer"
	if oauthCode != "" {
		challenge += fmt.Sprintf(` error=%q`, oauthCode)
	}
	p.header.Set("WWW-Authenticate", challenge)
	return p
}

// connection validates Connection-Id and the end-user IP header, and looks
// the connection up.
func (s *Server) connection(r *http.Request) (*connection, string, *problem) {
	id := strings.TrimSpace(r.Header.Get(connectionIDHeader))
	if id == "" {
		return nil, "", invalidParam("Invalid request parameters.", connectionIDHeader, "The header is required.")
	}
	ip, p := s.endUserIP(r)
	if p != nil {
		return nil, "", p
	}
	conn, ok := s.connections[id]
	switch {
	case !ok:
		return nil, "", problemf(http.StatusNotFound, typeNotFound, "Not Found", "Connection %s was not found.", id)
	case !conn.scopes["accounts"]:
		return nil, "", problemf(http.StatusForbidden, typeForbidden, "Forbidden", "The connection does not include the accounts scope.")
	case conn.revoked:
		return nil, "", problemf(http.StatusBadRequest, typeInvalidState, "Invalid State", "The data connection is no longer authorised.")
	}
	return conn, ip, nil
}

// endUserIP returns the first end-user IP header present; it must be an IP.
func (s *Server) endUserIP(r *http.Request) (string, *problem) {
	for _, name := range s.opts.EndUserIPHeaders {
		v := strings.TrimSpace(r.Header.Get(name))
		if v == "" {
			continue
		}
		if _, err := netip.ParseAddr(v); err != nil {
			return "", invalidParam("Invalid request parameters.", name, "The value must be an IP address.")
		}
		return v, nil
	}
	return "", nil
}

// rateLimit counts requests without end-user IP against Options.RateLimit.
func (s *Server) rateLimit(ip string) *problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ip != "" {
		s.lastIP = ip
		return nil
	}
	s.lastIP = ""
	s.unattended++
	if s.opts.RateLimit <= 0 || s.unattended <= s.opts.RateLimit {
		return nil
	}
	p := problemf(http.StatusTooManyRequests, typeRateLimited, "Rate Limit Exceeded",
		"Too many requests without the end user present. Include the Tl-User-IP header or try again later.")
	if secs := int(s.opts.RetryAfter.Round(time.Second) / time.Second); secs > 0 {
		p.header.Set("Retry-After", strconv.Itoa(secs))
	}
	return p
}

// page renders the accounts from offset and the cursor of the next page.
func (s *Server) page(conn *connection, offset int) any {
	end := min(offset+s.opts.PageSize, len(conn.accounts))
	items := make([]Account, 0, end-offset)
	for _, a := range conn.accounts[offset:end] {
		items = append(items, a.clone())
	}
	if end < len(conn.accounts) {
		next := encodeCursor(conn.id, end)
		return page{Items: items, Pagination: pagination{NextCursor: &next}}
	}
	if s.opts.NullLastCursor {
		return struct {
			Items      []Account  `json:"items"`
			Pagination nullCursor `json:"pagination"`
		}{items, nullCursor{}}
	}
	return page{Items: items}
}

const (
	connectionIDHeader = "Connection-Id"
	cursorParam        = "cursor"
)

// encodeCursor makes an opaque cursor bound to the connection.
func encodeCursor(connectionID string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1:" + connectionID + ":" + strconv.Itoa(offset)))
}

// offset decodes the cursor query parameter (absent or empty: first page).
func (c *connection) offset(values []string) (int, *problem) {
	if len(values) == 0 || values[0] == "" {
		return 0, nil
	}
	bad := invalidParam("Invalid cursor.", cursorParam, "The cursor is malformed or belongs to another connection.")
	if len(values) > 1 {
		return 0, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(values[0])
	if err != nil {
		return 0, bad
	}
	rest, ok := strings.CutPrefix(string(raw), "v1:"+c.id+":")
	if !ok {
		return 0, bad
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n <= 0 || n >= len(c.accounts) {
		return 0, bad
	}
	return n, nil
}
