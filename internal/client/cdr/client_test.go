package cdr

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	sandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewConfigErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"invalid URL", Config{URL: "not a url"}, "invalid URL"},
		{"missing CA file", Config{URL: "https://h", Settings: client.Settings{CAFile: dir + "/missing.pem"}}, "reading CA file"},
		{"cert without key", Config{URL: "https://h", ClientCertFile: "c.pem"}, "must be set together"},
		{"key without cert", Config{URL: "https://h", ClientKeyFile: "k.pem"}, "must be set together"},
		{"missing cert files", Config{URL: "https://h", ClientCertFile: dir + "/c.pem", ClientKeyFile: dir + "/k.pem"}, "loading client certificate"},
		{"negative page size", Config{URL: "https://h", PageSize: -1}, "page size -1 out of range 1..1000"},
		{"page size too big", Config{URL: "https://h", PageSize: 1001}, "page size 1001 out of range 1..1000"},
		{"auth date not HTTP-date", Config{URL: "https://h", AuthDate: "2020-01-16"}, `auth date "2020-01-16" is not an HTTP-date`},
		{"bad customer IP", Config{URL: "https://h", CustomerIPAddress: "nope", ClientHeaders: "eA=="}, `customer IP address "nope" is not an IP address`},
		{"customer IP without client headers", Config{URL: "https://h", CustomerIPAddress: "203.0.113.7"}, "x-cds-client-headers is mandatory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.BearerToken = "s3cret-token"
			c, err := New(tt.cfg)
			if c != nil {
				t.Error("client returned with an error")
			}
			wantErrorContaining(t, err, tt.want)
			if err != nil && strings.Contains(err.Error(), "s3cret-token") {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}

func TestFullReadRoundTripsEveryField(t *testing.T) {
	all := []sandbox.Account{
		{
			AccountID: "a9f3c2d1-opaque", CreationDate: "2021-03-04", DisplayName: "Everyday Account", Nickname: "Bills",
			OpenStatus: "OPEN", IsOwned: ptr(true), AccountOwnership: "TWO_PARTY", MaskedNumber: "xxx-xxx xxxx5678",
			ProductCategory: "TRANS_AND_SAVINGS_ACCOUNTS", ProductName: "Everyday Saver", IsInstalmentDetailAvailable: ptr(false),
		},
		{
			AccountID: "b2", CreationDate: "2019-12-31", DisplayName: "Pay Later", Nickname: "Shopping", OpenStatus: "CLOSED",
			IsOwned: ptr(false), AccountOwnership: "MANY_PARTY", MaskedNumber: "xxxx xxxx xxxx 1234",
			ProductCategory: "BUY_NOW_PAY_LATER", ProductName: "Pay in Four", IsInstalmentDetailAvailable: ptr(true),
		},
		{AccountID: "c3", DisplayName: "Bare", AccountOwnership: "UNKNOWN", MaskedNumber: "xxxx9999", ProductCategory: "LEASES", ProductName: "Lease"},
	}
	tests := []struct {
		name     string
		versions []int
		want     int
	}{
		{"V3 holder", nil, 3},
		{"V2 holder", []int{2}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sandbox.Options{Versions: tt.versions, Accounts: all})
			res, err := accounts(t, newClient(t, e.ts.URL), Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Version != tt.want || !reflect.DeepEqual(res.Accounts, toClient(all, tt.want)) {
				t.Errorf("version %d accounts %+v", res.Version, res.Accounts)
			}
			if e.sb.RequestCount(accountsKey) != 1 {
				t.Errorf("%d requests", e.sb.RequestCount(accountsKey))
			}
		})
	}
}

func TestAccountDefaults(t *testing.T) {
	bare := Account{}
	if bare.EffectiveOpenStatus() != "OPEN" || !bare.Owned() || bare.InstalmentDetailAvailable() {
		t.Error("defaults of absent fields")
	}
	set := Account{OpenStatus: "CLOSED", IsOwned: ptr(false), IsInstalmentDetailAvailable: ptr(true)}
	if set.EffectiveOpenStatus() != "CLOSED" || set.Owned() || !set.InstalmentDetailAvailable() {
		t.Error("explicit values")
	}
}

func TestSeededReadAndRequestHeaders(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	c := newClient(t, e.ts.URL, func(c *Config) {
		c.AuthDate = "Thu, 16 Jan 2020 16:50:15 GMT"
		c.CustomerIPAddress = "203.0.113.7"
		c.ClientHeaders = "VXNlci1BZ2VudDogeA=="
		c.UserAgent = "terraform-provider-openbanking/test"
	})
	res, err := accounts(t, c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 3 || !reflect.DeepEqual(res.Accounts, toClient(e.sb.Accounts(), 3)) {
		t.Errorf("version %d, %d accounts", res.Version, len(res.Accounts))
	}
	h := e.sb.LastHeaders()
	want := map[string]string{
		"Authorization": "Bearer " + sandbox.BearerToken, "X-V": "3", "X-Min-V": "2",
		"X-Fapi-Auth-Date": "Thu, 16 Jan 2020 16:50:15 GMT", "X-Fapi-Customer-Ip-Address": "203.0.113.7",
		"X-Cds-Client-Headers": "VXNlci1BZ2VudDogeA==", "Accept": "application/json",
		"User-Agent": "terraform-provider-openbanking/test",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	if !uuidV4.MatchString(h.Get("X-Fapi-Interaction-Id")) {
		t.Errorf("interaction id %q", h.Get("X-Fapi-Interaction-Id"))
	}
}

func TestDefaultHeadersAndFreshInteractionIDs(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	c := newClient(t, e.ts.URL, func(c *Config) { c.PageSize = 10 })
	if _, err := accounts(t, c, Filter{}); err != nil {
		t.Fatal(err)
	}
	first := e.sb.LastHeaders()
	if _, err := accounts(t, c, Filter{}); err != nil {
		t.Fatal(err)
	}
	second := e.sb.LastHeaders()
	if _, err := http.ParseTime(first.Get("X-Fapi-Auth-Date")); err != nil {
		t.Errorf("default auth date %q", first.Get("X-Fapi-Auth-Date"))
	}
	if first.Get("X-Fapi-Customer-Ip-Address") != "" || first.Get("X-Cds-Client-Headers") != "" {
		t.Error("customer-present headers sent without CustomerIPAddress")
	}
	if first.Get("X-Fapi-Interaction-Id") == second.Get("X-Fapi-Interaction-Id") {
		t.Error("interaction id reused")
	}
}

func TestPagingFollowsEveryLinkStyle(t *testing.T) {
	tests := []struct {
		name  string
		opts  sandbox.Options
		mount string
	}{
		{"absolute", sandbox.Options{}, ""},
		{"absolute under prefix", sandbox.Options{}, "/cdr"},
		{"relative under prefix", sandbox.Options{Links: sandbox.LinksRelative}, "/cdr"},
		{"cursor", sandbox.Options{Links: sandbox.LinksCursor}, "/cdr"},
		{"malformed", sandbox.Options{Links: sandbox.LinksMalformed}, ""},
		{"none", sandbox.Options{Links: sandbox.LinksNone}, ""},
		{"links to another host", sandbox.Options{BaseURL: "https://elsewhere.example"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := sandbox.New(tt.opts)
			var h http.Handler = sb
			if tt.mount != "" {
				mux := http.NewServeMux()
				mux.Handle(tt.mount+"/", http.StripPrefix(tt.mount, sb))
				h = mux
			}
			ts := httptest.NewServer(h)
			defer ts.Close()
			c := newClient(t, ts.URL+tt.mount, func(c *Config) { c.PageSize = 5 })
			res, err := accounts(t, c, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Accounts, toClient(sb.Accounts(), 3)) {
				t.Errorf("%d accounts, want all %d in order", len(res.Accounts), len(sb.Accounts()))
			}
			if sb.RequestCount(accountsKey) != 8 {
				t.Errorf("%d requests, want 8 pages of 5 for 39 accounts", sb.RequestCount(accountsKey))
			}
		})
	}
}

func TestFilters(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	c := newClient(t, e.ts.URL, func(c *Config) { c.PageSize = 3 })
	tests := []struct {
		f     Filter
		query map[string]string
		keep  func(Account) bool
	}{
		{Filter{OpenStatus: "CLOSED"}, map[string]string{"open-status": "CLOSED"}, func(a Account) bool { return a.EffectiveOpenStatus() == "CLOSED" }},
		{Filter{OpenStatus: "OPEN", IsOwned: ptr(true)}, map[string]string{"open-status": "OPEN", "is-owned": "true"},
			func(a Account) bool { return a.EffectiveOpenStatus() == "OPEN" && a.Owned() }},
		{Filter{IsOwned: ptr(false)}, map[string]string{"is-owned": "false"}, func(a Account) bool { return !a.Owned() }},
		{Filter{ProductCategory: "BUY_NOW_PAY_LATER"}, map[string]string{"product-category": "BUY_NOW_PAY_LATER"},
			func(a Account) bool { return a.ProductCategory == "BUY_NOW_PAY_LATER" }},
	}
	for _, tt := range tests {
		t.Run(tt.f.OpenStatus+tt.f.ProductCategory, func(t *testing.T) {
			res, err := accounts(t, c, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var want []Account
			for _, a := range toClient(e.sb.Accounts(), 3) {
				if tt.keep(a) {
					want = append(want, a)
				}
			}
			if len(want) == 0 || !reflect.DeepEqual(res.Accounts, want) {
				t.Errorf("got %d accounts, want %d", len(res.Accounts), len(want))
			}
			q := e.sb.LastQuery()
			for k, v := range tt.query {
				if q.Get(k) != v {
					t.Errorf("query %s = %q, want %q", k, q.Get(k), v)
				}
			}
		})
	}
}

func TestSandboxErrors(t *testing.T) {
	tests := []struct {
		name    string
		opts    sandbox.Options
		token   string
		filter  Filter
		status  int
		code    string
		message string
		text    string
	}{
		{"unknown token", sandbox.Options{}, "wrong", Filter{}, 401, "401", "Unauthorized: invalid_token", "listing CDR accounts [401]"},
		{"expired token", sandbox.Options{}, sandbox.ExpiredToken, Filter{}, 401, "401", "Unauthorized: invalid_token", "HTTP 401"},
		{"no token", sandbox.Options{}, "", Filter{}, 401, "401", "Unauthorized: invalid_token", "HTTP 401"},
		{"missing scope", sandbox.Options{}, sandbox.NoScopeToken, Filter{}, 403, sandbox.CodeInvalidConsent,
			"Consent Is Invalid: The authorised consumer's consent is insufficient to execute the resource", "[" + sandbox.CodeInvalidConsent + "]"},
		{"revoked consent", sandbox.Options{}, sandbox.RevokedToken, Filter{}, 403, sandbox.CodeRevokedConsent,
			"Consent Is Revoked: The consent has been revoked", "HTTP 403"},
		{"bare string 403", sandbox.Options{BareStringAuthErrors: true}, "wrong", Filter{}, 403, "", "invalid_token",
			"GET /cds-au/v1/banking/accounts returned HTTP 403: invalid_token"},
		{"V1-only holder", sandbox.Options{Versions: []int{1}}, sandbox.BearerToken, Filter{}, 406, sandbox.CodeUnsupportedVersion,
			"Unsupported Version: minimum version: 1, maximum version: 1", "serves neither Get Accounts V3 nor V2"},
		{"V4-only holder", sandbox.Options{Versions: []int{4}}, sandbox.BearerToken, Filter{}, 406, sandbox.CodeUnsupportedVersion,
			"Unsupported Version: minimum version: 4, maximum version: 4", sandbox.CodeUnsupportedVersion},
		{"BNPL on a V2 holder", sandbox.Options{Versions: []int{2}}, sandbox.BearerToken, Filter{ProductCategory: "BUY_NOW_PAY_LATER"},
			400, sandbox.CodeFieldInvalid, "Invalid Field: Invalid value for 'product-category'.", sandbox.CodeFieldInvalid},
		{"bad open-status", sandbox.Options{}, sandbox.BearerToken, Filter{OpenStatus: "open"},
			400, sandbox.CodeFieldInvalid, "Invalid Field: Invalid value for 'open-status'.", "HTTP 400"},
		{"page size over the holder's max", sandbox.Options{MaxPageSize: 50}, sandbox.BearerToken, Filter{},
			400, sandbox.CodeInvalidPageSize, "Invalid Page Size: Page size must not exceed 50.", "HTTP 400"},
		{"mTLS required", sandbox.Options{RequireClientCert: true}, sandbox.BearerToken, Filter{}, 401, "401", "Unauthorized: invalid_token", "HTTP 401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			c := newClient(t, e.ts.URL, func(c *Config) { c.BearerToken = tt.token; c.MaxRetries = 2 })
			res, err := accounts(t, c, tt.filter)
			if res != nil {
				t.Error("result with an error")
			}
			_ = wantAPIError(t, err, tt.status, tt.code, tt.message)
			wantErrorContaining(t, err, tt.text)
			if tt.token != "" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error leaks the token: %v", err)
			}
			if e.sb.RequestCount(accountsKey) != 1 {
				t.Errorf("%d requests, want 1 (no retry, no renewal)", e.sb.RequestCount(accountsKey))
			}
		})
	}
}

func TestHeaderErrorsFromHolder(t *testing.T) {
	tests := []struct {
		name, body  string
		status      int
		code, msg   string
		codes, text []string
	}{
		{"missing header", `{"errors":[{"code":"urn:au-cds:error:cds-all:Header/Missing","title":"Missing Required Header","detail":"Header 'x-fapi-auth-date' is missing."}]}`,
			400, CodeHeaderMissing, "Missing Required Header: Header 'x-fapi-auth-date' is missing.", []string{CodeHeaderMissing},
			[]string{"listing CDR accounts [" + CodeHeaderMissing + "]: GET /cds-au/v1/banking/accounts returned HTTP 400: Missing Required Header"}},
		{"invalid header", `{"errors":[{"code":"urn:au-cds:error:cds-all:Header/Invalid","title":"Invalid Header","detail":"x-fapi-interaction-id","meta":{}}]}`,
			400, CodeHeaderInvalid, "Invalid Header: x-fapi-interaction-id", []string{CodeHeaderInvalid}, []string{CodeHeaderInvalid}},
		{"invalid version", `{"errors":[{"code":"urn:au-cds:error:cds-all:Header/InvalidVersion","title":"Invalid Version","detail":"The version provided is not valid."}]}`,
			400, CodeInvalidVersion, "Invalid Version: The version provided is not valid.", []string{CodeInvalidVersion}, nil},
		{"holder-specific code with meta.urn and two errors",
			`{"errors":[{"code":"AU.DH.Quota","title":"Quota","detail":"daily limit","meta":{"urn":"urn:au-cds:error:cds-all:GeneralError/Expected"}},{"code":"urn:au-cds:error:cds-all:Field/Invalid","title":"Invalid Field","detail":"page"}]}`,
			422, "AU.DH.Quota", "Quota: daily limit; Invalid Field: page",
			[]string{"AU.DH.Quota", "urn:au-cds:error:cds-all:GeneralError/Expected", CodeFieldInvalid}, []string{"[AU.DH.Quota]"}},
		{"title only", `{"errors":[{"code":"X","title":"T","detail":""}]}`, 400, "X", "T", []string{"X"}, nil},
		{"detail only", `{"errors":[{"code":"X","title":"","detail":"D"}]}`, 400, "X", "D", []string{"X"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(fixed(tt.status, map[string]string{"Content-Type": "application/json"}, tt.body))
			defer ts.Close()
			_, err := accounts(t, newClient(t, ts.URL), Filter{})
			apiErr := wantAPIError(t, err, tt.status, tt.code, tt.msg)
			if !reflect.DeepEqual(apiErr.Codes, tt.codes) {
				t.Errorf("Codes %v, want %v", apiErr.Codes, tt.codes)
			}
			wantErrorContaining(t, err, tt.text...)
		})
	}
}

func TestMalformedAnswers(t *testing.T) {
	okHeaders := map[string]string{"x-v": "3", "Content-Type": "application/json"}
	page := `{"data":{"accounts":[]},"links":{"self":"x"},"meta":{"totalRecords":0,"totalPages":0}}`
	tests := []struct {
		name    string
		status  int
		headers map[string]string
		body    string
		want    []string
	}{
		{"HTML 200", 200, map[string]string{"x-v": "3", "Content-Type": "text/html"}, "<html><body>Login</body></html>",
			[]string{"listing CDR accounts: GET /cds-au/v1/banking/accounts: HTTP 200 with a body that is not the expected JSON", "<html><body>Login"}},
		{"empty 200", 200, okHeaders, "", []string{"the response has no data.accounts"}},
		{"wrong JSON object", 200, okHeaders, `{"accounts":[]}`, []string{"the response has no data.accounts"}},
		{"JSON array", 200, okHeaders, `[1,2]`, []string{"not the expected JSON", "[1,2]"}},
		{"accounts not an array", 200, okHeaders, `{"data":{"accounts":{}}}`, []string{"not the expected JSON"}},
		{"no meta", 200, okHeaders, `{"data":{"accounts":[]},"links":{"self":"x"}}`, []string{"no meta.totalRecords/totalPages"}},
		{"meta without totalPages", 200, okHeaders, `{"data":{"accounts":[]},"links":{"self":"x"},"meta":{"totalRecords":0}}`, []string{"no meta.totalRecords/totalPages"}},
		{"no x-v", 200, map[string]string{"x-v": ""}, page, []string{"no x-v header"}},
		{"x-v 4", 200, map[string]string{"x-v": "4"}, page, []string{`served x-v "4", outside the requested 2..3`}},
		{"x-v garbage", 200, map[string]string{"x-v": "v3"}, page, []string{`served x-v "v3"`}},
		{"interaction id not echoed", 200, map[string]string{"x-v": "3", "x-fapi-interaction-id": "00000000-0000-4000-8000-000000000000"}, page,
			[]string{`x-fapi-interaction-id "00000000-0000-4000-8000-000000000000" does not echo`}},
		{"HTML 502", 502, map[string]string{"Content-Type": "text/html"}, "<html><h1>502 Bad Gateway</h1></html>",
			[]string{"listing CDR accounts: GET /cds-au/v1/banking/accounts returned HTTP 502: unexpected text/html response: <html><h1>502 Bad Gateway</h1></html>"}},
		{"empty 500", 500, nil, "", []string{"returned HTTP 500: empty response body"}},
		{"empty 401 with WWW-Authenticate", 401, map[string]string{"WWW-Authenticate": `Bearer error="invalid_token"`}, "",
			[]string{`returned HTTP 401: WWW-Authenticate: Bearer error="invalid_token"`}},
		{"JSON without errors", 400, map[string]string{"Content-Type": "application/json"}, `{"errors":[]}`,
			[]string{`returned HTTP 400: unexpected application/json response: {"errors":[]}`}},
		{"OBP-like message", 400, map[string]string{"Content-Type": "application/json"}, `{"message":"nope"}`, []string{"returned HTTP 400: nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(fixed(tt.status, tt.headers, tt.body))
			defer ts.Close()
			res, err := accounts(t, newClient(t, ts.URL), Filter{})
			if res != nil {
				t.Error("result with an error")
			}
			wantErrorContaining(t, err, tt.want...)
			if apiErr, ok := asAPI(err); ok && apiErr.Code != "" {
				t.Errorf("code %q from a non-CDR body", apiErr.Code)
			}
		})
	}
}

func TestEmptyResultAndV2DropsV3Fields(t *testing.T) {
	body := `{"data":{"accounts":[{"accountId":"a","displayName":"d","accountOwnership":"SHARED_WEIRD","maskedNumber":"xx12",` +
		`"productCategory":"CRYPTO","productName":"p","creationDate":"2023-06-22T17:07:49.294Z","isInstalmentDetailAvailable":true,"extra":1}]},` +
		`"links":{"self":"x"},"meta":{"totalRecords":1,"totalPages":1}}`
	ts := httptest.NewServer(fixed(200, map[string]string{"x-v": "2", "x-fapi-interaction-id": ""}, body))
	defer ts.Close()
	res, err := accounts(t, newClient(t, ts.URL), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Account{{AccountID: "a", DisplayName: "d", AccountOwnership: "SHARED_WEIRD", MaskedNumber: "xx12",
		ProductCategory: "CRYPTO", ProductName: "p", CreationDate: "2023-06-22T17:07:49.294Z"}}
	if res.Version != 2 || !reflect.DeepEqual(res.Accounts, want) {
		t.Errorf("got %d %+v", res.Version, res.Accounts)
	}

	e := newEnv(t, sandbox.Options{Accounts: []sandbox.Account{}})
	res, err = accounts(t, newClient(t, e.ts.URL), Filter{})
	if err != nil || res.Version != 3 || len(res.Accounts) != 0 || e.sb.RequestCount(accountsKey) != 1 {
		t.Errorf("empty set: %v %+v %d requests", err, res, e.sb.RequestCount(accountsKey))
	}
}

// pagedHandler serves scripted pages keyed by the page parameter.
func pagedHandler(pages map[string]string, versions map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Query().Get("page")
		w.Header().Set("x-fapi-interaction-id", r.Header.Get("x-fapi-interaction-id"))
		v := versions[p]
		if v == "" {
			v = "3"
		}
		w.Header().Set("x-v", v)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, pages[p])
	}
}

func pageJSON(t *testing.T, ids []string, next string, totalPages int) string {
	t.Helper()
	accts := make([]Account, len(ids))
	for i, id := range ids {
		accts[i] = Account{AccountID: id, DisplayName: id, AccountOwnership: "ONE_PARTY", MaskedNumber: "x1", ProductCategory: "LEASES", ProductName: "p"}
	}
	body, err := json.Marshal(map[string]any{
		"data": map[string]any{"accounts": accts}, "links": map[string]string{"self": "s", "next": next},
		"meta": map[string]int{"totalRecords": 99, "totalPages": totalPages},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func TestPagingEdgeCases(t *testing.T) {
	t.Run("duplicates across pages and an empty page stop", func(t *testing.T) {
		var n int
		h := pagedHandler(map[string]string{
			"1": pageJSON(t, []string{"a", "b"}, "", 1000000),
			"2": pageJSON(t, []string{"b", "c"}, "", 1000000),
			"3": pageJSON(t, nil, "", 1000000),
		}, nil)
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n++; h(w, r) }))
		defer ts.Close()
		res, err := accounts(t, newClient(t, ts.URL, func(c *Config) { c.PageSize = 2 }), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res.Accounts); got != "a,b,c" || n != 3 {
			t.Errorf("accounts %s after %d requests", got, n)
		}
	})
	t.Run("version switch between pages", func(t *testing.T) {
		ts := httptest.NewServer(pagedHandler(map[string]string{
			"1": pageJSON(t, []string{"a"}, "", 2), "2": pageJSON(t, []string{"b"}, "", 2),
		}, map[string]string{"2": "2"}))
		defer ts.Close()
		_, err := accounts(t, newClient(t, ts.URL), Filter{})
		wantErrorContaining(t, err, "switched from V3 to V2 between pages")
	})
	t.Run("inconsistent links fall back to the page number", func(t *testing.T) {
		for _, next := range []string{"?page=7&page-size=100", "?page=2&page-size=3", "?page=2&page-size=100&is-owned=false", "?page-size=100", "%zz", "mailto:x"} {
			ts := httptest.NewServer(pagedHandler(map[string]string{
				"1": pageJSON(t, []string{"a"}, next, 2), "2": pageJSON(t, []string{"b"}, "", 2),
			}, nil))
			res, err := accounts(t, newClient(t, ts.URL), Filter{IsOwned: ptr(true)})
			ts.Close()
			if err != nil || ids(res.Accounts) != "a,b" {
				t.Errorf("next %q: %v %+v", next, err, res)
			}
		}
	})
	t.Run("relative links", func(t *testing.T) {
		tests := []struct{ next, want string }{
			{"accounts?cursor=abc", "cursor=abc&open-status=OPEN&page-size=100"},
			{"/cds-au/v1/banking/accounts?cursor=abc&page-size=100", "cursor=abc&open-status=OPEN&page-size=100"},
			{"?page=2&page-size=100&open-status=OPEN", "open-status=OPEN&page=2&page-size=100"},
			{"next?cursor=abc", "open-status=OPEN&page=2&page-size=100"}, // another path: not usable
		}
		for _, tt := range tests {
			var got []string
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = append(got, r.URL.RawQuery)
				w.Header().Set("x-v", "3")
				if len(got) == 1 {
					_, _ = io.WriteString(w, pageJSON(t, []string{"a"}, tt.next, 2))
					return
				}
				_, _ = io.WriteString(w, pageJSON(t, []string{"b"}, "", 2))
			}))
			res, err := accounts(t, newClient(t, ts.URL), Filter{OpenStatus: "OPEN"})
			ts.Close()
			if err != nil || ids(res.Accounts) != "a,b" || len(got) != 2 || got[1] != tt.want {
				t.Errorf("next %q: %v %+v, queries %q, want second %q", tt.next, err, res, got, tt.want)
			}
		}
	})
}

func ids(accts []Account) string {
	out := make([]string, len(accts))
	for i, a := range accts {
		out[i] = a.AccountID
	}
	return strings.Join(out, ",")
}

func TestRetriesThrottling(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	throttleNext := faults.Config{ErrorRates: map[int]float64{http.StatusTooManyRequests: 1}, Next: 1}
	e.faults.Set(throttleNext)
	res, err := accounts(t, newClient(t, e.ts.URL, func(c *Config) { c.MaxRetries = 1; c.PageSize = 1000 }), Filter{})
	if err != nil || len(res.Accounts) != 39 || e.faults.Counts()["status 429"] != 1 || e.sb.RequestCount(accountsKey) != 1 {
		t.Fatalf("%v, %v throttled, %d reached the sandbox", err, e.faults.Counts(), e.sb.RequestCount(accountsKey))
	}
	e.faults.Set(throttleNext)
	_, err = accounts(t, newClient(t, e.ts.URL), Filter{})
	_ = wantAPIError(t, err, 429, sandbox.CodeExpected, "Expected Error Encountered: Too many requests")
}

func TestMutualTLS(t *testing.T) {
	p := newPKI(t)
	ts := httptest.NewUnstartedServer(sandbox.New(sandbox.Options{RequireClientCert: true}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	ts.TLS = &tls.Config{
		MinVersion: tls.VersionTLS12, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: p.pool,
		Certificates: []tls.Certificate{{Certificate: [][]byte{p.serverCert}, PrivateKey: p.serverKey}},
	}
	ts.StartTLS()
	defer ts.Close()

	c := newClient(t, ts.URL, func(c *Config) { c.CAFile, c.ClientCertFile, c.ClientKeyFile = p.caFile, p.certFile, p.keyFile })
	res, err := accounts(t, c, Filter{})
	if err != nil || len(res.Accounts) != 39 {
		t.Fatalf("with client certificate: %v", err)
	}
	_, err = accounts(t, newClient(t, ts.URL, func(c *Config) { c.CAFile = p.caFile }), Filter{})
	wantErrorContaining(t, err, "listing CDR accounts: GET /cds-au/v1/banking/accounts:")
	if _, ok := asAPI(err); ok {
		t.Errorf("handshake failure reported as an API answer: %v", err)
	}
	_, err = accounts(t, newClient(t, ts.URL, func(c *Config) { c.ClientCertFile, c.ClientKeyFile = p.certFile, p.keyFile }), Filter{})
	wantErrorContaining(t, err, "certificate")
}

func TestNoBearerForNoAuthHolders(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			w.WriteHeader(500)
			return
		}
		fixed(200, map[string]string{"x-v": "2"}, `{"data":{"accounts":[]},"links":{"self":"s"},"meta":{"totalRecords":0,"totalPages":0}}`)(w, r)
	}))
	defer ts.Close()
	res, err := newClient(t, ts.URL, func(c *Config) { c.BearerToken = "" }).Accounts(context.Background(), Filter{})
	if err != nil || res.Version != 2 {
		t.Fatalf("%v %+v", err, res)
	}
}
