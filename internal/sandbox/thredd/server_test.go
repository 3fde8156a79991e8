package thredd

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
)

// reply is one raw answer of the sandbox.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, h http.Handler, method, path string, header http.Header) reply {
	t.Helper()
	ts := httptest.NewServer(h)
	defer ts.Close()
	req, err := http.NewRequest(method, ts.URL+path, http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
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

func accountsURL(id string) string { return "/api/v1/open-banking/customers/" + id + "/accounts" }

// accountsKey is the counter key of GET AccountsPath.
const accountsKey = "GET " + AccountsPath

// headers returns valid request headers with the given overrides ("" deletes).
func headers(kv ...string) http.Header {
	h := http.Header{}
	h.Set("Accept", "application/json")
	h.Set("client-id", ClientID)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			h.Del(kv[i])
			continue
		}
		h.Set(kv[i], kv[i+1])
	}
	return h
}

type envelope struct {
	RequestID        string            `json:"request_id"`
	CustomerAccounts []json.RawMessage `json:"customer_accounts"`
	Count            *int              `json:"count"`
	Code             string            `json:"code"`
	Message          string            `json:"message"`
}

func decode(t *testing.T, r reply) envelope {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var env envelope
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	if !strings.HasPrefix(env.RequestID, "req-") {
		t.Errorf("request_id = %q", env.RequestID)
	}
	return env
}

func TestSeededCustomer(t *testing.T) {
	s := New(Options{})
	r := do(t, s, http.MethodGet, accountsURL(CustomerID), headers("partner-id", PartnerID))
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	env := decode(t, r)
	want, _ := json.Marshal(seedAccounts())
	got, _ := json.Marshal(env.CustomerAccounts)
	if string(got) != string(want) {
		t.Errorf("accounts\n got %s\nwant %s", got, want)
	}
	if env.Count == nil || *env.Count != 5 {
		t.Errorf("count = %v", env.Count)
	}
	for _, s := range []string{`"available_balance_amount":4357.82`, `"balance":-642.18`, `"type":"creditCard"`, `"currency":"CAD"`, `"status":"pending"`} {
		if !strings.Contains(string(r.body), s) {
			t.Errorf("body lacks %s", s)
		}
	}
	if s.RequestCount(accountsKey) != 1 {
		t.Errorf("RequestCount = %d", s.RequestCount(accountsKey))
	}
}

func TestMountedUnderPrefix(t *testing.T) {
	h := http.StripPrefix("/thredd", New(Options{}))
	if r := do(t, h, http.MethodGet, "/thredd"+accountsURL(CustomerID), headers()); r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if r := do(t, h, http.MethodGet, accountsURL(CustomerID), headers()); r.status != http.StatusNotFound {
		t.Fatalf("unprefixed path: status %d", r.status)
	}
}

func TestEmptyCustomer(t *testing.T) {
	tests := []struct {
		name       string
		opts       Options
		status     int
		wantAccts  string
		wantCode   string
		wantCount0 bool
	}{
		{"empty list", Options{}, 200, `"customer_accounts":[]`, "", true},
		{"null list", Options{NullEmptyList: true}, 200, `"customer_accounts":null`, "", true},
		{"not found", Options{EmptyCustomerNotFound: true}, 404, "", CodeCustomerNotFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, New(tt.opts), http.MethodGet, accountsURL(EmptyCustomerID), headers())
			env := decode(t, r)
			if r.status != tt.status || env.Code != tt.wantCode || !strings.Contains(string(r.body), tt.wantAccts) {
				t.Errorf("status %d body %s", r.status, r.body)
			}
			if tt.wantCount0 && (env.Count == nil || *env.Count != 0) {
				t.Errorf("count = %v", env.Count)
			}
		})
	}
}

func TestProtocolErrors(t *testing.T) {
	bearer := "Bearer " + BearerToken
	tests := []struct {
		name    string
		opts    Options
		method  string
		path    string
		header  http.Header
		status  int
		code    string
		message string
		extra   map[string]string // expected response headers
	}{
		{"missing client-id", Options{}, "GET", accountsURL(CustomerID), headers("client-id", ""),
			400, CodeMissingClientID, "The client-id header is required.", nil},
		{"blank client-id", Options{}, "GET", accountsURL(CustomerID), headers("client-id", "  "),
			400, CodeMissingClientID, "The client-id header is required.", nil},
		{"unknown client-id", Options{}, "GET", accountsURL(CustomerID), headers("client-id", "Client B"),
			401, CodeInvalidClientID, "The client-id header is not recognised.", nil},
		{"unknown client-id, 403 knob", Options{InvalidClientIDStatus: 403}, "GET", accountsURL(CustomerID), headers("client-id", "Client B"),
			403, CodeInvalidClientID, "The client-id header is not recognised.", nil},
		{"unknown partner-id", Options{}, "GET", accountsURL(CustomerID), headers("partner-id", "999"),
			400, CodeInvalidPartnerID, "The partner-id header is not recognised.", nil},
		{"required bearer missing", Options{RequireBearer: true}, "GET", accountsURL(CustomerID), headers(),
			401, CodeMissingToken, "An Authorization bearer token is required.", map[string]string{"Www-Authenticate": "Bearer"}},
		{"wrong bearer", Options{}, "GET", accountsURL(CustomerID), headers("Authorization", "Bearer nope"),
			401, CodeInvalidToken, "The bearer token is invalid or expired.", map[string]string{"Www-Authenticate": `Bearer error="invalid_token"`}},
		{"wrong scheme", Options{RequireBearer: true}, "GET", accountsURL(CustomerID), headers("Authorization", "Basic "+BearerToken),
			401, CodeInvalidToken, "The bearer token is invalid or expired.", nil},
		{"bearer checked before client-id", Options{}, "GET", accountsURL(CustomerID), headers("Authorization", "Bearer x", "client-id", ""),
			401, CodeInvalidToken, "The bearer token is invalid or expired.", nil},
		{"html only", Options{}, "GET", accountsURL(CustomerID), headers("Accept", "text/html"),
			406, CodeNotAcceptable, "Only application/json responses are available.", nil},
		{"json refused by q=0", Options{}, "GET", accountsURL(CustomerID), headers("Accept", "application/json;q=0"),
			406, CodeNotAcceptable, "Only application/json responses are available.", nil},
		{"unknown customer", Options{}, "GET", accountsURL("nobody"), headers("Authorization", bearer),
			404, CodeCustomerNotFound, "Open banking customer not found.", nil},
		{"unknown path", Options{}, "GET", "/api/v1/open-banking/customers/" + CustomerID, headers(),
			404, CodeNotFound, "The requested resource does not exist.", nil},
		{"trailing slash", Options{}, "GET", accountsURL(CustomerID) + "/", headers(),
			404, CodeNotFound, "The requested resource does not exist.", nil},
		{"post", Options{}, "POST", accountsURL(CustomerID), headers(),
			405, CodeMethodNotAllowed, "The method is not allowed for this resource.", map[string]string{"Allow": "GET"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, New(tt.opts), tt.method, tt.path, tt.header)
			env := decode(t, r)
			if r.status != tt.status || env.Code != tt.code || env.Message != tt.message {
				t.Errorf("got %d %q %q, want %d %q %q", r.status, env.Code, env.Message, tt.status, tt.code, tt.message)
			}
			for k, v := range tt.extra {
				if got := r.header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			for _, secret := range []string{"Client B", "nope", BearerToken, "999"} {
				if strings.Contains(string(r.body), secret) {
					t.Errorf("body echoes %q: %s", secret, r.body)
				}
			}
		})
	}
}

func TestAcceptedHeaders(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		header http.Header
	}{
		{"no accept", Options{}, headers("Accept", "")},
		{"any", Options{}, headers("Accept", "text/html, */*;q=0.1")},
		{"application wildcard", Options{}, headers("Accept", "application/*")},
		{"accept ignored", Options{IgnoreAccept: true}, headers("Accept", "text/html")},
		{"default partner", Options{}, headers("partner-id", "")},
		{"custom partner", Options{PartnerID: "p2"}, headers("partner-id", "p2")},
		{"custom client", Options{ClientID: "Client A"}, headers("client-id", "Client A")},
		{"bearer optional and valid", Options{}, headers("Authorization", "Bearer "+BearerToken)},
		{"required bearer", Options{RequireBearer: true}, headers("Authorization", "bearer "+BearerToken)},
		{"custom bearer", Options{RequireBearer: true, BearerToken: "t2"}, headers("Authorization", "Bearer t2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := do(t, New(tt.opts), "GET", accountsURL(CustomerID), tt.header); r.status != 200 {
				t.Errorf("status %d: %s", r.status, r.body)
			}
		})
	}
}

// Faults injected in front of the server answer in its error envelope.
func TestAnswerFault(t *testing.T) {
	s := New(Options{})
	in := faults.New(s, nil, faults.AnswerUnder("/", AnswerFault))
	in.Set(faults.Config{ErrorRates: map[int]float64{503: 1}, Next: 2})
	for i := range 2 {
		r := do(t, in, "GET", accountsURL(CustomerID), headers())
		env := decode(t, r)
		if r.status != 503 || env.Code != CodeServiceUnavailable || env.Message != msgServiceUnavailable ||
			r.header.Get("Retry-After") != "0" {
			t.Errorf("request %d: %d %s", i, r.status, r.body)
		}
	}
	if r := do(t, in, "GET", accountsURL(CustomerID), headers()); r.status != 200 {
		t.Errorf("third request: %d", r.status)
	}
	if s.RequestCount(accountsKey) != 1 || in.Counts()["status 503"] != 2 {
		t.Errorf("RequestCount = %d, faults %v", s.RequestCount(accountsKey), in.Counts())
	}
	in.Set(faults.Config{ErrorRates: map[int]float64{429: 1}})
	if r := do(t, in, "GET", accountsURL(CustomerID), headers()); r.status != 429 || decode(t, r).Code != "TOO_MANY_REQUESTS" {
		t.Errorf("429: %d %s", r.status, r.body)
	}
}

// Requests to the endpoint are counted per method whatever their outcome;
// requests to no endpoint are not counted.
func TestRequestCounts(t *testing.T) {
	s := New(Options{})
	do(t, s, http.MethodGet, accountsURL(CustomerID), headers())
	do(t, s, http.MethodGet, accountsURL("nobody"), headers())
	do(t, s, http.MethodPost, accountsURL(CustomerID), headers())
	do(t, s, http.MethodGet, "/api/v1/open-banking/customers", headers())
	want := map[string]int{accountsKey: 2, "POST " + AccountsPath: 1}
	if got := s.RequestCounts(); !reflect.DeepEqual(got, want) {
		t.Errorf("RequestCounts = %v, want %v", got, want)
	}
	s.ResetCounts()
	if s.RequestCount(accountsKey) != 0 || len(s.RequestCounts()) != 0 {
		t.Errorf("after ResetCounts: %v", s.RequestCounts())
	}
}

func TestServersAreIndependentAndCopied(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	a.AddAccount("c1", Account{ID: "1", Type: "loan"})
	a.RegisterCustomer("c2")
	a.RegisterCustomer("c1") // no-op
	if got, ok := a.Accounts("c1"); !ok || len(got) != 1 {
		t.Fatalf("a.Accounts(c1) = %v %v", got, ok)
	}
	if _, ok := b.Accounts("c1"); ok {
		t.Error("b sees a's customer")
	}
	if got, ok := a.Accounts("c2"); !ok || len(got) != 0 {
		t.Errorf("c2 = %v %v", got, ok)
	}
	got, _ := a.Accounts(CustomerID)
	*got[0].Balance = 1
	got[0].Detail.AvailableBalanceAmount = nil
	again, _ := a.Accounts(CustomerID)
	if !reflect.DeepEqual(again, seedAccounts()) {
		t.Error("mutating a returned account changed the store")
	}
}

func TestEscapedCustomerID(t *testing.T) {
	s := New(Options{})
	s.AddAccount("a/b c", Account{ID: "42"})
	r := do(t, s, "GET", accountsURL("a%2Fb%20c"), headers())
	if env := decode(t, r); r.status != 200 || len(env.CustomerAccounts) != 1 {
		t.Errorf("status %d: %s", r.status, r.body)
	}
}

func TestConcurrentUse(t *testing.T) {
	s := New(Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.AddAccount(CustomerID, Account{ID: "x"})
			req, _ := http.NewRequest("GET", ts.URL+accountsURL(CustomerID), http.NoBody)
			req.Header = headers()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("request %d: status %d", i, resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	if got, _ := s.Accounts(CustomerID); len(got) != 25 || s.RequestCount(accountsKey) != 20 {
		t.Errorf("accounts %d requests %d", len(got), s.RequestCount(accountsKey))
	}
}
