package thredd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	sandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
)

// env is a sandbox behind a fault injector and a test server that records
// request headers.
type env struct {
	sb      *sandbox.Server
	faults  *faults.Injector
	ts      *httptest.Server
	mu      sync.Mutex
	headers []http.Header
}

func newEnv(t *testing.T, opts sandbox.Options) *env {
	t.Helper()
	e := &env{sb: sandbox.New(opts)}
	e.faults = faults.New(e.sb, nil, faults.AnswerUnder("/", sandbox.AnswerFault))
	mux := http.NewServeMux()
	mux.Handle("/thredd/", http.StripPrefix("/thredd", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.headers = append(e.headers, r.Header.Clone())
		e.mu.Unlock()
		e.faults.ServeHTTP(w, r)
	})))
	e.ts = httptest.NewServer(mux)
	t.Cleanup(e.ts.Close)
	return e
}

// accountsKey is the sandbox's counter key of the accounts endpoint.
const accountsKey = "GET " + sandbox.AccountsPath

// requests is the number of requests that reached the test server.
func (e *env) requests() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.headers)
}

func (e *env) lastHeader() http.Header {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.headers[len(e.headers)-1]
}

// client returns a client of the sandbox with cfg overrides.
func (e *env) client(t *testing.T, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{URL: e.ts.URL + "/thredd/", ClientID: sandbox.ClientID, Settings: client.Settings{Timeout: 10 * time.Second}}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func newClient(t *testing.T, url string, maxRetries int) *Client {
	t.Helper()
	c, err := New(Config{URL: url, ClientID: "c", Settings: client.Settings{MaxRetries: maxRetries}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// jsonValue is v marshalled and read back as generic JSON.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNewConfigErrors(t *testing.T) {
	tests := map[string]Config{
		"missing client ID": {URL: "http://localhost"},
		"invalid URL":       {URL: "localhost:8080", ClientID: "c"},
		"missing CA file":   {URL: "http://localhost", ClientID: "c", Settings: client.Settings{CAFile: t.TempDir() + "/missing.pem"}},
	}
	for name, cfg := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := New(cfg); err == nil {
				t.Error("want error")
			}
		})
	}
}

func TestCustomerAccountsFullRead(t *testing.T) {
	e := newEnv(t, sandbox.Options{RequireBearer: true})
	c := e.client(t, func(c *Config) {
		c.PartnerID, c.BearerToken, c.UserAgent = sandbox.PartnerID, sandbox.BearerToken, "tf-test/1.0"
	})
	res, err := c.CustomerAccounts(context.Background(), sandbox.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := e.sb.Accounts(sandbox.CustomerID)
	if got, want := jsonValue(t, res.CustomerAccounts), jsonValue(t, want); !reflect.DeepEqual(got, want) {
		t.Errorf("accounts differ\n got %v\nwant %v", got, want)
	}
	if res.Count != 5 || len(res.CustomerAccounts) != 5 || !strings.HasPrefix(res.RequestID, "req-") {
		t.Errorf("count %d len %d request_id %q", res.Count, len(res.CustomerAccounts), res.RequestID)
	}
	h := e.lastHeader()
	for k, v := range map[string]string{
		"client-id": sandbox.ClientID, "partner-id": sandbox.PartnerID, "Authorization": "Bearer " + sandbox.BearerToken,
		"Accept": "application/json", "User-Agent": "tf-test/1.0",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if e.sb.RequestCount(accountsKey) != 1 {
		t.Errorf("requests = %d, want 1", e.sb.RequestCount(accountsKey))
	}
}

func TestCustomerAccountsTypedFields(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	res, err := e.client(t).CustomerAccounts(context.Background(), sandbox.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	card := res.CustomerAccounts[2]
	if card.Type != AccountTypeCreditCard || card.Status != AccountStatusActive || *card.Balance != -642.18 ||
		*card.Detail.AvailableBalanceAmount != 4357.82 || *card.InstitutionLoginID != 1007302801 ||
		*card.AggregationStatusCode != 0 || card.MarketSegment != MarketSegmentPersonal {
		t.Errorf("credit card = %+v", card)
	}
	if bd, ok := EpochTime(card.BalanceDate); !ok || !bd.Equal(time.Date(2024, 5, 30, 17, 26, 40, 0, time.UTC)) {
		t.Errorf("balance date = %v", bd)
	}
	if res.CustomerAccounts[3].Currency != "CAD" || res.CustomerAccounts[3].MarketSegment != MarketSegmentBusiness {
		t.Errorf("money market = %+v", res.CustomerAccounts[3])
	}
	pending := res.CustomerAccounts[4]
	if pending.Status != AccountStatusPending || pending.Type != AccountType401k || !pending.Type.Known() ||
		pending.Balance != nil || pending.Detail != nil || pending.BalanceDate != nil || pending.AggregationStatusCode != nil {
		t.Errorf("pending account = %+v", pending)
	}
	if _, ok := EpochTime(pending.BalanceDate); ok {
		t.Error("EpochTime(nil) ok")
	}
}

func TestCustomerAccountsWholeListInOneRequest(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	for i := range 300 {
		e.sb.AddAccount("big/customer", sandbox.Account{ID: fmt.Sprint(i), Type: "loan"})
	}
	res, err := e.client(t).CustomerAccounts(context.Background(), "big/customer")
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 300 || len(res.CustomerAccounts) != 300 || res.CustomerAccounts[299].ID != "299" {
		t.Errorf("count %d len %d", res.Count, len(res.CustomerAccounts))
	}
	if e.sb.RequestCount(accountsKey) != 1 {
		t.Errorf("requests = %d, want 1 (no pagination)", e.sb.RequestCount(accountsKey))
	}
}

func TestCustomerAccountsEmpty(t *testing.T) {
	for name, opts := range map[string]sandbox.Options{"empty list": {}, "null list": {NullEmptyList: true}} {
		t.Run(name, func(t *testing.T) {
			res, err := newEnv(t, opts).client(t).CustomerAccounts(context.Background(), sandbox.EmptyCustomerID)
			if err != nil {
				t.Fatal(err)
			}
			if res.Count != 0 || res.CustomerAccounts == nil || len(res.CustomerAccounts) != 0 {
				t.Errorf("got %+v", res)
			}
		})
	}
}

func TestCustomerAccountsAPIErrors(t *testing.T) {
	tests := []struct {
		name    string
		opts    sandbox.Options
		mutate  func(*Config)
		id      string
		status  int
		code    string
		message string
	}{
		{"unknown client-id", sandbox.Options{}, func(c *Config) { c.ClientID = "Client B" }, sandbox.CustomerID,
			401, sandbox.CodeInvalidClientID, "The client-id header is not recognised."},
		{"unknown partner-id", sandbox.Options{}, func(c *Config) { c.PartnerID = "999" }, sandbox.CustomerID,
			400, sandbox.CodeInvalidPartnerID, "The partner-id header is not recognised."},
		{"bearer required", sandbox.Options{RequireBearer: true}, func(*Config) {}, sandbox.CustomerID,
			401, sandbox.CodeMissingToken, "An Authorization bearer token is required."},
		{"wrong bearer", sandbox.Options{}, func(c *Config) { c.BearerToken = "s3cret-wrong" }, sandbox.CustomerID,
			401, sandbox.CodeInvalidToken, "The bearer token is invalid or expired."},
		{"unknown customer", sandbox.Options{}, func(*Config) {}, "nobody",
			404, sandbox.CodeCustomerNotFound, "Open banking customer not found."},
		{"empty customer as 404", sandbox.Options{EmptyCustomerNotFound: true}, func(*Config) {}, sandbox.EmptyCustomerID,
			404, sandbox.CodeCustomerNotFound, "Open banking customer not found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			_, err := e.client(t, tt.mutate, func(c *Config) { c.MaxRetries = 3 }).CustomerAccounts(context.Background(), tt.id)
			apiErr, ok := client.AsAPIError(err)
			if !ok {
				t.Fatalf("want *client.APIError, got %T %v", err, err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != tt.code || apiErr.Message != tt.message ||
				apiErr.Method != "GET" || apiErr.Path != "/api/v1/open-banking/customers/"+tt.id+"/accounts" {
				t.Errorf("got %+v", apiErr)
			}
			if !client.HasCode(err, tt.code) || client.IsNotFound(err) != (tt.status == 404) {
				t.Errorf("HasCode/IsNotFound wrong for %v", err)
			}
			for _, secret := range []string{"Client B", "s3cret-wrong", "999", sandbox.BearerToken} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q contains %q", err, secret)
				}
			}
			if e.sb.RequestCount(accountsKey) != 1 {
				t.Errorf("requests = %d, want 1 (no retry, no renewal)", e.sb.RequestCount(accountsKey))
			}
		})
	}
}

func TestCustomerAccountsRetries(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.faults.Set(faults.Config{ErrorRates: map[int]float64{http.StatusServiceUnavailable: 1}, Next: 2})
	res, err := e.client(t, func(c *Config) { c.MaxRetries = 2 }).CustomerAccounts(context.Background(), sandbox.CustomerID)
	if err != nil || res.Count != 5 || e.requests() != 3 || e.sb.RequestCount(accountsKey) != 1 {
		t.Fatalf("err %v, requests %d, reached the sandbox %d", err, e.requests(), e.sb.RequestCount(accountsKey))
	}
	e.faults.Set(faults.Config{ErrorRates: map[int]float64{http.StatusServiceUnavailable: 1}, Next: 1})
	_, err = e.client(t).CustomerAccounts(context.Background(), sandbox.CustomerID)
	if !client.HasCode(err, sandbox.CodeServiceUnavailable) || e.requests() != 4 {
		t.Errorf("err %v, requests %d", err, e.requests())
	}
}

func TestCustomerAccountsEscapesID(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.sb.AddAccount("a/b c?d", sandbox.Account{ID: "1"})
	res, err := e.client(t).CustomerAccounts(context.Background(), "a/b c?d")
	if err != nil || res.Count != 1 {
		t.Fatalf("res %+v err %v", res, err)
	}
	if _, err := e.client(t).CustomerAccounts(context.Background(), ""); err == nil || e.requests() != 1 {
		t.Errorf("empty id: err %v, requests %d", err, e.requests())
	}
}

// serve answers every request with a fixed reply.
func serve(t *testing.T, status int, contentType, body string) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func TestCustomerAccountsMalformedSuccess(t *testing.T) {
	tests := []struct {
		name, contentType, body, want string
	}{
		{"html", "text/html", "<html><body>Maintenance</body></html>", "HTTP 200 with a body that is not the expected JSON"},
		{"empty body", "application/json", "", "response has no customer_accounts list"},
		{"other JSON object", "application/json", `{"accounts":[]}`, "response has no customer_accounts list"},
		{"JSON array", "application/json", `[]`, "not the expected JSON"},
		{"wrong field type", "application/json", `{"customer_accounts":[{"id":"1","balance":"12.00"}],"count":1}`, "not the expected JSON"},
		{"count mismatch", "application/json", `{"customer_accounts":[{"id":"1"}],"count":2}`, "response count 2 does not match the 1 accounts listed"},
		{"null list, count 1", "application/json", `{"customer_accounts":null,"count":1}`, "response has no customer_accounts list"},
		{"account without id", "application/json", `{"customer_accounts":[{"name":"x"}],"count":1}`, "account 0 of the response has no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newClient(t, serve(t, 200, tt.contentType, tt.body), 0).CustomerAccounts(context.Background(), "1")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "GET /api/v1/open-banking/customers/1/accounts") {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if _, ok := client.AsAPIError(err); ok {
				t.Error("a 200 answer must not become an APIError")
			}
		})
	}
}

func TestCustomerAccountsOpenSets(t *testing.T) {
	body := `{"request_id":"r","customer_accounts":[{"id":"1","type":"digitalWallet","status":"closed",
		"marketSegment":"nonprofit","detail":{"availableBalanceAmount":5,"other":true},"unknownField":1}]}`
	res, err := newClient(t, serve(t, 200, "application/json", body), 0).CustomerAccounts(context.Background(), "1")
	if err != nil {
		t.Fatal(err)
	}
	a := res.CustomerAccounts[0]
	if a.Type != "digitalWallet" || a.Type.Known() || a.Status != "closed" || a.MarketSegment != "nonprofit" ||
		*a.Detail.AvailableBalanceAmount != 5 || res.Count != 1 {
		t.Errorf("got %+v", res)
	}
	if len(KnownAccountTypes()) != 36 {
		t.Errorf("%d known types", len(KnownAccountTypes()))
	}
	var d Detail
	if err := json.Unmarshal([]byte(`{"available_balance_amount":1,"availableBalanceAmount":2}`), &d); err != nil || *d.AvailableBalanceAmount != 1 {
		t.Errorf("snake_case must win: %v %v", d.AvailableBalanceAmount, err)
	}
	if err := json.Unmarshal([]byte(`[]`), &d); err == nil {
		t.Error("detail array: want error")
	}
}

func TestDecodeErrorShapes(t *testing.T) {
	tests := []struct {
		name, contentType, body, code, message string
		status                                 int
	}{
		{"sandbox envelope", "application/json", `{"request_id":"r","code":"CUSTOMER_NOT_FOUND","message":"Open banking customer not found."}`,
			"CUSTOMER_NOT_FOUND", "Open banking customer not found.", 404},
		{"numeric code", "application/json", `{"code":400,"message":" Bad header "}`, "400", "Bad header", 400},
		{"message only", "application/json", `{"message":"OBP-30001: looks like OBP"}`, "", "OBP-30001: looks like OBP", 400},
		{"error_code", "application/json", `{"error_code":"E42","error_message":"boom"}`, "E42", "boom", 500},
		{"nested error", "application/json", `{"request_id":"r","error":{"code":"UNAUTHORIZED","message":"no"}}`, "UNAUTHORIZED", "no", 401},
		{"error string", "application/json", `{"error":"invalid_token"}`, "", "invalid_token", 401},
		{"errors array", "application/json", `{"errors":[{"code":"V1","message":"first"},{"code":"V2","message":"second"}]}`, "V1", "first", 422},
		{"fastapi detail", "application/json", `{"detail":"Not Found"}`, "", "Not Found", 404},
		{"problem json", "application/problem+json", `{"title":"Forbidden","detail":"IP not allowed","status":403}`, "", "Forbidden: IP not allowed", 403},
		{"html", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "",
			"unexpected text/html response: <html><body><h1>502 Bad Gateway</h1></body></html>", 502},
		{"empty body", "application/json", "", "", "empty response body", 500},
		{"unknown JSON", "application/json", `{"oops":"OBP-12345"}`, "", `unexpected application/json response: {"oops":"OBP-12345"}`, 500},
		{"fastapi validation list", "application/json", `{"detail":[{"msg":"x"}]}`, "", `unexpected application/json response: {"detail":[{"msg":"x"}]}`, 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newClient(t, serve(t, tt.status, tt.contentType, tt.body), 0).CustomerAccounts(context.Background(), "1")
			apiErr, ok := client.AsAPIError(err)
			if !ok {
				t.Fatalf("want *client.APIError, got %v", err)
			}
			wantCodes := []string(nil)
			if tt.code != "" {
				wantCodes = []string{tt.code}
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != tt.code || apiErr.Message != tt.message || !reflect.DeepEqual(apiErr.Codes, wantCodes) {
				t.Errorf("got status %d code %q codes %v message %q", apiErr.StatusCode, apiErr.Code, apiErr.Codes, apiErr.Message)
			}
		})
	}
}

func TestAccountsPath(t *testing.T) {
	if got, want := accountsPath("a/b c"), "/api/v1/open-banking/customers/a%2Fb%20c/accounts"; got != want {
		t.Errorf("accountsPath = %q, want %q", got, want)
	}
}
