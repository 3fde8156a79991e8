package cdr

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var amountString = regexp.MustCompile(`^-?\d+\.\d{2}$`)

// v1 are the header edits of a Get Balances For Specific Accounts V1 call.
var v1 = map[string]string{"x-v": "1", "x-min-v": ""}

// postBalances asks the balances of ids with the headers edited by edit.
func postBalances(t *testing.T, rawURL string, ids []string, edit map[string]string) answer {
	t.Helper()
	body, err := json.Marshal(map[string]any{"data": map[string]any{"accountIds": ids}})
	if err != nil {
		t.Fatal(err)
	}
	return request(t, http.MethodPost, rawURL, strings.NewReader(string(body)), edit)
}

// balances decodes a 200 balances answer.
func (a answer) balances(t *testing.T) balancesResponse {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var resp balancesResponse
	if err := json.Unmarshal(a.body, &resp); err != nil {
		t.Fatal(err)
	}
	return resp
}

func merge(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func TestSeededBalances(t *testing.T) {
	sb := New(Options{})
	balances, accounts := sb.Balances(), sb.Accounts()
	if len(balances) != len(accounts) {
		t.Fatalf("%d balances for %d accounts", len(balances), len(accounts))
	}
	var noCurrency, withLimit, purses int
	for i, b := range balances {
		a := accounts[i]
		if b.AccountID != a.AccountID || !amountString.MatchString(b.CurrentBalance) || !amountString.MatchString(b.AvailableBalance) {
			t.Errorf("balance %+v of account %s", b, a.AccountID)
		}
		if owing[a.ProductCategory] != strings.HasPrefix(b.CurrentBalance, "-") || strings.HasPrefix(b.AvailableBalance, "-") {
			t.Errorf("%s balance %+v: lending owes, available is never negative", a.ProductCategory, b)
		}
		noCurrency += boolInt(b.Currency == "")
		withLimit += boolInt(b.CreditLimit != "")
		purses += len(b.Purses)
	}
	if noCurrency == 0 || noCurrency == len(balances) || withLimit == 0 || purses == 0 {
		t.Errorf("absent currency %d, credit limits %d, purses %d", noCurrency, withLimit, purses)
	}
	if !reflect.DeepEqual(New(Options{}).Balances(), balances) {
		t.Error("seeded balances differ between servers")
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestBalancesForSpecificAccounts(t *testing.T) {
	sb, ts := newTestServer(t, Options{})
	seeded := sb.Balances()
	ids := []string{seeded[5].AccountID, seeded[0].AccountID, seeded[5].AccountID, seeded[38].AccountID}
	const id = "5f0c8a43-7d2b-4e51-9b0a-3f2c1d4e5a6b"
	a := postBalances(t, ts.URL+BalancesPath, ids, merge(v1, map[string]string{"x-fapi-interaction-id": id}))
	resp := a.balances(t)
	if a.header.Get("x-v") != "1" || a.header.Get("x-fapi-interaction-id") != id {
		t.Errorf("x-v %q interaction id %q", a.header.Get("x-v"), a.header.Get("x-fapi-interaction-id"))
	}
	want := []Balance{seeded[5], seeded[0], seeded[38]}
	if !reflect.DeepEqual(resp.Data.Balances, want) || resp.Meta != (meta{TotalRecords: 3, TotalPages: 1}) {
		t.Errorf("balances %+v meta %+v, want %+v", resp.Data.Balances, resp.Meta, want)
	}
	if resp.Links != (links{Self: ts.URL + BalancesPath + "?page=1&page-size=25"}) {
		t.Errorf("links %+v", resp.Links)
	}
	if want := map[string]int{"POST " + BalancesPath: 1}; !reflect.DeepEqual(sb.RequestCounts(), want) {
		t.Errorf("RequestCounts %v, want %v", sb.RequestCounts(), want)
	}
	get(t, ts.URL+AccountsPath, nil).page(t)
	if want := map[string]int{"POST " + BalancesPath: 1, "GET " + AccountsPath: 1}; !reflect.DeepEqual(sb.RequestCounts(), want) {
		t.Errorf("after Get Accounts: RequestCounts %v, want %v", sb.RequestCounts(), want)
	}
	empty := postBalances(t, ts.URL+BalancesPath, []string{}, v1).balances(t)
	if empty.Data.Balances == nil || len(empty.Data.Balances) != 0 || empty.Meta != (meta{}) {
		t.Errorf("no ids: %+v", empty)
	}
}

func TestBalancesPaging(t *testing.T) {
	sb, ts := newTestServer(t, Options{})
	seeded := sb.Balances()
	ids := []string{seeded[0].AccountID, seeded[1].AccountID, seeded[2].AccountID}
	first := postBalances(t, ts.URL+BalancesPath+"?page-size=2", ids, v1).balances(t)
	base := ts.URL + BalancesPath
	wantLinks := links{Self: base + "?page=1&page-size=2", Next: base + "?page=2&page-size=2", Last: base + "?page=2&page-size=2"}
	if len(first.Data.Balances) != 2 || first.Meta != (meta{TotalRecords: 3, TotalPages: 2}) || first.Links != wantLinks {
		t.Errorf("first page %+v", first)
	}
	second := postBalances(t, first.Links.Next, ids, v1).balances(t)
	if !reflect.DeepEqual(second.Data.Balances, seeded[2:3]) {
		t.Errorf("second page %+v", second.Data.Balances)
	}
	postBalances(t, base+"?page=3&page-size=2", ids, v1).wantError(t, 422, CodeInvalidPage, "Maximum number of pages: 2")
}

func TestBalancesVersionNegotiation(t *testing.T) {
	tests := []struct {
		name     string
		versions []int
		xv, minV string
		status   int
		detail   string
		served   string
	}{
		{"x-v 1", nil, "1", "", 200, "", "1"},
		{"x-v 2 min 1 gets 1", nil, "2", "1", 200, "", "1"},
		{"Get Accounts headers", nil, "3", "2", 406, "minimum version: 1, maximum version: 1", ""},
		{"V2-only balances", []int{2}, "1", "", 406, "minimum version: 2, maximum version: 2", ""},
		{"V2-only balances x-v 2", []int{2}, "2", "1", 200, "", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, ts := newTestServer(t, Options{BalanceVersions: tt.versions})
			a := postBalances(t, ts.URL+BalancesPath, []string{sb.Accounts()[0].AccountID}, map[string]string{"x-v": tt.xv, "x-min-v": tt.minV})
			if tt.status != 200 {
				a.wantError(t, tt.status, CodeUnsupportedVersion, tt.detail)
				return
			}
			a.balances(t)
			if a.header.Get("x-v") != tt.served {
				t.Errorf("served x-v %q, want %s", a.header.Get("x-v"), tt.served)
			}
		})
	}
}

func TestBalancesErrors(t *testing.T) {
	sb, ts := newTestServer(t, Options{})
	known := sb.Accounts()[0].AccountID
	tests := []struct {
		name   string
		query  string
		body   string
		edit   map[string]string
		status int
		code   string
		detail string
	}{
		{"no token", "", "", map[string]string{"Authorization": ""}, 401, CodeUnauthorized, "invalid_token"},
		{"no scope", "", "", map[string]string{"Authorization": "Bearer " + NoScopeToken}, 403, CodeInvalidConsent,
			"The authorised consumer's consent is insufficient to execute the resource"},
		{"missing x-v", "", "", map[string]string{"x-v": ""}, 400, CodeHeaderMissing, "Header 'x-v' is missing."},
		{"auth date missing", "", "", map[string]string{"x-fapi-auth-date": ""}, 400, CodeHeaderMissing, "Header 'x-fapi-auth-date' is missing."},
		{"unknown account", "", `{"data":{"accountIds":["` + known + `","acc-unknown"]}}`, nil, 422, CodeInvalidBankingAccount, "acc-unknown"},
		{"body not JSON", "", "accountIds=1", nil, 400, CodeFieldInvalid, "The request body is not a RequestAccountIdList JSON object."},
		{"no body", "", " ", nil, 400, CodeFieldInvalid, "The request body is not a RequestAccountIdList JSON object."},
		{"no accountIds", "", `{"data":{}}`, nil, 400, CodeFieldMissing, "Field 'data.accountIds' is missing."},
		{"no data", "", `{"accountIds":["x"]}`, nil, 400, CodeFieldMissing, "Field 'data.accountIds' is missing."},
		{"filter parameter", "?open-status=OPEN", "", nil, 400, CodeFieldInvalid, "Unknown query parameter 'open-status'."},
		{"page-size too big", "?page-size=1001", "", nil, 400, CodeInvalidPageSize, "Page size must not exceed 1000."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if body == "" {
				body = `{"data":{"accountIds":["` + known + `"]}}`
			}
			a := request(t, http.MethodPost, ts.URL+BalancesPath+tt.query, strings.NewReader(body), merge(v1, tt.edit))
			a.wantError(t, tt.status, tt.code, tt.detail)
		})
	}
}

func TestBalancesRouting(t *testing.T) {
	sb, ts := newTestServer(t, Options{})
	a := get(t, ts.URL+BalancesPath, v1)
	a.wantError(t, 405, CodeExpected, "Method not allowed: GET")
	if a.header.Get("Allow") != http.MethodPost {
		t.Errorf("Allow %q", a.header.Get("Allow"))
	}
	get(t, ts.URL+BalancesPath+"/x", v1).wantError(t, 404, CodeNotFound, "Resource not found: "+BalancesPath+"/x")
	if want := map[string]int{"GET " + BalancesPath: 1}; !reflect.DeepEqual(sb.RequestCounts(), want) {
		t.Errorf("RequestCounts %v, want %v", sb.RequestCounts(), want)
	}
}
