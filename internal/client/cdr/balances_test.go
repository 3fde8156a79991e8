package cdr

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	sandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
)

func withBalances(t *testing.T, c *Client, f Filter) (*AccountsResult, error) {
	t.Helper()
	return c.AccountsWithBalances(context.Background(), f)
}

// toClientBalances converts sandbox balances (the expected answer) by account.
func toClientBalances(in []sandbox.Balance) map[string]Balance {
	out := map[string]Balance{}
	for _, b := range in {
		c := Balance{
			AccountID: b.AccountID, CurrentBalance: b.CurrentBalance, AvailableBalance: b.AvailableBalance,
			CreditLimit: b.CreditLimit, AmortisedLimit: b.AmortisedLimit, Currency: b.Currency,
		}
		for _, p := range b.Purses {
			c.Purses = append(c.Purses, Purse{Amount: p.Amount, Currency: p.Currency})
		}
		out[b.AccountID] = c
	}
	return out
}

// bodyRecorder keeps the account ids of every balances request in front of h.
type bodyRecorder struct {
	h       http.Handler
	mu      sync.Mutex
	queries []string
	ids     [][]string
}

func (b *bodyRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		raw, _ := io.ReadAll(r.Body)
		var req accountIDList
		_ = json.Unmarshal(raw, &req)
		b.mu.Lock()
		b.queries, b.ids = append(b.queries, r.URL.RawQuery), append(b.ids, req.Data.AccountIDs)
		b.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(raw)))
	}
	b.h.ServeHTTP(w, r)
}

func TestAccountsWithBalancesOneRequestPerPage(t *testing.T) {
	sb := sandbox.New(sandbox.Options{})
	rec := &bodyRecorder{h: sb}
	ts := httptest.NewServer(rec)
	defer ts.Close()
	res, err := withBalances(t, newClient(t, ts.URL, func(c *Config) { c.PageSize = 10 }), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 3 || !reflect.DeepEqual(res.Accounts, toClient(sb.Accounts(), 3)) {
		t.Errorf("version %d, %d accounts", res.Version, len(res.Accounts))
	}
	if !reflect.DeepEqual(res.Balances, toClientBalances(sb.Balances())) {
		t.Errorf("balances %+v", res.Balances)
	}
	if accounts, balances := requestCounts(sb); accounts != 4 || balances != 4 {
		t.Errorf("%d accounts requests, %d balances requests; want 4 pages of each", accounts, balances)
	}
	for i, ids := range rec.ids {
		if want := accountIDs(res.Accounts[i*10 : min(i*10+10, len(res.Accounts))]); !reflect.DeepEqual(ids, want) {
			t.Errorf("balances request %d for %v, want the page's accounts %v", i, ids, want)
		}
		if rec.queries[i] != "page=1&page-size=10" {
			t.Errorf("balances request %d query %q", i, rec.queries[i])
		}
	}
	h := sb.LastHeaders()
	if h.Get("X-V") != "1" || h.Get("X-Min-V") != "" || h.Get("Content-Type") != "application/json" || !uuidV4.MatchString(h.Get("X-Fapi-Interaction-Id")) {
		t.Errorf("balances request headers %v", h)
	}
}

func TestAccountsWithoutBalances(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	res, err := accounts(t, newClient(t, e.ts.URL, func(c *Config) { c.PageSize = 10 }), Filter{})
	if err != nil || res.Balances != nil || len(res.Accounts) != 39 {
		t.Fatalf("%v: %d accounts, balances %v", err, len(res.Accounts), res.Balances)
	}
	if accounts, balances := requestCounts(e.sb); accounts != 4 || balances != 0 {
		t.Errorf("%d accounts requests, %d balances requests; want 4 and none", accounts, balances)
	}
}

func TestBalancesFilteredAndOnAV2Holder(t *testing.T) {
	e := newEnv(t, sandbox.Options{Versions: []int{2}})
	res, err := withBalances(t, newClient(t, e.ts.URL), Filter{ProductCategory: "TRAVEL_CARDS"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 2 || len(res.Accounts) != 3 || len(res.Balances) != 3 || e.sb.RequestCount("POST "+sandbox.BalancesPath) != 1 {
		t.Fatalf("version %d, %d accounts, %d balances, %d balances requests", res.Version, len(res.Accounts), len(res.Balances), e.sb.RequestCount("POST "+sandbox.BalancesPath))
	}
	for _, a := range res.Accounts {
		b := res.Balances[a.AccountID]
		if b.EffectiveCurrency() != "USD" || len(b.Purses) != 1 {
			t.Errorf("travel card balance %+v", b)
		}
	}
}

func TestBalanceDefaults(t *testing.T) {
	if (Balance{}).EffectiveCurrency() != "AUD" || (Balance{Currency: "NZD"}).EffectiveCurrency() != "NZD" {
		t.Error("currency default")
	}
}

func TestBalancesVersionRefused(t *testing.T) {
	e := newEnv(t, sandbox.Options{BalanceVersions: []int{2}})
	res, err := withBalances(t, newClient(t, e.ts.URL), Filter{})
	if res != nil {
		t.Error("result with an error")
	}
	var balErr *BalancesError
	if !errors.As(err, &balErr) {
		t.Fatalf("want a *BalancesError, got %T %v", err, err)
	}
	_ = wantAPIError(t, err, 406, CodeUnsupportedVersion, "Unsupported Version: minimum version: 2, maximum version: 2")
	wantErrorContaining(t, err, "reading CDR balances: the data holder does not serve Get Balances For Specific Accounts V1 ["+CodeUnsupportedVersion+"]")
	if accounts, balances := requestCounts(e.sb); accounts != 1 || balances != 1 {
		t.Errorf("%d accounts requests, %d balances requests; want one page of accounts and one refused balances call", accounts, balances)
	}
}

// holder answers Get Accounts with accountPages (by page parameter) and the
// balances call with balances.
func holder(t *testing.T, accountPages map[string]string, balances http.HandlerFunc) *httptest.Server {
	t.Helper()
	accountsHandler := pagedHandler(accountPages, nil)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == balancesPath {
			balances(w, r)
			return
		}
		accountsHandler(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestBalancesErrorsFromHolder(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"consent lacks the scope", `{"errors":[{"code":"urn:au-cds:error:cds-all:Authorisation/InvalidConsent","title":"Consent Is Invalid","detail":"bank:accounts.basic:read"}]}`,
			403, CodeInvalidConsent, "Consent Is Invalid: bank:accounts.basic:read"},
		{"endpoint not implemented", `{"errors":[{"code":"urn:au-cds:error:cds-all:Resource/NotImplemented","title":"Resource Not Implemented","detail":"balances"}]}`,
			404, "urn:au-cds:error:cds-all:Resource/NotImplemented", "Resource Not Implemented: balances"},
		{"account unavailable", `{"errors":[{"code":"urn:au-cds:error:cds-banking:Authorisation/UnavailableBankingAccount","title":"Unavailable Banking Account","detail":"a"}]}`,
			422, "urn:au-cds:error:cds-banking:Authorisation/UnavailableBankingAccount", "Unavailable Banking Account: a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := holder(t, map[string]string{"1": pageJSON(t, []string{"a", "b"}, "", 1)},
				fixed(tt.status, map[string]string{"Content-Type": "application/json"}, tt.body))
			_, err := withBalances(t, newClient(t, ts.URL), Filter{})
			var balErr *BalancesError
			if !errors.As(err, &balErr) {
				t.Fatalf("want a *BalancesError, got %T %v", err, err)
			}
			_ = wantAPIError(t, err, tt.status, tt.code, tt.msg)
			wantErrorContaining(t, err, "reading CDR balances ["+tt.code+"]: POST /cds-au/v1/banking/accounts/balances returned HTTP")
		})
	}
}

func TestBalancesMalformedAnswers(t *testing.T) {
	balances := `{"data":{"balances":[]},"links":{"self":"s"},"meta":{"totalRecords":0,"totalPages":0}}`
	tests := []struct {
		name    string
		headers map[string]string
		body    string
		want    string
	}{
		{"served V2", map[string]string{"x-v": "2"}, balances, `POST /cds-au/v1/banking/accounts/balances: the holder served x-v "2", outside the requested 1`},
		{"no x-v", nil, balances, "POST /cds-au/v1/banking/accounts/balances: the response has no x-v header"},
		{"accounts answer", map[string]string{"x-v": "1"}, `{"data":{"accounts":[]},"links":{"self":"s"},"meta":{"totalRecords":0,"totalPages":0}}`,
			"POST /cds-au/v1/banking/accounts/balances: the response has no data.balances (not a Get Balances For Specific Accounts answer)"},
		{"no meta", map[string]string{"x-v": "1"}, `{"data":{"balances":[]},"links":{"self":"s"}}`,
			"POST /cds-au/v1/banking/accounts/balances: the response has no meta.totalRecords/totalPages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := holder(t, map[string]string{"1": pageJSON(t, []string{"a"}, "", 1)}, fixed(200, tt.headers, tt.body))
			_, err := withBalances(t, newClient(t, ts.URL), Filter{})
			wantErrorContaining(t, err, "reading CDR balances: "+tt.want)
		})
	}
}

// balancesJSON is a balances page with a balance of 1.00 per id.
func balancesJSON(t *testing.T, ids []string, totalPages int) string {
	t.Helper()
	balances := make([]Balance, len(ids))
	for i, id := range ids {
		balances[i] = Balance{AccountID: id, CurrentBalance: "1.00", AvailableBalance: "1.00"}
	}
	body, err := json.Marshal(map[string]any{
		"data": map[string]any{"balances": balances}, "links": map[string]string{"self": "s"},
		"meta": map[string]int{"totalRecords": len(ids), "totalPages": totalPages},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func TestBalancesPagingEdgeCases(t *testing.T) {
	t.Run("pages of duplicates ask no balances; unasked balances are dropped", func(t *testing.T) {
		var asked [][]string
		ts := holder(t, map[string]string{
			"1": pageJSON(t, []string{"a", "b"}, "", 3), "2": pageJSON(t, []string{"b", "a"}, "", 3), "3": pageJSON(t, []string{"c"}, "", 3),
		}, func(w http.ResponseWriter, r *http.Request) {
			var req accountIDList
			_ = json.NewDecoder(r.Body).Decode(&req)
			asked = append(asked, req.Data.AccountIDs)
			ids := append([]string{"z"}, req.Data.AccountIDs...)
			if ids[1] == "c" {
				ids = ids[:1] // the holder leaves c out
			}
			fixed(200, map[string]string{"x-v": "1"}, balancesJSON(t, ids, 1))(w, r)
		})
		res, err := withBalances(t, newClient(t, ts.URL, func(c *Config) { c.PageSize = 2 }), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(asked, [][]string{{"a", "b"}, {"c"}}) || len(res.Balances) != 2 || res.Balances["a"].CurrentBalance != "1.00" {
			t.Errorf("asked %v, balances %+v", asked, res.Balances)
		}
	})
	t.Run("a balances answer in two pages is read whole", func(t *testing.T) {
		var queries []string
		ts := holder(t, map[string]string{"1": pageJSON(t, []string{"a", "b"}, "", 1)}, func(w http.ResponseWriter, r *http.Request) {
			queries = append(queries, r.URL.RawQuery)
			id := map[string]string{"1": "a", "2": "b"}[r.URL.Query().Get("page")]
			fixed(200, map[string]string{"x-v": "1"}, balancesJSON(t, []string{id}, 2))(w, r)
		})
		res, err := withBalances(t, newClient(t, ts.URL), Filter{})
		if err != nil || len(res.Balances) != 2 || !reflect.DeepEqual(queries, []string{"page=1&page-size=100", "page=2&page-size=100"}) {
			t.Errorf("%v: balances %+v after queries %q", err, res, queries)
		}
	})
}

// requestCounts are the Get Accounts and Get Balances requests the sandbox received.
func requestCounts(sb *sandbox.Server) (accounts, balances int) {
	return sb.RequestCount("GET " + sandbox.AccountsPath), sb.RequestCount("POST " + sandbox.BalancesPath)
}
