package ivy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
	ivysandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
)

const listPath = "/api/services/data/accounts/list"

// listKey is the sandbox's counter key of POST listPath.
const listKey = "POST " + listPath

func sandbox(t *testing.T, opts ivysandbox.Options) (*ivysandbox.Server, string) {
	t.Helper()
	s := ivysandbox.New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

func newClient(t *testing.T, cfg ivy.Config) *ivy.Client {
	t.Helper()
	if cfg.APIKey == "" {
		cfg.APIKey = ivysandbox.APIKey
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	c, err := ivy.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// rawList reads every account from the sandbox as generic JSON.
func rawList(t *testing.T, url string) []any {
	t.Helper()
	req, _ := http.NewRequest("POST", url+listPath, strings.NewReader(`{"limit":100}`))
	req.Header.Set("X-Ivy-Api-Key", ivysandbox.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Accounts []any }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Accounts
}

func asGeneric(t *testing.T, v any) any {
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

func TestNewValidation(t *testing.T) {
	tests := []struct {
		name string
		cfg  ivy.Config
		want string
	}{
		{"no key", ivy.Config{URL: "https://x"}, "API key is required"},
		{"blank key", ivy.Config{URL: "https://x", APIKey: "  "}, "API key is required"},
		{"page size too big", ivy.Config{URL: "https://x", APIKey: "k", PageSize: 101}, "page size 101 out of range 1..100"},
		{"negative page size", ivy.Config{URL: "https://x", APIKey: "k", PageSize: -1}, "out of range"},
		{"bad URL", ivy.Config{URL: "api.getivy.de", APIKey: "secret-key"}, "invalid URL"},
		{"missing CA file", ivy.Config{URL: "https://x", APIKey: "k", Settings: client.Settings{CAFile: "/nonexistent/ca.pem"}}, "reading CA file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ivy.New(tt.cfg)
			if err == nil || c != nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, %v; want error containing %q", c, err, tt.want)
			}
			if tt.cfg.APIKey != "" && strings.TrimSpace(tt.cfg.APIKey) != "" && strings.Contains(err.Error(), tt.cfg.APIKey) {
				t.Errorf("error leaks the API key: %v", err)
			}
		})
	}
	if _, err := ivy.New(ivy.Config{URL: "http://127.0.0.1:1", APIKey: "k"}); err != nil {
		t.Errorf("New must not contact the server: %v", err)
	}
}

func TestNormalizePrefix(t *testing.T) {
	for in, want := range map[string]string{
		"": "/api/services/", "/": "/", "api/service": "/api/service/", "/api/service/": "/api/service/", "//v1//": "/v1/",
	} {
		if got := ivy.NormalizePrefix(in); got != want {
			t.Errorf("NormalizePrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestListAccountsRoundTrip(t *testing.T) {
	for _, spelling := range []string{"camel", "snake"} {
		t.Run(spelling, func(t *testing.T) {
			_, camelURL := sandbox(t, ivysandbox.Options{})
			s, url := sandbox(t, ivysandbox.Options{Spelling: spelling})
			got, err := newClient(t, ivy.Config{URL: url}).ListAccounts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != ivysandbox.SeedAccounts || !reflect.DeepEqual(ids(got), s.AccountIDs()) {
				t.Fatalf("got %d accounts %v", len(got), ids(got))
			}
			// Marshalling gives the camelCase wire form: every field must come back.
			if want := rawList(t, camelURL); !reflect.DeepEqual(asGeneric(t, got), want) {
				gotJSON, _ := json.Marshal(got)
				wantJSON, _ := json.Marshal(want)
				t.Errorf("round trip differs\n got %s\nwant %s", gotJSON, wantJSON)
			}
		})
	}
}

func ids(accounts []ivy.Account) []string {
	out := make([]string, len(accounts))
	for i, a := range accounts {
		out[i] = a.ID
	}
	return out
}

func TestRetrieveAccountFields(t *testing.T) {
	_, url := sandbox(t, ivysandbox.Options{Spelling: "snake"})
	c := newClient(t, ivy.Config{URL: url})
	tests := []struct {
		id   string
		want ivy.Account
	}{
		{"acc_sbx_0001", ivy.Account{
			ID: "acc_sbx_0001", Bank: ivy.Bank{ID: "bank_gb_001", Name: "Example Bank"},
			Category: ivy.CategoryCash, Subcategory: ivy.SubcategoryChecking, Status: ivy.StatusActive,
			FinancialAddress: &ivy.FinancialAddress{Type: ivy.AddressSortCode, SortCode: &ivy.SortCodeAddress{
				SortCode: "040000", AccountNumber: "10000000", AccountHolderName: "Account Holder 1"}},
			Permissions: []string{"balances", "transactions"}, Customer: &ivy.Customer{ID: "cus_sbx_001"},
		}},
		{"acc_sbx_0006", ivy.Account{
			ID: "acc_sbx_0006", Bank: ivy.Bank{ID: "bank_de_001", Name: "Beispielbank"},
			Category: ivy.CategoryCredit, Subcategory: ivy.SubcategoryOther, Status: ivy.StatusDisconnected,
			FinancialAddress: &ivy.FinancialAddress{Type: ivy.AddressIBAN, IBAN: &ivy.IBANAddress{IBAN: "DE00TEST00000000000006", BIC: "TESTDEFFXXX"}},
			Permissions:      []string{"balances", "transactions"},
		}},
		{"acc_sbx_0009", ivy.Account{
			ID: "acc_sbx_0009", Bank: ivy.Bank{ID: "bank_gb_001", Name: "Example Bank"},
			Category: ivy.CategoryCash, Subcategory: ivy.SubcategoryChecking, Status: ivy.StatusActive,
		}},
		{"acc_sbx_0011", ivy.Account{
			ID: "acc_sbx_0011", Bank: ivy.Bank{ID: "bank_gb_002", Name: "Northwind Bank"},
			Category: ivy.CategoryCash, Subcategory: ivy.SubcategoryOther, Status: ivy.StatusActive,
			FinancialAddress: &ivy.FinancialAddress{Type: ivy.AddressBankCode, BankCode: &ivy.BankCodeAddress{Code: "37040044", AccountNumber: "0532013010"}},
			Permissions:      []string{"balances", "transactions"}, Customer: &ivy.Customer{ID: "cus_sbx_004"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := c.RetrieveAccount(context.Background(), tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", asGeneric(t, got), asGeneric(t, tt.want))
			}
		})
	}
}

func TestPaging(t *testing.T) {
	tests := []struct {
		pageSize, requests int
	}{
		{0, 1}, {100, 1}, {26, 1}, {25, 1}, {24, 2}, {13, 2}, {12, 3}, {10, 3}, {7, 4}, {1, 25},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("size %d", tt.pageSize), func(t *testing.T) {
			s, url := sandbox(t, ivysandbox.Options{})
			got, err := newClient(t, ivy.Config{URL: url, PageSize: tt.pageSize}).ListAccounts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != ivysandbox.SeedAccounts || !reflect.DeepEqual(ids(got), s.AccountIDs()) {
				t.Errorf("page size %d: got %d accounts", tt.pageSize, len(got))
			}
			if n := s.RequestCount(listKey); n != tt.requests {
				t.Errorf("page size %d: %d requests, want %d", tt.pageSize, n, tt.requests)
			}
		})
	}
}

func TestPathPrefix(t *testing.T) {
	tests := []struct {
		name, client, server, path string
		wantErr                    bool
	}{
		{"default against both", "", "", "/api/services/data/accounts/list", false},
		{"singular against both", "/api/service/", "", "/api/service/data/accounts/list", false},
		{"singular without slashes", "api/service", "/api/service/", "/api/service/data/accounts/list", false},
		{"default against singular only", "", "/api/service/", "/api/services/data/accounts/list", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, url := sandbox(t, ivysandbox.Options{PathPrefix: tt.server})
			_, err := newClient(t, ivy.Config{URL: url, PathPrefix: tt.client}).ListAccounts(context.Background())
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v", err)
			}
			if tt.wantErr && (!client.IsNotFound(err) || !client.HasCode(err, ivy.CodeNotFound) ||
				!strings.Contains(err.Error(), "Cannot POST "+tt.path)) {
				t.Errorf("want 404 NOT_FOUND for %s, got %v", tt.path, err)
			}
			if !tt.wantErr && s.RequestCount("POST "+tt.path) != 1 {
				t.Errorf("counts %v", s.RequestCounts())
			}
		})
	}
	t.Run("mounted under /ivy", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/ivy/", http.StripPrefix("/ivy", ivysandbox.New(ivysandbox.Options{})))
		ts := httptest.NewServer(mux)
		defer ts.Close()
		a, err := newClient(t, ivy.Config{URL: ts.URL + "/ivy/"}).RetrieveAccount(context.Background(), "acc_sbx_0002")
		if err != nil || a.ID != "acc_sbx_0002" {
			t.Fatalf("got %v, %v", a, err)
		}
	})
}

func TestAPIErrors(t *testing.T) {
	_, url := sandbox(t, ivysandbox.Options{LegacyErrorFields: true})
	tests := []struct {
		name, key, id, path string
		status              int
		code, message       string
	}{
		{"wrong key", "wrong-secret-key", "", "/api/services/data/accounts/list", 401, "AUTHENTICATION", ivysandbox.MsgInvalidAPIKey},
		{"forbidden key", ivysandbox.ForbiddenAPIKey, "", "/api/services/data/accounts/list", 403, "AUTHORIZATION", ivysandbox.MsgForbidden},
		{"wrong key on retrieve", "wrong-secret-key", "acc_sbx_0001", "/api/services/data/accounts/retrieve", 401, "AUTHENTICATION", ivysandbox.MsgInvalidAPIKey},
		{"unknown account", "", "acc_missing", "/api/services/data/accounts/retrieve", 404, "NOT_FOUND", ivysandbox.MsgAccountNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, ivy.Config{URL: url, APIKey: tt.key})
			var err error
			if tt.id == "" {
				_, err = c.ListAccounts(context.Background())
			} else {
				_, err = c.RetrieveAccount(context.Background(), tt.id)
			}
			apiErr, ok := client.AsAPIError(err)
			if !ok {
				t.Fatalf("want *client.APIError, got %T %v", err, err)
			}
			want := client.APIError{Method: "POST", Path: tt.path, StatusCode: tt.status, Code: tt.code, Codes: []string{tt.code}, Message: tt.message, Read: true}
			if !reflect.DeepEqual(*apiErr, want) {
				t.Errorf("got  %+v\nwant %+v", *apiErr, want)
			}
			if client.IsNotFound(err) != (tt.status == 404) {
				t.Errorf("IsNotFound = %v", client.IsNotFound(err))
			}
			if tt.key != "" && strings.Contains(err.Error(), tt.key) {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
}

func TestRetrieveNeedsID(t *testing.T) {
	s, url := sandbox(t, ivysandbox.Options{})
	if _, err := newClient(t, ivy.Config{URL: url}).RetrieveAccount(context.Background(), ""); err == nil {
		t.Fatal("want error")
	}
	if len(s.RequestCounts()) != 0 {
		t.Errorf("sent a request: %v", s.RequestCounts())
	}
}

func TestRefreshAndDisconnect(t *testing.T) {
	s, url := sandbox(t, ivysandbox.Options{})
	c := newClient(t, ivy.Config{URL: url})
	ctx := context.Background()
	if a, err := c.RefreshAccount(ctx, "acc_sbx_0003"); err != nil || a.Status != ivy.StatusActive {
		t.Fatalf("refresh: %v %v", a, err)
	}
	if a, err := c.DisconnectAccount(ctx, "acc_sbx_0003"); err != nil || a.Status != ivy.StatusDisconnected {
		t.Fatalf("disconnect: %v %v", a, err)
	}
	if a, err := c.RetrieveAccount(ctx, "acc_sbx_0003"); err != nil || a.Status != ivy.StatusDisconnected {
		t.Fatalf("retrieve: %v %v", a, err)
	}
	if _, err := c.DisconnectAccount(ctx, "acc_nope"); !client.IsNotFound(err) {
		t.Errorf("want not found, got %v", err)
	}
	if s.RequestCount("POST /api/services/data/accounts/disconnect") != 2 {
		t.Errorf("counts %v", s.RequestCounts())
	}
}

// recorder is a fake answering with fixed pages and recording requests.
type recorder struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   []string
	answer   func(n int) (status int, contentType, body string)
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.requests = append(r.requests, req)
	r.bodies = append(r.bodies, string(body))
	n := len(r.requests)
	r.mu.Unlock()
	status, ct, out := r.answer(n)
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, out)
}

func fixed(status int, ct, body string) func(int) (int, string, string) {
	return func(int) (int, string, string) { return status, ct, body }
}

func record(t *testing.T, answer func(int) (int, string, string)) (*recorder, string) {
	t.Helper()
	r := &recorder{answer: answer}
	ts := httptest.NewServer(r)
	t.Cleanup(ts.Close)
	return r, ts.URL
}

func TestRequestShape(t *testing.T) {
	r, url := record(t, fixed(200, "application/json", `{"accounts":[],"hasMore":false}`))
	c := newClient(t, ivy.Config{URL: url, APIKey: "k-123", PageSize: 50, Settings: client.Settings{UserAgent: "tf-test/1"}})
	if _, err := c.ListAccounts(context.Background()); err != nil {
		t.Fatal(err)
	}
	req := r.requests[0]
	checks := map[string][2]string{
		"method": {req.Method, "POST"}, "path": {req.URL.Path, listPath}, "query": {req.URL.RawQuery, ""},
		"key": {req.Header.Get("X-Ivy-Api-Key"), "k-123"}, "content type": {req.Header.Get("Content-Type"), "application/json"},
		"accept": {req.Header.Get("Accept"), "application/json"}, "user agent": {req.Header.Get("User-Agent"), "tf-test/1"},
		"body": {r.bodies[0], `{"limit":50,"skip":0}`}, "authorization": {req.Header.Get("Authorization"), ""},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
}

func TestMalformedResponses(t *testing.T) {
	page := func(more bool, ids ...string) string {
		accounts := make([]map[string]any, len(ids))
		for i, id := range ids {
			accounts[i] = map[string]any{"id": id, "bank": map[string]string{"id": "b", "name": "B"}, "category": "cash", "subcategory": "checking", "status": "active"}
		}
		data, _ := json.Marshal(map[string]any{"accounts": accounts, "hasMore": more})
		return string(data)
	}
	tests := []struct {
		name     string
		retrieve bool
		answer   func(int) (int, string, string)
		retries  int
		want     []string
		status   int
		requests int
	}{
		{"html 200 list", false, fixed(200, "text/html", "<html><body>Login</body></html>"), 0,
			[]string{"read (POST /api/services/data/accounts/list): HTTP 200 with a body that is not the expected JSON", "<html><body>Login</body></html>"}, 0, 1},
		{"html 502", false, fixed(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>"), 0,
			[]string{"read (POST /api/services/data/accounts/list) returned HTTP 502: unexpected text/html response: <html><h1>502 Bad Gateway</h1></html>"}, 502, 1},
		{"503 read is retried until max retries", false, fixed(503, "application/json", `{"message":"down","code":"SERVICE_UNAVAILABLE","category":"api_error"}`), 1,
			[]string{"returned HTTP 503: down"}, 503, 2},
		{"429 read is retried until max retries", false, fixed(429, "application/json", `{"message":"slow down","code":"TOO_MANY_REQUESTS","category":"rate_limiting"}`), 1,
			[]string{"returned HTTP 429: slow down"}, 429, 2},
		{"empty 500", false, fixed(500, "application/json", ""), 0, []string{"returned HTTP 500: empty response body"}, 500, 1},
		{"json error without message", false, fixed(400, "application/json", `{"error":"bad"}`), 0,
			[]string{`unexpected application/json response: {"error":"bad"}`}, 400, 1},
		{"error with code only", false, fixed(409, "application/json", `{"code":"CONFLICT"}`), 0, []string{"returned HTTP 409: Conflict"}, 409, 1},
		{"empty 200 list", false, fixed(200, "application/json", ""), 0, []string{"response lacks the accounts array or hasMore"}, 0, 1},
		{"wrong object list", false, fixed(200, "application/json", `{"items":[]}`), 0, []string{"response lacks the accounts array or hasMore"}, 0, 1},
		{"no hasMore", false, fixed(200, "application/json", `{"accounts":[]}`), 0, []string{"response lacks the accounts array or hasMore"}, 0, 1},
		{"array list", false, fixed(200, "application/json", `[]`), 0, []string{"not the expected JSON", "cannot unmarshal array"}, 0, 1},
		{"accounts not array", false, fixed(200, "application/json", `{"accounts":{},"hasMore":false}`), 0, []string{"not the expected JSON"}, 0, 1},
		{"account without id", false, fixed(200, "application/json", `{"accounts":[{"bank":{}}],"hasMore":false}`), 0, []string{"account 0 has no id"}, 0, 1},
		{"hasMore forever on the same page", false, fixed(200, "application/json", page(true, "a1", "a2")), 0,
			[]string{"hasMore is true but the page at skip 2 brought no new account"}, 0, 2},
		{"hasMore with empty page", false, fixed(200, "application/json", page(true)), 0,
			[]string{"hasMore is true but the page at skip 0 brought no new account"}, 0, 1},
		{"bad address type", false, fixed(200, "application/json", `{"accounts":[{"id":"a","financialAddress":{"type":5}}],"hasMore":false}`), 0,
			[]string{"financialAddress.type: want a string, got 5"}, 0, 1},
		{"empty 200 retrieve", true, fixed(200, "application/json", ""), 0, []string{`response holds account "" instead`}, 0, 1},
		{"other account retrieved", true, fixed(200, "application/json", `{"id":"acc_other"}`), 0, []string{`response holds account "acc_other" instead`}, 0, 1},
		{"html 200 retrieve", true, fixed(200, "text/html; charset=utf-8", "<!doctype html><p>maintenance</p>"), 0,
			[]string{"HTTP 200 with a body that is not the expected JSON", "<!doctype html><p>maintenance</p>"}, 0, 1},
		{"string retrieve", true, fixed(200, "application/json", `"ok"`), 0, []string{"not the expected JSON"}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, url := record(t, tt.answer)
			c := newClient(t, ivy.Config{URL: url, APIKey: "super-secret", Settings: client.Settings{MaxRetries: tt.retries}})
			var err error
			if tt.retrieve {
				_, err = c.RetrieveAccount(context.Background(), "acc_1")
			} else {
				_, err = c.ListAccounts(context.Background())
			}
			if err == nil {
				t.Fatal("want error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			apiErr, isAPI := client.AsAPIError(err)
			if (tt.status != 0) != isAPI || (isAPI && apiErr.StatusCode != tt.status) {
				t.Errorf("APIError %v, want status %d", apiErr, tt.status)
			}
			if len(r.requests) != tt.requests {
				t.Errorf("%d requests, want %d", len(r.requests), tt.requests)
			}
			if strings.Contains(err.Error(), "super-secret") {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
}

func TestDuplicatesAcrossPages(t *testing.T) {
	pages := []string{
		`{"accounts":[{"id":"a1"},{"id":"a2"}],"hasMore":true}`,
		`{"accounts":[{"id":"a2"},{"id":"a3"}],"hasMore":true}`,
		`{"accounts":[{"id":"a4"}],"hasMore":false}`,
	}
	r, url := record(t, func(n int) (int, string, string) { return 200, "application/json", pages[n-1] })
	got, err := newClient(t, ivy.Config{URL: url, PageSize: 2}).ListAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids(got), ",") != "a1,a2,a3,a4" {
		t.Errorf("got %v", ids(got))
	}
	want := []string{`{"limit":2,"skip":0}`, `{"limit":2,"skip":2}`, `{"limit":2,"skip":4}`}
	if !reflect.DeepEqual(r.bodies, want) {
		t.Errorf("bodies %v", r.bodies)
	}
}

func TestFinancialAddressSpellings(t *testing.T) {
	tests := []struct {
		name, in string
		want     ivy.FinancialAddress
	}{
		{"seed camel sort code", `{"type":"sortCode","sortCode":{"sortCode":"123456","accountNumber":"12345678"}}`,
			ivy.FinancialAddress{Type: "sortCode", SortCode: &ivy.SortCodeAddress{SortCode: "123456", AccountNumber: "12345678"}}},
		{"snake sort code", `{"type":"sort_code","sort_code":{"sort_code":"123456","account_number":"12345678","account_holder_name":"A B"}}`,
			ivy.FinancialAddress{Type: "sortCode", SortCode: &ivy.SortCodeAddress{SortCode: "123456", AccountNumber: "12345678", AccountHolderName: "A B"}}},
		{"mixed spellings", `{"type":"sort_code","sortCode":{"sort_code":"123456","accountNumber":"12345678"}}`,
			ivy.FinancialAddress{Type: "sortCode", SortCode: &ivy.SortCodeAddress{SortCode: "123456", AccountNumber: "12345678"}}},
		{"iban with bic", `{"type":"iban","iban":{"iban":"DE00TEST0000000000000001","bic":"TESTDEFFXXX","accountHolderName":"X"}}`,
			ivy.FinancialAddress{Type: "iban", IBAN: &ivy.IBANAddress{IBAN: "DE00TEST0000000000000001", BIC: "TESTDEFFXXX", AccountHolderName: "X"}}},
		{"iban without bic", `{"type":"iban","iban":{"iban":"DE00TEST0000000000000001","bic":null}}`,
			ivy.FinancialAddress{Type: "iban", IBAN: &ivy.IBANAddress{IBAN: "DE00TEST0000000000000001"}}},
		{"bank code snake", `{"type":"bank_code","bank_code":{"code":"37040044","account_number":"532013000"}}`,
			ivy.FinancialAddress{Type: "bankCode", BankCode: &ivy.BankCodeAddress{Code: "37040044", AccountNumber: "532013000"}}},
		{"bban", `{"type":"bban","bban":{"bban":"370400440532013000","bic":"B"}}`,
			ivy.FinancialAddress{Type: "bban", BBAN: &ivy.BBANAddress{BBAN: "370400440532013000", BIC: "B"}}},
		{"wallet", `{"type":"wallet","wallet":{"address":"0xabc","blockchain":"ethereum"}}`,
			ivy.FinancialAddress{Type: "wallet", Wallet: &ivy.WalletAddress{Address: "0xabc", Blockchain: "ethereum"}}},
		{"numeric account number", `{"type":"sortCode","sortCode":{"sortCode":"123456","accountNumber":12345678}}`,
			ivy.FinancialAddress{Type: "sortCode", SortCode: &ivy.SortCodeAddress{SortCode: "123456", AccountNumber: "12345678"}}},
		{"missing type inferred", `{"iban":{"iban":"X"}}`, ivy.FinancialAddress{Type: "iban", IBAN: &ivy.IBANAddress{IBAN: "X"}}},
		{"unknown type kept", `{"type":"swift","swift":{"bic":"X"},"extra":1}`, ivy.FinancialAddress{Type: "swift"}},
		{"unknown inner keys ignored", `{"type":"iban","iban":{"iban":"X","country":"DE"}}`, ivy.FinancialAddress{Type: "iban", IBAN: &ivy.IBANAddress{IBAN: "X"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got ivy.FinancialAddress
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", asGeneric(t, got), asGeneric(t, tt.want))
			}
		})
	}
	for _, bad := range []string{`[]`, `{"type":"iban","iban":"DE00"}`, `{"type":"iban","iban":{"iban":{}}}`} {
		var fa ivy.FinancialAddress
		if err := json.Unmarshal([]byte(bad), &fa); err == nil {
			t.Errorf("%s: want error", bad)
		}
	}
}

func TestUnknownEnumsAndNulls(t *testing.T) {
	body := `{"id":"acc_1","bank":{"id":"b","name":"B","logo":"https://x/logo.png"},"category":"crypto","subcategory":"staking",
		"status":"pending","financialAddress":null,"permissions":["balances","payment_method"],"customer":null,"newField":{"x":1}}`
	_, url := record(t, fixed(200, "application/json", body))
	got, err := newClient(t, ivy.Config{URL: url}).RetrieveAccount(context.Background(), "acc_1")
	if err != nil {
		t.Fatal(err)
	}
	want := ivy.Account{ID: "acc_1", Bank: ivy.Bank{ID: "b", Name: "B"}, Category: "crypto", Subcategory: "staking",
		Status: "pending", Permissions: []string{"balances", "payment_method"}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %+v", *got)
	}
}

func TestDecodeError(t *testing.T) {
	body := []byte(`{"message":" limit must be between 1 and 100 ","category":"invalid_request_error","code":"VALIDATION","param":"limit","docUrl":"https://docs.getivy.de/reference/errors","statusCode":400,"devMessage":"x","data":{"a":1}}`)
	err := ivy.DecodeError("POST", "/p", 400, http.Header{"Content-Type": {"application/json"}}, body)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %T", err)
	}
	if apiErr.Code != "VALIDATION" || apiErr.Message != "limit must be between 1 and 100" || !client.HasCode(err, "VALIDATION") {
		t.Errorf("got %+v", apiErr)
	}
	if err.Error() != "POST /p returned HTTP 400: limit must be between 1 and 100" {
		t.Errorf("Error() = %q", err.Error())
	}
	var env ivy.ErrorBody
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&env); err != nil || env.Param != "limit" || *env.StatusCode != 400 {
		t.Errorf("ErrorBody: %+v %v", env, err)
	}
}

func TestContextCancel(t *testing.T) {
	_, url := sandbox(t, ivysandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newClient(t, ivy.Config{URL: url}).ListAccounts(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

func TestConcurrentClients(t *testing.T) {
	s, url := sandbox(t, ivysandbox.Options{})
	c := newClient(t, ivy.Config{URL: url, PageSize: 10})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if accounts, err := c.ListAccounts(context.Background()); err != nil || len(accounts) != 25 {
				errs <- errors.Join(err, errors.New("wrong count"))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := s.RequestCount(listKey); n != 24 {
		t.Errorf("%d requests, want 24", n)
	}
}
