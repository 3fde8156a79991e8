package truelayer

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	sb "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

// The sandbox's counter keys of its two endpoints.
const (
	tokenKey    = "POST " + sb.TokenPath
	accountsKey = "GET " + sb.ConnectedAccountsPath
)

type env struct {
	srv *sb.Server
	ts  *httptest.Server
	mu  sync.Mutex
	hdr []http.Header // headers of API requests seen
}

// newEnv serves the sandbox under /truelayer, recording API request headers.
func newEnv(t *testing.T, opts sb.Options) *env {
	t.Helper()
	e := &env{srv: sb.New(opts)}
	inner := http.StripPrefix("/truelayer", e.srv)
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ConnectedAccountsPath) {
			e.mu.Lock()
			e.hdr = append(e.hdr, r.Header.Clone())
			e.mu.Unlock()
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(e.ts.Close)
	return e
}

func (e *env) client(t *testing.T, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		APIURL: e.ts.URL + "/truelayer", AuthURL: e.ts.URL + "/truelayer/",
		ClientID: sb.ClientID, ClientSecret: sb.ClientSecret, Settings: client.Settings{Timeout: 10 * time.Second, UserAgent: "tf-test/1.0"},
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func wantAPIError(t *testing.T, err error, status int, code, message string) *client.APIError {
	t.Helper()
	apiErr, ok := client.AsAPIError(err)
	if !ok {
		t.Fatalf("want *client.APIError (%d %s), got %T %v", status, code, err, err)
	}
	if apiErr.StatusCode != status || apiErr.Code != code || apiErr.Message != message {
		t.Fatalf("got HTTP %d code %q message %q, want HTTP %d %q %q", apiErr.StatusCode, apiErr.Code, apiErr.Message, status, code, message)
	}
	return apiErr
}

// jsonEqual compares two JSON documents ignoring key order.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

func TestNewConfigErrors(t *testing.T) {
	ok := Config{APIURL: "https://api.truelayer.com", AuthURL: "https://auth.truelayer.com", ClientID: "id", ClientSecret: "s3cret"}
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"valid", func(*Config) {}, ""},
		{"no client ID", func(c *Config) { c.ClientID = "" }, "client ID and client secret are required"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "client ID and client secret are required"},
		{"bad API URL", func(c *Config) { c.APIURL = "api.truelayer.com" }, "truelayer API URL"},
		{"no auth URL", func(c *Config) { c.AuthURL = "" }, "truelayer auth URL"},
		{"missing CA file", func(c *Config) { c.CAFile = "/nonexistent/ca.pem" }, "reading CA file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.mutate(&cfg)
			_, err := New(cfg)
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("New: %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error leaks the secret: %v", err)
			}
		})
	}
}

func TestConnectedAccountsFullRead(t *testing.T) {
	e := newEnv(t, sb.Options{})
	c := e.client(t)
	got, err := c.ConnectedAccounts(context.Background(), sb.ConnectionID, "203.0.113.7")
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(e.srv.Accounts(sb.ConnectionID))
	if !jsonEqual(t, gotJSON, wantJSON) {
		t.Fatalf("round trip differs\n got %s\nwant %s", gotJSON, wantJSON)
	}
	first, joint := got[0], got[1]
	if first.AccountType != AccountTypeCurrent || first.CustomerSegment != SegmentRetail || first.Currency != "GBP" ||
		first.BIC == "" || len(first.AccountIdentifiers) != 2 || first.AccountIdentifiers[0].Type != IdentifierSortCodeAccount ||
		first.AccountIdentifiers[0].SortCode != "040004" || first.AccountIdentifiers[1].IBAN == "" {
		t.Errorf("first account %+v", first)
	}
	if len(joint.AccountHolderNames) != 2 || joint.BIC != "" {
		t.Errorf("joint account %+v", joint)
	}
	if e.srv.RequestCount(accountsKey) != 3 || e.srv.TokenCount() != 1 || c.TokenRequests() != 1 {
		t.Errorf("API requests %d, tokens %d/%d", e.srv.RequestCount(accountsKey), e.srv.TokenCount(), c.TokenRequests())
	}
	if e.srv.LastEndUserIP() != "203.0.113.7" {
		t.Errorf("LastEndUserIP %q", e.srv.LastEndUserIP())
	}
	for _, h := range e.hdr {
		if h.Get(ConnectionIDHeader) != sb.ConnectionID || h.Get(EndUserIPHeader) != "203.0.113.7" ||
			h.Get(LegacyEndUserIPHeader) != "203.0.113.7" || !strings.HasPrefix(h.Get("Authorization"), "Bearer ") ||
			h.Get("User-Agent") != "tf-test/1.0" || h.Get("Accept") != "application/json" {
			t.Errorf("request headers %v", h)
		}
	}
}

func TestPaging(t *testing.T) {
	tests := []struct {
		name       string
		opts       sb.Options
		connection string
		accounts   int
		requests   int
	}{
		{"page size 1", sb.Options{PageSize: 1}, sb.ConnectionID, 5, 5},
		{"default page size 2", sb.Options{}, sb.ConnectionID, 5, 3},
		{"page size 4", sb.Options{PageSize: 4}, sb.ConnectionID, 5, 2},
		{"one page", sb.Options{PageSize: 5}, sb.ConnectionID, 5, 1},
		{"null last cursor", sb.Options{NullLastCursor: true}, sb.ConnectionID, 5, 3},
		{"empty connection", sb.Options{}, sb.EmptyConnectionID, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			got, err := e.client(t).ConnectedAccounts(context.Background(), tt.connection, "")
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || len(got) != tt.accounts || e.srv.RequestCount(accountsKey) != tt.requests {
				t.Fatalf("%d accounts (nil=%v) in %d requests, want %d in %d", len(got), got == nil, e.srv.RequestCount(accountsKey), tt.accounts, tt.requests)
			}
			seen := map[string]bool{}
			for _, a := range got {
				if seen[a.ID] {
					t.Errorf("account %s read twice", a.ID)
				}
				seen[a.ID] = true
			}
			for _, h := range e.hdr {
				if h.Get(EndUserIPHeader) != "" || h.Get(LegacyEndUserIPHeader) != "" {
					t.Errorf("end-user IP sent without one: %v", h)
				}
			}
		})
	}
}

func TestTokenSharedByConcurrentCalls(t *testing.T) {
	e := newEnv(t, sb.Options{})
	c := e.client(t)
	run := func(n int) {
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.ConnectedAccounts(context.Background(), sb.ConnectionID, ""); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	run(16)
	if e.srv.TokenCount() != 1 || c.TokenRequests() != 1 {
		t.Fatalf("tokens %d/%d, want 1", e.srv.TokenCount(), c.TokenRequests())
	}
	e.srv.ExpireTokens()
	run(16)
	if e.srv.TokenCount() != 2 || c.TokenRequests() != 2 {
		t.Fatalf("after expiry: tokens %d/%d, want 2 (one renewal for all refused calls)", e.srv.TokenCount(), c.TokenRequests())
	}
}

func TestRenewOnceOn401(t *testing.T) {
	e := newEnv(t, sb.Options{})
	c := e.client(t)
	ctx := context.Background()
	if _, err := c.ConnectedAccounts(ctx, sb.ConnectionID, ""); err != nil {
		t.Fatal(err)
	}
	e.srv.ExpireTokens()
	if _, err := c.ConnectedAccounts(ctx, sb.ConnectionID, ""); err != nil {
		t.Fatal(err)
	}
	// 3 pages, then one refused page and its 3 pages.
	if e.srv.TokenCount() != 2 || e.srv.RequestCount(accountsKey) != 7 {
		t.Fatalf("tokens %d, API requests %d; want 2 and 7", e.srv.TokenCount(), e.srv.RequestCount(accountsKey))
	}
}

func TestRenewBeforeExpiry(t *testing.T) {
	e := newEnv(t, sb.Options{TokenTTL: time.Hour, PageSize: 10})
	c := e.client(t)
	now := time.Now()
	var mu sync.Mutex
	c.tokens.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	steps := []struct {
		advance time.Duration
		tokens  int
	}{
		{0, 1},
		{58 * time.Minute, 1},             // still cached
		{90 * time.Second, 2},             // within a minute of expiry: replaced before use
		{30 * time.Minute, 2},             // new token cached
		{29*time.Minute + time.Second, 3}, // 59m01s later
	}
	for i, s := range steps {
		advance(s.advance)
		if _, err := c.ConnectedAccounts(context.Background(), sb.ConnectionID, ""); err != nil {
			t.Fatal(err)
		}
		if e.srv.TokenCount() != s.tokens {
			t.Fatalf("step %d: %d tokens, want %d", i, e.srv.TokenCount(), s.tokens)
		}
	}
	if e.srv.RequestCount(accountsKey) != len(steps) {
		t.Errorf("%d API requests: a token was refused", e.srv.RequestCount(accountsKey))
	}
}

func TestTokenErrorsAreNotRetried(t *testing.T) {
	tests := []struct {
		name   string
		opts   sb.Options
		status int
	}{
		{"400 invalid_client", sb.Options{}, 400},
		{"401 invalid_client", sb.Options{InvalidClientStatus: 401}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			c := e.client(t, func(c *Config) { c.ClientSecret = "wrong-s3cret"; c.MaxRetries = 3 })
			_, err := c.ConnectedAccounts(context.Background(), sb.ConnectionID, "")
			apiErr := wantAPIError(t, err, tt.status, CodeInvalidClient, "Client authentication failed.")
			if apiErr.Method != http.MethodPost || apiErr.Path != TokenPath {
				t.Errorf("error on %s %s", apiErr.Method, apiErr.Path)
			}
			if strings.Contains(err.Error(), "wrong-s3cret") || !strings.Contains(err.Error(), "access token") {
				t.Errorf("error text %q", err)
			}
			if e.srv.RequestCount(tokenKey) != 1 || c.TokenRequests() != 1 || e.srv.RequestCount(accountsKey) != 0 {
				t.Errorf("token requests %d/%d, API requests %d", e.srv.RequestCount(tokenKey), c.TokenRequests(), e.srv.RequestCount(accountsKey))
			}
			// A later call tries again (once).
			_, _ = c.ConnectedAccounts(context.Background(), sb.ConnectionID, "")
			if e.srv.RequestCount(tokenKey) != 2 {
				t.Errorf("second call: %d token requests", e.srv.RequestCount(tokenKey))
			}
		})
	}
}

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name, connection, ip string
		status               int
		code, message        string
	}{
		{"unknown connection", "nope", "", 404, CodeNotFound, "Connection nope was not found."},
		{"no accounts scope", sb.NoAccountsScopeConnectionID, "", 403, CodeForbidden, "The connection does not include the accounts scope."},
		{"revoked", sb.RevokedConnectionID, "", 400, CodeInvalidState, "The data connection is no longer authorised."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sb.Options{})
			_, err := e.client(t).ConnectedAccounts(context.Background(), tt.connection, tt.ip)
			apiErr := wantAPIError(t, err, tt.status, tt.code, tt.message)
			if apiErr.Method != http.MethodGet || apiErr.Path != ConnectedAccountsPath || client.IsNotFound(err) != (tt.status == 404) {
				t.Errorf("error %+v", apiErr)
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	e := newEnv(t, sb.Options{})
	c := e.client(t)
	for _, tt := range []struct{ connection, ip, want string }{
		{"", "", "a connection ID is required"},
		{sb.ConnectionID, "localhost", `end-user IP "localhost" is not an IP address`},
	} {
		if _, err := c.ConnectedAccounts(context.Background(), tt.connection, tt.ip); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("(%q, %q): %v, want %q", tt.connection, tt.ip, err, tt.want)
		}
	}
	if e.srv.RequestCount(tokenKey)+e.srv.RequestCount(accountsKey) != 0 {
		t.Error("invalid arguments reached the server")
	}
}

func TestRateLimitRetried(t *testing.T) {
	e := newEnv(t, sb.Options{RateLimit: 1, PageSize: 10})
	c := e.client(t, func(c *Config) { c.MaxRetries = 2 })
	ctx := context.Background()
	if _, err := c.ConnectedAccounts(ctx, sb.ConnectionID, ""); err != nil {
		t.Fatal(err)
	}
	_, err := c.ConnectedAccounts(ctx, sb.ConnectionID, "")
	_ = wantAPIError(t, err, 429, CodeRateLimitExceeded, "Too many requests without the end user present. Include the Tl-User-IP header or try again later.")
	if n := e.srv.RequestCount(accountsKey); n != 4 {
		t.Errorf("%d API requests, want 1 + 3 attempts", n)
	}
	if _, err := c.ConnectedAccounts(ctx, sb.ConnectionID, "2001:db8::7"); err != nil {
		t.Errorf("with end-user IP: %v", err)
	}
}

func TestContextCancelled(t *testing.T) {
	e := newEnv(t, sb.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := e.client(t).ConnectedAccounts(ctx, sb.ConnectionID, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
