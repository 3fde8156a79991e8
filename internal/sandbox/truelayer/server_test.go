package truelayer

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

const prefix = "/truelayer"

// Counter keys of the two endpoints.
const (
	tokenKey    = "POST " + TokenPath
	accountsKey = "GET " + ConnectedAccountsPath
)

type env struct {
	srv *Server
	ts  *httptest.Server
}

// newEnv mounts a server under a prefix, as the provider's sandbox does.
func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	srv := New(opts)
	ts := httptest.NewServer(http.StripPrefix(prefix, srv))
	t.Cleanup(ts.Close)
	return &env{srv: srv, ts: ts}
}

func (e *env) url(path string) string { return e.ts.URL + prefix + path }

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

func do(t *testing.T, req *http.Request) reply {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: body}
}

func tokenForm(scope string) url.Values {
	return url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientID}, "client_secret": {ClientSecret}, "scope": {scope}}
}

func (e *env) postToken(t *testing.T, contentType, body string, basic bool) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url(TokenPath), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if basic {
		req.SetBasicAuth(ClientID, ClientSecret)
	}
	return do(t, req)
}

func (e *env) token(t *testing.T, scope string) string {
	t.Helper()
	r := e.postToken(t, formType, tokenForm(scope).Encode(), false)
	if r.status != http.StatusOK {
		t.Fatalf("token: HTTP %d %s", r.status, r.body)
	}
	return r.json(t)["access_token"].(string)
}

const formType = "application/x-www-form-urlencoded"

func TestTokenSuccess(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: 90 * time.Second})
	r := e.postToken(t, formType+"; charset=utf-8", tokenForm("data payments").Encode(), false)
	if r.status != http.StatusOK {
		t.Fatalf("HTTP %d %s", r.status, r.body)
	}
	m := r.json(t)
	if m["access_token"] == "" || m["expires_in"] != 90.0 || m["token_type"] != "Bearer" || m["scope"] != "data payments" {
		t.Errorf("token reply %v", m)
	}
	if len(strings.Split(m["access_token"].(string), ".")) != 3 {
		t.Errorf("token %q is not JWT-shaped", m["access_token"])
	}
	if r.header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("headers %v", r.header)
	}
	basic := e.postToken(t, formType, "grant_type=client_credentials&scope=data", true)
	if basic.status != http.StatusOK {
		t.Errorf("basic auth: HTTP %d %s", basic.status, basic.body)
	}
	if e.srv.TokenCount() != 2 || e.srv.RequestCount(tokenKey) != 2 {
		t.Errorf("TokenCount %d RequestCount %d, want 2 and 2", e.srv.TokenCount(), e.srv.RequestCount(tokenKey))
	}
}

func TestTokenErrors(t *testing.T) {
	bad := tokenForm("data")
	bad.Set("client_secret", "wrong")
	noGrant := tokenForm("data")
	noGrant.Del("grant_type")
	password := tokenForm("data")
	password.Set("grant_type", "password")
	tests := []struct {
		name, method, contentType, body string
		opts                            Options
		status                          int
		code, description               string
	}{
		{"GET", http.MethodGet, "", "", Options{}, 405, "invalid_request", "The token endpoint only accepts POST."},
		{"JSON body", http.MethodPost, "application/json", `{"grant_type":"client_credentials"}`, Options{}, 400, "invalid_request", "The request body must be application/x-www-form-urlencoded."},
		{"no content type", http.MethodPost, "", tokenForm("data").Encode(), Options{}, 400, "invalid_request", "The request body must be application/x-www-form-urlencoded."},
		{"bad form", http.MethodPost, formType, "a=%zz", Options{}, 400, "invalid_request", "The request body is not a valid form."},
		{"wrong secret", http.MethodPost, formType, bad.Encode(), Options{}, 400, "invalid_client", "Client authentication failed."},
		{"wrong secret 401", http.MethodPost, formType, bad.Encode(), Options{InvalidClientStatus: 401}, 401, "invalid_client", "Client authentication failed."},
		{"no credentials", http.MethodPost, formType, "grant_type=client_credentials&scope=data", Options{}, 400, "invalid_client", "Client authentication failed."},
		{"no grant", http.MethodPost, formType, noGrant.Encode(), Options{}, 400, "invalid_request", "The grant_type parameter is required."},
		{"password grant", http.MethodPost, formType, password.Encode(), Options{}, 400, "unsupported_grant_type", "Only the client_credentials grant is supported."},
		{"unknown scope", http.MethodPost, formType, tokenForm("data admin").Encode(), Options{}, 400, "invalid_scope", "The scope admin is not allowed for this client."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			req, _ := http.NewRequest(tt.method, e.url(TokenPath), strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			r := do(t, req)
			m := r.json(t)
			if r.status != tt.status || m["error"] != tt.code || m["error_description"] != tt.description {
				t.Errorf("got HTTP %d %v, want %d %s %q", r.status, m, tt.status, tt.code, tt.description)
			}
			if strings.Contains(string(r.body), ClientSecret) || strings.Contains(string(r.body), "wrong") {
				t.Errorf("error body echoes the secret: %s", r.body)
			}
			if e.srv.TokenCount() != 0 || e.srv.RequestCount(tt.method+" "+TokenPath) != 1 {
				t.Errorf("TokenCount %d RequestCounts %v", e.srv.TokenCount(), e.srv.RequestCounts())
			}
		})
	}
}

func (e *env) get(t *testing.T, path string, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url(path), nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

// wantProblem checks a Problem JSON answer exactly (trace_id aside).
func wantProblem(t *testing.T, r reply, status int, typ, title, detail string, errs map[string]any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("HTTP %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q", ct)
	}
	m := r.json(t)
	trace, _ := m["trace_id"].(string)
	if trace == "" || r.header.Get("Tl-Trace-Id") != trace {
		t.Errorf("trace_id %q, header %q", trace, r.header.Get("Tl-Trace-Id"))
	}
	delete(m, "trace_id")
	want := map[string]any{"type": "https://docs.truelayer.com/docs/error-types#" + typ, "title": title, "status": float64(status), "detail": detail}
	if errs != nil {
		want["errors"] = errs
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("problem\n got %v\nwant %v", m, want)
	}
}

func TestAccountsErrors(t *testing.T) {
	e := newEnv(t, Options{})
	good := e.token(t, "data")
	payments := e.token(t, "payments")
	expiredEnv := newEnv(t, Options{})
	expired := expiredEnv.token(t, "data")
	expiredEnv.srv.ExpireTokens()
	bearer := func(tok string, extra ...string) map[string]string {
		h := map[string]string{"Authorization": "Bearer " + tok, "Connection-Id": ConnectionID}
		for i := 0; i+1 < len(extra); i += 2 {
			h[extra[i]] = extra[i+1]
		}
		return h
	}
	otherCursor := encodeCursor(EmptyConnectionID, 2)
	tests := []struct {
		name, path string
		env        *env
		header     map[string]string
		status     int
		typ, title string
		detail     string
		errs       map[string]any
		challenge  string
	}{
		{"no token", "", e, map[string]string{"Connection-Id": ConnectionID}, 401, "unauthenticated", "Unauthenticated", "The access token is missing.", nil, "Bearer"},
		{"basic scheme", "", e, map[string]string{"Authorization": "Basic eDp5", "Connection-Id": ConnectionID}, 401, "unauthenticated", "Unauthenticated", "The access token is malformed.", nil, `Bearer error="invalid_request"`},
		{"empty bearer", "", e, map[string]string{"Authorization": "Bearer ", "Connection-Id": ConnectionID}, 401, "unauthenticated", "Unauthenticated", "The access token is malformed.", nil, `Bearer error="invalid_request"`},
		{"unknown token", "", e, bearer("nope"), 401, "unauthenticated", "Unauthenticated", "The access token is invalid.", nil, `Bearer error="invalid_token"`},
		{"expired token", "", expiredEnv, bearer(expired), 401, "unauthenticated", "Unauthenticated", "The access token has expired.", nil, `Bearer error="invalid_token"`},
		{"no data scope", "", e, bearer(payments), 403, "forbidden", "Forbidden", "The access token does not have the data scope.", nil, ""},
		{"no Connection-Id", "", e, map[string]string{"Authorization": "Bearer " + good}, 400, "invalid-parameters", "Invalid Parameters", "Invalid request parameters.", map[string]any{"Connection-Id": []any{"The header is required."}}, ""},
		{"bad Tl-User-IP", "", e, bearer(good, "Tl-User-IP", "localhost"), 400, "invalid-parameters", "Invalid Parameters", "Invalid request parameters.", map[string]any{"Tl-User-IP": []any{"The value must be an IP address."}}, ""},
		{"bad X-PSU-IP", "", e, bearer(good, "X-PSU-IP", "1.2.3"), 400, "invalid-parameters", "Invalid Parameters", "Invalid request parameters.", map[string]any{"X-PSU-IP": []any{"The value must be an IP address."}}, ""},
		{"unknown connection", "", e, bearer(good, "Connection-Id", "nope"), 404, "not-found", "Not Found", "Connection nope was not found.", nil, ""},
		{"no accounts scope", "", e, bearer(good, "Connection-Id", NoAccountsScopeConnectionID), 403, "forbidden", "Forbidden", "The connection does not include the accounts scope.", nil, ""},
		{"revoked", "", e, bearer(good, "Connection-Id", RevokedConnectionID), 400, "invalid-state", "Invalid State", "The data connection is no longer authorised.", nil, ""},
		{"garbled cursor", "?cursor=%25%25", e, bearer(good), 400, "invalid-parameters", "Invalid Parameters", "Invalid cursor.", map[string]any{"cursor": []any{"The cursor is malformed or belongs to another connection."}}, ""},
		{"foreign cursor", "?cursor=" + otherCursor, e, bearer(good), 400, "invalid-parameters", "Invalid Parameters", "Invalid cursor.", map[string]any{"cursor": []any{"The cursor is malformed or belongs to another connection."}}, ""},
		{"past-the-end cursor", "?cursor=" + encodeCursor(ConnectionID, 5), e, bearer(good), 400, "invalid-parameters", "Invalid Parameters", "Invalid cursor.", map[string]any{"cursor": []any{"The cursor is malformed or belongs to another connection."}}, ""},
		{"two cursors", "?cursor=" + encodeCursor(ConnectionID, 2) + "&cursor=" + encodeCursor(ConnectionID, 4), e, bearer(good), 400, "invalid-parameters", "Invalid Parameters", "Invalid cursor.", map[string]any{"cursor": []any{"The cursor is malformed or belongs to another connection."}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.env.get(t, ConnectedAccountsPath+tt.path, tt.header)
			wantProblem(t, r, tt.status, tt.typ, tt.title, tt.detail, tt.errs)
			if got := r.header.Get("WWW-Authenticate"); got != tt.challenge {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.challenge)
			}
		})
	}
}

func TestWrongMethodAndPath(t *testing.T) {
	e := newEnv(t, Options{})
	req, _ := http.NewRequest(http.MethodPost, e.url(ConnectedAccountsPath), nil)
	r := do(t, req)
	wantProblem(t, r, 405, "method-not-allowed", "Method Not Allowed", "Method POST is not allowed.", nil)
	if r.header.Get("Allow") != http.MethodGet {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	wantProblem(t, e.get(t, "/v3/accounts", nil), 404, "not-found", "Not Found", "No resource at /v3/accounts.", nil)
	if want := map[string]int{"POST " + ConnectedAccountsPath: 1}; !reflect.DeepEqual(e.srv.RequestCounts(), want) {
		t.Errorf("RequestCounts %v, want %v", e.srv.RequestCounts(), want)
	}
}

// walk reads every page with raw requests and returns the pages' raw bodies.
func (e *env) walk(t *testing.T, connectionID string) []map[string]any {
	t.Helper()
	tok := e.token(t, "data")
	var pages []map[string]any
	cursor := ""
	for i := 0; i < 20; i++ {
		path := ConnectedAccountsPath
		if cursor != "" {
			path += "?cursor=" + url.QueryEscape(cursor)
		}
		r := e.get(t, path, map[string]string{"Authorization": "Bearer " + tok, "Connection-Id": connectionID})
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("HTTP %d %v %s", r.status, r.header, r.body)
		}
		m := r.json(t)
		pages = append(pages, m)
		next, _ := m["pagination"].(map[string]any)["next_cursor"].(string)
		if next == "" {
			return pages
		}
		cursor = next
	}
	t.Fatal("too many pages")
	return nil
}

func TestPaging(t *testing.T) {
	tests := []struct {
		name       string
		opts       Options
		connection string
		sizes      []int
	}{
		{"default page size", Options{}, ConnectionID, []int{2, 2, 1}},
		{"page size 1", Options{PageSize: 1}, ConnectionID, []int{1, 1, 1, 1, 1}},
		{"exact fit", Options{PageSize: 5}, ConnectionID, []int{5}},
		{"large page", Options{PageSize: 50}, ConnectionID, []int{5}},
		{"null last cursor", Options{NullLastCursor: true}, ConnectionID, []int{2, 2, 1}},
		{"empty connection", Options{}, EmptyConnectionID, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			pages := e.walk(t, tt.connection)
			var ids []any
			for i, p := range pages {
				items, ok := p["items"].([]any)
				if !ok || len(items) != tt.sizes[i] {
					t.Fatalf("page %d: items %v, want %d", i, p["items"], tt.sizes[i])
				}
				for _, it := range items {
					ids = append(ids, it.(map[string]any)["id"])
				}
			}
			if len(pages) != len(tt.sizes) || e.srv.RequestCount(accountsKey) != len(tt.sizes) {
				t.Errorf("%d pages, %d requests, want %d", len(pages), e.srv.RequestCount(accountsKey), len(tt.sizes))
			}
			last := pages[len(pages)-1]["pagination"].(map[string]any)
			_, has := last["next_cursor"]
			if has != tt.opts.NullLastCursor || (has && last["next_cursor"] != nil) {
				t.Errorf("last pagination %v", last)
			}
			if want := len(e.srv.Accounts(tt.connection)); len(ids) != want {
				t.Errorf("%d accounts read, want %d", len(ids), want)
			}
		})
	}
}

func TestSeedShape(t *testing.T) {
	e := newEnv(t, Options{PageSize: 10})
	items := e.walk(t, ConnectionID)[0]["items"].([]any)
	raw, _ := json.Marshal(e.srv.Accounts(ConnectionID))
	var want []any
	_ = json.Unmarshal(raw, &want)
	if !reflect.DeepEqual(items, want) {
		t.Fatalf("served %v\nwant %v", items, want)
	}
	first := items[0].(map[string]any)
	for _, k := range []string{"id", "account_type", "customer_segment", "currency", "account_identifiers", "bic", "account_holder_names"} {
		if _, ok := first[k]; !ok {
			t.Errorf("first account lacks %s", k)
		}
	}
	if _, ok := items[1].(map[string]any)["bic"]; ok {
		t.Error("account without BIC renders bic")
	}
	if names := items[4].(map[string]any)["account_holder_names"]; !reflect.DeepEqual(names, []any{}) {
		t.Errorf("empty holder names render as %v, want []", names)
	}
}

func TestRateLimitAndEndUserIP(t *testing.T) {
	e := newEnv(t, Options{RateLimit: 1, RetryAfter: 2 * time.Second, PageSize: 10})
	tok := e.token(t, "data")
	h := map[string]string{"Authorization": "Bearer " + tok, "Connection-Id": ConnectionID}
	if r := e.get(t, ConnectedAccountsPath, h); r.status != 200 {
		t.Fatalf("first: HTTP %d", r.status)
	}
	r := e.get(t, ConnectedAccountsPath, h)
	wantProblem(t, r, 429, "rate-limit-exceeded", "Rate Limit Exceeded",
		"Too many requests without the end user present. Include the Tl-User-IP header or try again later.", nil)
	if r.header.Get("Retry-After") != "2" {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	for _, name := range []string{"Tl-User-IP", "X-PSU-IP"} {
		h[name] = "2001:db8::1"
		if r := e.get(t, ConnectedAccountsPath, h); r.status != 200 || e.srv.LastEndUserIP() != "2001:db8::1" {
			t.Errorf("%s: HTTP %d, last IP %q", name, r.status, e.srv.LastEndUserIP())
		}
		delete(h, name)
	}
}

func TestServersAreIndependent(t *testing.T) {
	a, b := newEnv(t, Options{}), newEnv(t, Options{})
	tokA := a.token(t, "data")
	b.srv.ExpireTokens()
	h := map[string]string{"Authorization": "Bearer " + tokA, "Connection-Id": ConnectionID}
	if r := a.get(t, ConnectedAccountsPath, h); r.status != 200 {
		t.Errorf("token of a refused after b.ExpireTokens: HTTP %d", r.status)
	}
	if r := b.get(t, ConnectedAccountsPath, h); r.status != 401 {
		t.Errorf("token of a accepted by b: HTTP %d", r.status)
	}
	if a.srv.TokenCount() != 1 || b.srv.TokenCount() != 0 {
		t.Errorf("token counts %d %d", a.srv.TokenCount(), b.srv.TokenCount())
	}
	a.srv.Accounts(ConnectionID)[0].AccountHolderNames[0] = "changed"
	if a.srv.Accounts(ConnectionID)[0].AccountHolderNames[0] == "changed" {
		t.Error("Accounts returns shared slices")
	}
	a.srv.ResetCounts()
	if a.srv.TokenCount() != 0 || a.srv.RequestCount(accountsKey) != 0 {
		t.Error("ResetCounts")
	}
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, "data")
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, e.url(ConnectedAccountsPath), nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Connection-Id", ConnectionID)
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			e.srv.ExpireTokens()
		}()
	}
	wg.Wait()
	if e.srv.RequestCount(accountsKey) != 16 {
		t.Errorf("RequestCount %d", e.srv.RequestCount(accountsKey))
	}
}
