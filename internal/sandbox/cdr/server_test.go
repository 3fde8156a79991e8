package cdr

import (
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
)

func TestSeed(t *testing.T) {
	seed := Seed()
	if len(seed) < 30 {
		t.Fatalf("%d seeded accounts", len(seed))
	}
	ids, cats := map[string]bool{}, map[string]bool{}
	var open, closed, owned, notOwned, noStatus, noOwned int
	for _, a := range seed {
		if ids[a.AccountID] || a.DisplayName == "" || a.MaskedNumber == "" || a.ProductName == "" || a.AccountOwnership == "" {
			t.Errorf("bad or duplicate account %+v", a)
		}
		ids[a.AccountID], cats[a.ProductCategory] = true, true
		switch {
		case a.OpenStatus == "":
			noStatus++
		case a.openStatus() == "OPEN":
			open++
		default:
			closed++
		}
		switch {
		case a.IsOwned == nil:
			noOwned++
		case *a.IsOwned:
			owned++
		default:
			notOwned++
		}
	}
	if len(cats) != 13 || open == 0 || closed == 0 || owned == 0 || notOwned == 0 || noStatus == 0 || noOwned == 0 {
		t.Errorf("categories %d open %d closed %d absent %d owned %d not owned %d absent %d",
			len(cats), open, closed, noStatus, owned, notOwned, noOwned)
	}
}

func TestFirstPageV3(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	const id = "5f0c8a43-7d2b-4e51-9b0a-3f2c1d4e5a6b"
	a := get(t, ts.URL+AccountsPath, map[string]string{"x-fapi-interaction-id": id})
	page, raw := a.page(t)
	if a.header.Get("x-v") != "3" || a.header.Get("x-fapi-interaction-id") != id {
		t.Errorf("x-v %q interaction id %q", a.header.Get("x-v"), a.header.Get("x-fapi-interaction-id"))
	}
	if len(page.Data.Accounts) != 25 || page.Meta != (meta{TotalRecords: 39, TotalPages: 2}) {
		t.Errorf("%d accounts, meta %+v", len(page.Data.Accounts), page.Meta)
	}
	base := ts.URL + AccountsPath
	want := links{Self: base + "?page=1&page-size=25", Next: base + "?page=2&page-size=25", Last: base + "?page=2&page-size=25"}
	if page.Links != want {
		t.Errorf("links %+v, want %+v", page.Links, want)
	}
	if !strings.Contains(string(a.body), `"isInstalmentDetailAvailable"`) {
		t.Error("V3 answer lacks isInstalmentDetailAvailable")
	}
	for _, k := range []string{"data", "links", "meta"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %s", k)
		}
	}
}

func TestLastPageLinksAndV2(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	a := get(t, ts.URL+AccountsPath+"?page=2&page-size=20", map[string]string{"x-v": "2", "x-min-v": ""})
	page, _ := a.page(t)
	if a.header.Get("x-v") != "2" {
		t.Errorf("x-v %q", a.header.Get("x-v"))
	}
	wantTotal := count(func(a Account) bool { return a.ProductCategory != categoryBNPL })
	if page.Meta.TotalRecords != wantTotal || page.Meta.TotalPages != 2 || len(page.Data.Accounts) != wantTotal-20 {
		t.Errorf("meta %+v, %d accounts", page.Meta, len(page.Data.Accounts))
	}
	base := ts.URL + AccountsPath
	want := links{Self: base + "?page=2&page-size=20", First: base + "?page=1&page-size=20", Prev: base + "?page=1&page-size=20"}
	if page.Links != want {
		t.Errorf("links %+v, want %+v", page.Links, want)
	}
	if strings.Contains(string(a.body), "isInstalmentDetailAvailable") || strings.Contains(string(a.body), categoryBNPL) {
		t.Error("V2 answer carries V3 content")
	}
}

func TestVersionNegotiation(t *testing.T) {
	tests := []struct {
		name     string
		versions []int
		xv, minV string
		status   int
		code     string
		detail   string
		served   string
	}{
		{"missing x-v", nil, "", "2", 400, CodeHeaderMissing, "Header 'x-v' is missing.", ""},
		{"x-v foo", nil, "foo", "", 400, CodeInvalidVersion, "The version provided is not valid.", ""},
		{"x-v -1", nil, "-1", "", 400, CodeInvalidVersion, "The version provided is not valid.", ""},
		{"x-v 0", nil, "0", "", 400, CodeInvalidVersion, "The version provided is not valid.", ""},
		{"x-v +2", nil, "+2", "", 400, CodeInvalidVersion, "The version provided is not valid.", ""},
		{"x-v overflow", nil, "99999999999999999999", "", 400, CodeInvalidVersion, "The version provided is not valid.", ""},
		{"x-min-v foo", nil, "3", "foo", 400, CodeInvalidVersion, "The minimum version provided is not valid.", ""},
		{"x-min-v 0", nil, "3", "0", 400, CodeInvalidVersion, "The minimum version provided is not valid.", ""},
		{"x-v 1", nil, "1", "", 406, CodeUnsupportedVersion, "minimum version: 2, maximum version: 3", ""},
		{"x-v 4 alone", nil, "4", "", 406, CodeUnsupportedVersion, "minimum version: 2, maximum version: 3", ""},
		{"x-v 4 min 1 gets 3", nil, "4", "1", 200, "", "", "3"},
		{"V2 holder x-v 3", []int{2}, "3", "", 406, CodeUnsupportedVersion, "minimum version: 2, maximum version: 2", ""},
		{"V2 holder x-v 3 min 2", []int{2}, "3", "2", 200, "", "", "2"},
		{"V2 holder x-v 2 min 5 ignored", []int{2}, "2", "5", 200, "", "", "2"},
		{"V3 holder x-v 2", []int{3}, "2", "", 406, CodeUnsupportedVersion, "minimum version: 3, maximum version: 3", ""},
		{"x-v 2 min 2", nil, "2", "2", 200, "", "", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := newTestServer(t, Options{Versions: tt.versions})
			a := get(t, ts.URL+AccountsPath, map[string]string{"x-v": tt.xv, "x-min-v": tt.minV})
			if tt.status != 200 {
				a.wantError(t, tt.status, tt.code, tt.detail)
				return
			}
			a.page(t)
			if a.header.Get("x-v") != tt.served {
				t.Errorf("served x-v %q, want %s", a.header.Get("x-v"), tt.served)
			}
		})
	}
}

func TestAuthFailures(t *testing.T) {
	tests := []struct {
		name, auth string
		opts       Options
		status     int
		code       string
		detail     string
		wwwAuth    string
	}{
		{"no authorization", "", Options{}, 401, CodeUnauthorized, "invalid_token", "Bearer"},
		{"basic scheme", "Basic dXNlcjpwYXNz", Options{}, 401, CodeUnauthorized, "invalid_token", "Bearer"},
		{"empty bearer", "Bearer ", Options{}, 401, CodeUnauthorized, "invalid_token", "Bearer"},
		{"unknown token", "Bearer nope", Options{}, 401, CodeUnauthorized, "invalid_token", `Bearer error="invalid_token"`},
		{"expired token", "Bearer " + ExpiredToken, Options{}, 401, CodeUnauthorized, "invalid_token",
			`Bearer error="invalid_token", error_description="The token expired"`},
		{"no scope", "Bearer " + NoScopeToken, Options{}, 403, CodeInvalidConsent,
			"The authorised consumer's consent is insufficient to execute the resource", ""},
		{"revoked", "Bearer " + RevokedToken, Options{}, 403, CodeRevokedConsent, "The consent has been revoked", ""},
		{"no client certificate", "Bearer " + BearerToken, Options{RequireClientCert: true}, 401, CodeUnauthorized, "invalid_token",
			`Bearer error="invalid_token", error_description="client certificate required"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := newTestServer(t, tt.opts)
			a := get(t, ts.URL+AccountsPath, map[string]string{"Authorization": tt.auth})
			a.wantError(t, tt.status, tt.code, tt.detail)
			if got := a.header.Get("WWW-Authenticate"); got != tt.wwwAuth {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.wwwAuth)
			}
			if a.header.Get("x-v") != "" {
				t.Errorf("x-v %q on an auth failure", a.header.Get("x-v"))
			}
		})
	}
}

func TestBareStringAuthErrors(t *testing.T) {
	_, ts := newTestServer(t, Options{BareStringAuthErrors: true})
	a := get(t, ts.URL+AccountsPath, map[string]string{"Authorization": "Bearer nope"})
	if a.status != 403 || strings.TrimSpace(string(a.body)) != `"invalid_token"` || a.header.Get("WWW-Authenticate") != "" {
		t.Errorf("got %d %q %v", a.status, a.body, a.header)
	}
	get(t, ts.URL+AccountsPath, map[string]string{"Authorization": ""}).wantError(t, 401, CodeUnauthorized, "invalid_token")
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		edit   map[string]string
		status int
		code   string
		detail string
	}{
		{"interaction id not a UUID", Options{}, map[string]string{"x-fapi-interaction-id": "abc"},
			400, CodeHeaderInvalid, "Header 'x-fapi-interaction-id' is not a valid UUID."},
		{"auth date missing", Options{}, map[string]string{"x-fapi-auth-date": ""},
			400, CodeHeaderMissing, "Header 'x-fapi-auth-date' is missing."},
		{"auth date malformed", Options{}, map[string]string{"x-fapi-auth-date": "2020-01-16"},
			400, CodeHeaderInvalid, "Header 'x-fapi-auth-date' is not a valid HTTP-date."},
		{"customer ip malformed", Options{}, map[string]string{"x-fapi-customer-ip-address": "999.1.1.1", "x-cds-client-headers": "eA=="},
			400, CodeHeaderInvalid, "Header 'x-fapi-customer-ip-address' is not a valid IP address."},
		{"client headers missing", Options{}, map[string]string{"x-fapi-customer-ip-address": "203.0.113.7"},
			400, CodeHeaderMissing, "Header 'x-cds-client-headers' is missing."},
		{"client headers not base64", Options{}, map[string]string{"x-fapi-customer-ip-address": "203.0.113.7", "x-cds-client-headers": "%%%"},
			400, CodeHeaderInvalid, "Header 'x-cds-client-headers' is not valid Base64."},
		{"accept html", Options{}, map[string]string{"Accept": "text/html"},
			406, CodeHeaderInvalid, "Header 'Accept' must allow application/json."},
		{"auth date missing allowed", Options{AllowMissingAuthDate: true}, map[string]string{"x-fapi-auth-date": ""}, 200, "", ""},
		{"client headers missing allowed", Options{AllowMissingClientHeaders: true}, map[string]string{"x-fapi-customer-ip-address": "2001:db8::1"}, 200, "", ""},
		{"customer present", Options{}, map[string]string{"x-fapi-customer-ip-address": "203.0.113.7", "x-cds-client-headers": "VXNlci1BZ2VudDogeA=="}, 200, "", ""},
		{"rfc850 auth date", Options{}, map[string]string{"x-fapi-auth-date": "Thursday, 16-Jan-20 16:50:15 GMT"}, 200, "", ""},
		{"accept with charset", Options{}, map[string]string{"Accept": "Application/JSON; charset=utf-8"}, 200, "", ""},
		{"accept any", Options{}, map[string]string{"Accept": "text/html, */*;q=0.1"}, 200, "", ""},
		{"no accept", Options{}, map[string]string{"Accept": ""}, 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := newTestServer(t, tt.opts)
			a := get(t, ts.URL+AccountsPath, tt.edit)
			if tt.status == 200 {
				a.page(t)
				return
			}
			a.wantError(t, tt.status, tt.code, tt.detail)
			if a.header.Get("x-v") != "3" {
				t.Errorf("x-v %q after negotiation", a.header.Get("x-v"))
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	tests := []struct {
		name, query string
		opts        Options
		xv          string
		status      int
		code        string
		detail      string
	}{
		{"bad category", "product-category=SHOES", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'product-category'."},
		{"lower-case category", "product-category=term_deposits", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'product-category'."},
		{"BNPL on V2", "product-category=BUY_NOW_PAY_LATER", Options{}, "2", 400, CodeFieldInvalid, "Invalid value for 'product-category'."},
		{"bad open-status", "open-status=open", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'open-status'."},
		{"empty open-status", "open-status=", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'open-status'."},
		{"is-owned yes", "is-owned=yes", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'is-owned'."},
		{"page 0", "page=0", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'page'."},
		{"page abc", "page=abc", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'page'."},
		{"page-size 0", "page-size=0", Options{}, "3", 400, CodeFieldInvalid, "Invalid value for 'page-size'."},
		{"page-size 1001", "page-size=1001", Options{}, "3", 400, CodeInvalidPageSize, "Page size must not exceed 1000."},
		{"page-size huge", "page-size=99999999999999", Options{}, "3", 400, CodeInvalidPageSize, "Page size must not exceed 1000."},
		{"page-size over custom max", "page-size=11", Options{MaxPageSize: 10}, "3", 400, CodeInvalidPageSize, "Page size must not exceed 10."},
		{"page past the end", "page=3", Options{}, "3", 422, CodeInvalidPage, "Maximum number of pages: 2"},
		{"page past the end legacy", "page=3", Options{LegacyOutOfRangePage: true}, "3", 400, CodeFieldInvalid, "Page is out of range"},
		{"page 2 of empty set", "page=2&product-category=BUY_NOW_PAY_LATER&is-owned=false&open-status=CLOSED", Options{}, "3", 422, CodeInvalidPage, "Maximum number of pages: 0"},
		{"unknown parameter", "sort=asc", Options{}, "3", 400, CodeFieldInvalid, "Unknown query parameter 'sort'."},
		{"cursor outside cursor mode", "cursor=abc", Options{}, "3", 400, CodeFieldInvalid, "Unknown query parameter 'cursor'."},
		{"bad cursor", "cursor=abc", Options{Links: LinksCursor}, "3", 400, CodeFieldInvalid, "Invalid value for 'cursor'."},
		{"unknown parameter allowed", "sort=asc", Options{AllowUnknownParams: true}, "3", 200, "", ""},
		{"page-size 1000", "page-size=1000", Options{}, "3", 200, "", ""},
		{"page 1 of empty set", "product-category=BUY_NOW_PAY_LATER&is-owned=false&open-status=CLOSED", Options{}, "3", 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := newTestServer(t, tt.opts)
			a := get(t, ts.URL+AccountsPath+"?"+tt.query, map[string]string{"x-v": tt.xv, "x-min-v": ""})
			if tt.status == 200 {
				a.page(t)
				return
			}
			a.wantError(t, tt.status, tt.code, tt.detail)
		})
	}
}

func TestFilters(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tests := []struct {
		query string
		keep  func(Account) bool
	}{
		{"", func(Account) bool { return true }},
		{"open-status=ALL", func(Account) bool { return true }},
		{"open-status=OPEN", func(a Account) bool { return a.OpenStatus != "CLOSED" }},
		{"open-status=CLOSED", func(a Account) bool { return a.OpenStatus == "CLOSED" }},
		{"is-owned=true", func(a Account) bool { return a.IsOwned == nil || *a.IsOwned }},
		{"is-owned=FALSE", func(a Account) bool { return a.IsOwned != nil && !*a.IsOwned }},
		{"product-category=TERM_DEPOSITS", func(a Account) bool { return a.ProductCategory == "TERM_DEPOSITS" }},
		{"product-category=BUY_NOW_PAY_LATER&open-status=OPEN&is-owned=true", func(a Account) bool {
			return a.ProductCategory == categoryBNPL && a.openStatus() == "OPEN" && a.owned()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			page, _ := get(t, ts.URL+AccountsPath+"?page-size=1000&"+tt.query, nil).page(t)
			want := count(tt.keep)
			if want == 0 || len(page.Data.Accounts) != want || page.Meta.TotalRecords != want {
				t.Errorf("%d accounts (meta %+v), want %d", len(page.Data.Accounts), page.Meta, want)
			}
			for _, a := range page.Data.Accounts {
				if !tt.keep(a) {
					t.Errorf("account %+v does not match", a)
				}
			}
		})
	}
}

func TestEmptySetMeta(t *testing.T) {
	_, ts := newTestServer(t, Options{Accounts: []Account{}})
	a := get(t, ts.URL+AccountsPath, nil)
	page, _ := a.page(t)
	if page.Meta != (meta{}) || page.Data.Accounts == nil || len(page.Data.Accounts) != 0 || !strings.Contains(string(a.body), `"accounts":[]`) {
		t.Errorf("meta %+v body %s", page.Meta, a.body)
	}
}

func TestLinkStylesUnderPrefix(t *testing.T) {
	tests := []struct {
		style LinkStyle
		next  func(base string) string
	}{
		{LinksAbsolute, func(b string) string { return b + "/cdr" + AccountsPath + "?is-owned=true&page=2&page-size=5" }},
		{LinksRelative, func(string) string { return "/cdr" + AccountsPath + "?is-owned=true&page=2&page-size=5" }},
		{LinksCursor, func(b string) string {
			return b + "/cdr" + AccountsPath + "?cursor=" + encodeCursor(2) + "&is-owned=true&page-size=5"
		}},
		{LinksMalformed, func(b string) string { return b + "is-owned=true&page=2&page-size=5" }},
		{LinksNone, func(string) string { return "" }},
	}
	for _, tt := range tests {
		t.Run(tt.next("x"), func(t *testing.T) {
			mux := http.NewServeMux()
			mux.Handle("/cdr/", http.StripPrefix("/cdr", New(Options{Links: tt.style})))
			ts := httptest.NewServer(mux)
			defer ts.Close()
			page, _ := get(t, ts.URL+"/cdr"+AccountsPath+"?is-owned=true&page-size=5", nil).page(t)
			if page.Links.Next != tt.next(ts.URL) {
				t.Errorf("next %q, want %q", page.Links.Next, tt.next(ts.URL))
			}
			if tt.style == LinksCursor {
				second, _ := get(t, ts.URL+"/cdr"+AccountsPath+"?is-owned=true&page-size=5&cursor="+encodeCursor(2), nil).page(t)
				if second.Data.Accounts[0].AccountID == page.Data.Accounts[0].AccountID {
					t.Error("cursor did not move to page 2")
				}
			}
		})
	}
}

func TestBaseURLOption(t *testing.T) {
	_, ts := newTestServer(t, Options{BaseURL: "https://mtls.dh.example.com/"})
	page, _ := get(t, ts.URL+AccountsPath, nil).page(t)
	if want := "https://mtls.dh.example.com" + AccountsPath + "?page=1&page-size=25"; page.Links.Self != want {
		t.Errorf("self %q", page.Links.Self)
	}
}

func TestRoutingFaultsAndHooks(t *testing.T) {
	sb := New(Options{})
	in := faults.New(sb, nil, faults.AnswerUnder("/", AnswerFault))
	ts := httptest.NewServer(in)
	t.Cleanup(ts.Close)
	get(t, ts.URL+"/cds-au/v1/banking/accounts/x", nil).wantError(t, 404, CodeNotFound, "Resource not found: /cds-au/v1/banking/accounts/x")
	req, _ := http.NewRequest(http.MethodPost, ts.URL+AccountsPath, nil)
	req.Header = goodHeaders()
	post := send(t, req)
	post.wantError(t, 405, CodeExpected, "Method not allowed: POST")
	if post.header.Get("Allow") != "GET" {
		t.Errorf("Allow %q", post.header.Get("Allow"))
	}
	in.Set(faults.Config{ErrorRates: map[int]float64{429: 1}, Next: 1})
	a := get(t, ts.URL+AccountsPath+"?page=1", map[string]string{"X-Test": "yes"})
	a.wantError(t, 429, CodeExpected, "Too many requests")
	if a.header.Get("Retry-After") != "0" || !uuidPattern.MatchString(a.header.Get(headerInteractionID)) {
		t.Errorf("Retry-After %q, interaction id %q", a.header.Get("Retry-After"), a.header.Get(headerInteractionID))
	}
	get(t, ts.URL+AccountsPath, nil).page(t)
	if want := map[string]int{accountsKey: 1, "POST " + AccountsPath: 1}; !reflect.DeepEqual(sb.RequestCounts(), want) {
		t.Errorf("RequestCounts %v, want %v", sb.RequestCounts(), want)
	}
	h := sb.LastHeaders()
	h.Set("X-V", "mutated")
	if sb.LastHeaders().Get("X-V") != "3" || sb.LastHeaders().Get("X-Test") != "" || sb.LastQuery().Has("page") {
		t.Errorf("hooks: %v %v", sb.LastHeaders(), sb.LastQuery())
	}
	if other := New(Options{}); len(other.RequestCounts()) != 0 || other.LastHeaders() != nil {
		t.Error("servers share state")
	}
	accounts := sb.Accounts()
	accounts[0].DisplayName = "changed"
	*accounts[0].IsOwned = false
	if sb.Accounts()[0].DisplayName == "changed" || !*sb.Accounts()[0].IsOwned {
		t.Error("Accounts() exposes internal state")
	}
}

func TestConcurrentRequests(t *testing.T) {
	sb, ts := newTestServer(t, Options{})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, ts.URL+AccountsPath+"?page=2", nil)
			req.Header = goodHeaders()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	if sb.RequestCount(accountsKey) != 20 {
		t.Errorf("RequestCount %d", sb.RequestCount(accountsKey))
	}
}

func TestClientCertificateOverTLS(t *testing.T) {
	ts := httptest.NewUnstartedServer(New(Options{RequireClientCert: true}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.TLS = &tls.Config{ClientAuth: tls.RequestClientCert, MinVersion: tls.VersionTLS12}
	ts.StartTLS()
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+AccountsPath, nil)
	req.Header = goodHeaders()
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("status %d without a client certificate", resp.StatusCode)
	}
	// Links over TLS are https.
	ts2 := httptest.NewTLSServer(New(Options{}))
	defer ts2.Close()
	req, _ = http.NewRequest(http.MethodGet, ts2.URL+AccountsPath+"?page-size=1", nil)
	req.Header = goodHeaders()
	resp, err = ts2.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if !strings.Contains(string(body), `"next":"`+ts2.URL+AccountsPath) || !strings.HasPrefix(ts2.URL, "https://") {
		t.Errorf("links over TLS: %s", body)
	}
}
