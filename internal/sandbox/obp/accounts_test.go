package obp

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

const accountsPath = v + "/banks/" + DefaultBankID + "/accounts"

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// Seeded ids at the default bank in creation order.
var (
	adminAccounts = []string{
		"demo-current-eur-01", "demo-current-gbp-01", "demo-current-usd-01", "demo-savings-eur-01",
		"demo-savings-gbp-01", "demo-savings-usd-01", "demo-card-eur-01", "demo-card-usd-01",
	}
	adminVisible  = append(slices.Clone(adminAccounts), PublicAccountID)
	secondBankIDs = []string{"demo2-current-eur-01", "demo2-savings-gbp-01"}
)

func accountURL(bankID, accountID string) string {
	return v + "/banks/" + bankID + "/accounts/" + accountID
}

func fullAccountURL(accountID, viewID string) string {
	return accountURL(DefaultBankID, accountID) + "/" + viewID + "/account"
}

func coreAccountURL(accountID, viewID string) string {
	return accountURL(DefaultBankID, accountID) + "/views/" + viewID
}

// array decodes a bare JSON array of objects.
func (r reply) array(t *testing.T) []map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.raw), &list); err != nil || !strings.HasPrefix(r.raw, "[") {
		t.Fatalf("body is not a bare array: %v: %s", err, r.raw)
	}
	return list
}

func idsOf(list []any) []string {
	ids := []string{}
	for _, item := range list {
		ids = append(ids, item.(map[string]any)["id"].(string))
	}
	return ids
}

// listIDs returns the ids of GET /banks/{BANK_ID}/accounts.
func listIDs(t *testing.T, r reply) []string {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	var items []any
	for _, m := range r.array(t) {
		items = append(items, m)
	}
	return idsOf(items)
}

// wrappedIDs returns the ids of an {"accounts":[…]} response.
func wrappedIDs(t *testing.T, r reply) []string {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	return idsOf(r.obj(t)["accounts"].([]any))
}

func sameIDs(t *testing.T, got, want []string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ids\n got  %v\nwant %v", got, want)
	}
}

func (e *env) owner() []string { return auth(e.login(OwnerUsername, OwnerPassword)) }

func TestSeededAccounts(t *testing.T) {
	s := New(Options{})
	adminID, viewerID, ownerID := s.UserID(AdminUsername), s.UserID(NoRoleUsername), s.UserID(OwnerUsername)
	products, currencies, schemes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var owned, attrs, tags int
	for _, a := range s.Accounts(DefaultBankID) {
		if !slices.Equal(a.OwnerUserIDs, []string{adminID}) {
			continue
		}
		owned++
		products[a.ProductCode], currencies[a.Currency] = true, true
		for _, r := range a.Routings {
			schemes[r.Scheme] = true
		}
		attrs += len(a.Attributes)
		tags += len(a.Tags)
		for _, at := range a.Attributes {
			if !uuidShape.MatchString(at.ID) {
				t.Errorf("attribute id %q", at.ID)
			}
		}
	}
	if owned < 7 || len(products) < 3 || len(currencies) < 3 || attrs == 0 || tags == 0 {
		t.Fatalf("admin accounts %d, products %v, currencies %v, attrs %d, tags %d", owned, products, currencies, attrs, tags)
	}
	for _, scheme := range []string{"IBAN", "BBAN", "SortCode", "ACCOUNT_NUMBER"} {
		if !schemes[scheme] {
			t.Errorf("no %s routing", scheme)
		}
	}
	byID := map[string]Account{}
	for _, a := range s.Accounts(DefaultBankID) {
		byID[a.AccountID] = a
	}
	if !slices.Equal(byID[PublicAccountID].OwnerUserIDs, []string{ownerID}) ||
		!slices.Equal(byID[ViewerAccountID].OwnerUserIDs, []string{viewerID}) {
		t.Fatalf("public/viewer accounts %+v %+v", byID[PublicAccountID], byID[ViewerAccountID])
	}
	second := s.Accounts(SecondBankID)
	if len(second) != 2 || !slices.Equal(second[0].OwnerUserIDs, []string{adminID}) {
		t.Fatalf("second bank %+v", second)
	}
	if s.Accounts("nope") != nil {
		t.Fatal("unknown bank has no accounts")
	}
}

// TestSeededAdminHoldsAccountRoles: the roles the account endpoints check.
func TestSeededAdminHoldsAccountRoles(t *testing.T) {
	s := New(Options{})
	admin := s.st.userByName(AdminUsername)
	for _, role := range []string{roleCreateAccount, roleCreateAccountAttribute, "CanUpdateAccountAttribute", "CanUseAccountFirehose"} {
		if !isKnownRole(role) || isSystemRole(role) {
			t.Errorf("%s should be a bank role", role)
		}
		for _, b := range []string{DefaultBankID, SecondBankID} {
			if !s.st.hasRole(admin, b, role) {
				t.Errorf("admin lacks %s at %s", role, b)
			}
		}
	}
}

func TestListAccountsAtBank(t *testing.T) {
	e := newEnv(t)
	admin, viewer, owner := e.admin(), e.viewer(), e.owner()
	cases := []struct {
		name    string
		path    string
		headers []string
		want    []string
	}{
		{"admin: owned plus public view", accountsPath, admin, adminVisible},
		{"viewer: own account only", accountsPath, viewer, []string{ViewerAccountID}},
		{"owner of the public account", accountsPath, owner, []string{PublicAccountID}},
		{"admin at the second bank", v + "/banks/" + SecondBankID + "/accounts", admin, secondBankIDs},
		{"viewer at the second bank", v + "/banks/" + SecondBankID + "/accounts", viewer, nil},
		{"v5.0.0 prefix", "/obp/v5.0.0/banks/" + DefaultBankID + "/accounts", viewer, []string{ViewerAccountID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sameIDs(t, listIDs(t, e.req("GET", tc.path, nil, tc.headers...)), tc.want)
		})
	}
	// Exact shape: a bare array, not wrapped; views_available per account.
	r := e.req("GET", accountsPath, nil, owner...)
	want := `[{"id":"demo-public-01","label":"Charity Donations","bank_id":"demo.bank.01",` +
		`"views_available":[{"id":"owner","short_name":"Owner","is_public":false}]}]`
	if r.raw != want || r.header.Get("Range") != "items=0-50" {
		t.Fatalf("got  %s\nwant %s\nRange %q", r.raw, want, r.header.Get("Range"))
	}
	list := e.req("GET", accountsPath, nil, admin...).array(t)
	if got, _ := json.Marshal(list[len(list)-1]["views_available"]); string(got) != `[{"id":"public","is_public":true,"short_name":"Public"}]` {
		t.Fatalf("public account views %s", got)
	}
	if got, _ := json.Marshal(list[0]["views_available"]); string(got) != `[{"id":"owner","is_public":false,"short_name":"Owner"}]` {
		t.Fatalf("owned account views %s", got)
	}
	if r := e.req("GET", v+"/banks/"+SecondBankID+"/accounts", nil, viewer...); r.raw != "[]" {
		t.Fatalf("empty list must be [] : %s", r.raw)
	}
}

func TestListAccountsAttributeFilters(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	cases := []struct {
		query   string
		headers []string
		want    []string
	}{
		{"?SEGMENT=retail", admin, []string{"demo-current-eur-01", "demo-current-gbp-01", "demo-savings-eur-01"}},
		{"?SEGMENT=retail&RISK_CLASS=low", admin, []string{"demo-current-gbp-01"}},
		{"?SEGMENT=retail&RISK_CLASS=high", admin, nil},
		{"?SEGMENT=retail&SEGMENT=business", admin,
			[]string{"demo-current-eur-01", "demo-current-gbp-01", "demo-current-usd-01", "demo-savings-eur-01", "demo-card-usd-01"}},
		{"?segment=retail", admin, nil}, // names are case-sensitive
		{"?SEGMENT=Retail", admin, nil}, // values too
		{"?CARD_NETWORK=VISA", admin, []string{"demo-card-eur-01"}},
		{"?INTEREST_RATE=2.10", admin, []string{"demo-savings-gbp-01"}},
		{"?SEGMENT=charity", admin, []string{PublicAccountID}},
		{"?SEGMENT=charity", viewer, nil},
		{"?NOPE=x", admin, nil},
		{"?SEGMENT=", admin, nil},
		{"?SEGMENT=retail&limit=2", admin, []string{"demo-current-eur-01", "demo-current-gbp-01"}},
		{"?SEGMENT=retail&offset=2", admin, []string{"demo-savings-eur-01"}},
		{"?_timestamp_=1700000000&obp_limit=50&sort_direction=asc", admin, adminVisible},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			sameIDs(t, listIDs(t, e.req("GET", accountsPath+tc.query, nil, tc.headers...)), tc.want)
		})
	}
}

func TestListAccountsPaging(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cases := []struct {
		query      string
		start, end int
		rangeHdr   string
	}{
		{"?limit=4", 0, 4, "items=0-4"},
		{"?limit=4&offset=4", 4, 8, "items=4-4"},
		{"?limit=4&offset=8", 8, 9, "items=8-4"},
		{"?limit=4&offset=9", 9, 9, "items=9-4"},
		{"?offset=20", 9, 9, "items=20-50"},
		{"?obp_limit=2&obp_offset=1", 1, 3, "items=1-2"},
		{"", 0, 9, "items=0-50"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.req("GET", accountsPath+tc.query, nil, admin...)
			sameIDs(t, listIDs(t, r), adminVisible[tc.start:tc.end])
			if got := r.header.Get("Range"); got != tc.rangeHdr {
				t.Fatalf("Range %q want %q", got, tc.rangeHdr)
			}
		})
	}
	// No total anywhere: page until a page is shorter than the limit.
	var all []string
	for offset := 0; ; offset += 2 {
		ids := listIDs(t, e.req("GET", fmt.Sprintf("%s?limit=2&offset=%d", accountsPath, offset), nil, admin...))
		all = append(all, ids...)
		if len(ids) < 2 {
			break
		}
	}
	sameIDs(t, all, adminVisible)
}

func TestAccountReadErrors(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	const own = "demo-current-eur-01"
	bankNotFound := "OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"
	accountNotFound := "OBP-30018: Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID. " +
		"Current BankId is demo.bank.01 and Current AccountId is nope"
	noView := func(viewID string) string {
		return "OBP-20017: Current user does not have access to the view. Please specify a valid value for VIEW_ID. Current VIEW_ID (" + viewID + ")"
	}
	filterErr := "OBP-10016: Incorrect filter Parameters in URL.  <- "
	cases := []struct {
		name    string
		path    string
		headers []string
		status  int
		msg     string
	}{
		{"list: not logged in", accountsPath, nil, 401, msgUserNotLoggedIn},
		{"list: unknown bank", v + "/banks/nope/accounts", admin, 404, bankNotFound},
		{"list: bank before paging", v + "/banks/nope/accounts?limit=0", admin, 404, bankNotFound},
		{"list: limit zero", accountsPath + "?limit=0", admin, 400, filterErr + msgFilterLimit},
		{"list: limit text", accountsPath + "?limit=x", admin, 400, filterErr + msgFilterLimit},
		{"list: negative offset", accountsPath + "?offset=-1", admin, 400, filterErr + msgFilterOffset},
		{"list: bad sort", accountsPath + "?sort_direction=up", admin, 400, filterErr + msgFilterSortDirection},
		{"held: not logged in", accountsPath + "-held", nil, 401, msgUserNotLoggedIn},
		{"held: unknown bank", v + "/banks/nope/accounts-held", admin, 404, bankNotFound},
		{"my: not logged in", v + "/my/accounts", nil, 401, msgUserNotLoggedIn},
		{"full: not logged in", fullAccountURL(own, "owner"), nil, 401, msgUserNotLoggedIn},
		{"full: unknown bank", v + "/banks/nope/accounts/" + own + "/owner/account", admin, 404, bankNotFound},
		{"full: unknown account", fullAccountURL("nope", "owner"), admin, 404, accountNotFound},
		{"full: account of another bank", v + "/banks/" + SecondBankID + "/accounts/" + own + "/owner/account", admin, 404,
			"OBP-30018: Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID. " +
				"Current BankId is demo.bank.02 and Current AccountId is " + own},
		{"full: unknown account before view", fullAccountURL("nope", "nope"), viewer, 404, accountNotFound},
		{"full: someone else's account", fullAccountURL(own, "owner"), viewer, 403, noView("owner")},
		{"full: view not granted", fullAccountURL(own, "public"), admin, 403, noView("public")},
		{"full: unknown view", fullAccountURL(own, "accountant"), admin, 403, noView("accountant")},
		{"full: public account via owner", fullAccountURL(PublicAccountID, "owner"), admin, 403, noView("owner")},
		{"core: not logged in", coreAccountURL(own, "owner"), nil, 401, msgUserNotLoggedIn},
		{"core: unknown bank", v + "/banks/nope/accounts/" + own + "/views/owner", admin, 404, bankNotFound},
		{"core: unknown account", coreAccountURL("nope", "owner"), admin, 404, accountNotFound},
		{"core: no view", coreAccountURL(own, "owner"), viewer, 403, noView("owner")},
		{"core: public account via owner", coreAccountURL(PublicAccountID, "owner"), admin, 403, noView("owner")},
		{"my core: not logged in", v + "/my/banks/" + DefaultBankID + "/accounts/" + own + "/account", nil, 401, msgUserNotLoggedIn},
		{"my core: unknown bank", v + "/my/banks/nope/accounts/" + own + "/account", admin, 404, bankNotFound},
		{"my core: unknown account", v + "/my/banks/" + DefaultBankID + "/accounts/nope/account", admin, 404, accountNotFound},
		{"my core: needs the owner view", v + "/my/banks/" + DefaultBankID + "/accounts/" + PublicAccountID + "/account", admin, 403, noView("owner")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("GET", tc.path, nil, tc.headers...)
			expectExact(t, r, tc.status, tc.msg)
			if tc.status == 401 && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "OAuth realm=") {
				t.Fatalf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
		})
	}
	// The core-by-view read is a v5.1.0 handler.
	expectError(t, e.req("GET", "/obp/v5.0.0/banks/"+DefaultBankID+"/accounts/"+own+"/views/owner", nil, admin...), 404, "OBP-10404")
}

func TestAccountsHeld(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	r := e.req("GET", accountsPath+"-held", nil, e.viewer()...)
	want := `{"accounts":[{"id":"demo-viewer-current-eur","label":"Viewer Current","bank_id":"demo.bank.01",` +
		`"number":"DE91100000000123456789","account_routings":[{"scheme":"IBAN","address":"DE91100000000123456789"}]}]}`
	if r.status != 200 || r.raw != want {
		t.Fatalf("%d\n got  %s\nwant %s", r.status, r.raw, want)
	}
	cases := []struct {
		name    string
		path    string
		headers []string
		want    []string
	}{
		{"admin: owned only, not the public-view account", accountsPath + "-held", admin, adminAccounts},
		{"owner", accountsPath + "-held", e.owner(), []string{PublicAccountID}},
		{"admin at the second bank", v + "/banks/" + SecondBankID + "/accounts-held", admin, secondBankIDs},
		{"viewer at the second bank", v + "/banks/" + SecondBankID + "/accounts-held", e.viewer(), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sameIDs(t, wrappedIDs(t, e.req("GET", tc.path, nil, tc.headers...)), tc.want)
		})
	}
	if r := e.req("GET", v+"/banks/"+SecondBankID+"/accounts-held", nil, e.viewer()...); r.raw != `{"accounts":[]}` {
		t.Fatalf("empty: %s", r.raw)
	}
}

func TestMyAccounts(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	r := e.req("GET", v+"/my/accounts", nil, e.viewer()...)
	want := `{"accounts":[{"id":"demo-viewer-current-eur","label":"Viewer Current","bank_id":"demo.bank.01","account_type":"CURRENT",` +
		`"account_routings":[{"scheme":"IBAN","address":"DE91100000000123456789"}],` +
		`"views":[{"id":"owner","short_name":"Owner","description":"The owner of the account. Has full privileges.","is_public":false}]}]}`
	if r.status != 200 || r.raw != want {
		t.Fatalf("%d\n got  %s\nwant %s", r.status, r.raw, want)
	}
	all := append(slices.Clone(adminVisible), secondBankIDs...)
	cases := []struct {
		query string
		want  []string
	}{
		{"", all},
		{"?account_type_filter=SAVINGS", []string{"demo-savings-eur-01", "demo-savings-gbp-01", "demo-savings-usd-01", "demo2-savings-gbp-01"}},
		{"?account_type_filter=CREDIT_CARD,SAVINGS", []string{"demo-savings-eur-01", "demo-savings-gbp-01", "demo-savings-usd-01",
			"demo-card-eur-01", "demo-card-usd-01", "demo2-savings-gbp-01"}},
		{"?account_type_filter=CREDIT_CARD&account_type_filter=SAVINGS", []string{"demo-savings-eur-01", "demo-savings-gbp-01",
			"demo-savings-usd-01", "demo-card-eur-01", "demo-card-usd-01", "demo2-savings-gbp-01"}},
		{"?account_type_filter=CURRENT,SAVINGS&account_type_filter_operation=exclude", []string{"demo-card-eur-01", "demo-card-usd-01"}},
		{"?account_type_filter=CURRENT&account_type_filter_operation=INCLUDE", []string{"demo-current-eur-01", "demo-current-gbp-01",
			"demo-current-usd-01", PublicAccountID, "demo2-current-eur-01"}},
		{"?account_type_filter=MORTGAGE", nil},
		{"?account_type_filter=", all},
		{"?account_type_filter_operation=EXCLUDE", all},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			sameIDs(t, wrappedIDs(t, e.req("GET", v+"/my/accounts"+tc.query, nil, admin...)), tc.want)
		})
	}
	// The public-view account lists the public view only.
	for _, item := range e.req("GET", v+"/my/accounts", nil, admin...).obj(t)["accounts"].([]any) {
		m := item.(map[string]any)
		views := idsOf(m["views"].([]any))
		if wantViews := map[bool]string{true: "[public]", false: "[owner]"}[m["id"] == PublicAccountID]; fmt.Sprint(views) != wantViews {
			t.Fatalf("%s views %v", m["id"], views)
		}
	}
}

func attributeIDs(s *Server, accountID string) []string {
	for _, a := range s.Accounts(DefaultBankID) {
		if a.AccountID == accountID {
			var ids []string
			for _, at := range a.Attributes {
				ids = append(ids, at.ID)
			}
			return ids
		}
	}
	return nil
}

const ownerViewJSON = `{"id":"owner","short_name":"Owner","description":"The owner of the account. Has full privileges.",` +
	`"metadata_view":"owner","is_public":false,"is_system":true,"alias":"","hide_metadata_if_alias_used":false,` +
	`"can_see_bank_account_balance":true}`

const publicViewJSON = `{"id":"public","short_name":"Public","description":"A public view of the account without its balance.",` +
	`"metadata_view":"public","is_public":true,"is_system":true,"alias":"public","hide_metadata_if_alias_used":false,` +
	`"can_see_bank_account_balance":false}`

func TestFullAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	attrs := attributeIDs(e.s, "demo-current-gbp-01")
	want := `{"id":"demo-current-gbp-01","label":"Everyday GBP","number":"31926819",` +
		`"owners":[{"id":"` + e.s.UserID(AdminUsername) + `","provider":"` + e.ts.URL + `","display_name":"sandbox.admin"}],` +
		`"product_code":"CURRENT","balance":{"currency":"GBP","amount":"842.10"},"views_available":[` + ownerViewJSON + `],` +
		`"bank_id":"demo.bank.01","account_routings":[{"scheme":"IBAN","address":"GB29NWBK60161331926819"},` +
		`{"scheme":"BBAN","address":"NWBK60161331926819"},{"scheme":"SortCode","address":"601613"}],` +
		`"account_attributes":[{"product_code":"CURRENT","account_attribute_id":"` + attrs[0] + `","name":"SEGMENT","type":"STRING","value":"retail"},` +
		`{"product_code":"CURRENT","account_attribute_id":"` + attrs[1] + `","name":"RISK_CLASS","type":"STRING","value":"low"}],` +
		`"tags":[{"id":"` + nameUUID("demo-current-gbp-01/tags/personal") + `","value":"personal","date":"2024-01-15T09:30:00Z",` +
		`"user":{"id":"` + e.s.UserID(AdminUsername) + `","provider":"` + e.ts.URL + `","display_name":"sandbox.admin"}}]}`
	for _, prefix := range []string{v, "/obp/v5.0.0"} {
		r := e.req("GET", prefix+"/banks/"+DefaultBankID+"/accounts/demo-current-gbp-01/owner/account", nil, admin...)
		if r.status != 200 || r.raw != want {
			t.Fatalf("%s: %d\n got  %s\nwant %s", prefix, r.status, r.raw, want)
		}
	}
	// The public view hides product code and balance; the owner sees both views.
	e.s.st.grantView(e.s.UserID(OwnerUsername), DefaultBankID, PublicAccountID, viewPublic)
	cases := []struct {
		name     string
		headers  []string
		viewID   string
		product  string
		balance  string
		viewsAll string
	}{
		{"admin via public", admin, "public", "null", "null", "[" + publicViewJSON + "]"},
		{"owner via owner", e.owner(), "owner", `"CURRENT"`, `{"currency":"EUR","amount":"77777.77"}`, "[" + ownerViewJSON + "," + publicViewJSON + "]"},
		{"owner via public", e.owner(), "public", "null", "null", "[" + ownerViewJSON + "," + publicViewJSON + "]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("GET", fullAccountURL(PublicAccountID, tc.viewID), nil, tc.headers...)
			for _, part := range []string{`"product_code":` + tc.product + `,`, `"balance":` + tc.balance + `,`,
				`"views_available":` + tc.viewsAll + `,`, `"label":"Charity Donations"`, `"tags":[{"id":"` + nameUUID(PublicAccountID+"/tags/public") + `","value":"public",`,
				`"owners":[{"id":"` + e.s.UserID(OwnerUsername) + `","provider":"` + e.ts.URL + `","display_name":"sandbox.owner"}]`} {
				if r.status != 200 || !strings.Contains(r.raw, part) {
					t.Fatalf("%d: %s lacks %s", r.status, r.raw, part)
				}
			}
		})
	}
	// No attributes, tags or routings render as empty lists.
	r := e.req("GET", fullAccountURL("demo-savings-usd-01", "owner"), nil, admin...)
	if !strings.Contains(r.raw, `"account_attributes":[],"tags":[]}`) {
		t.Fatalf("%s", r.raw)
	}
}

func TestCoreAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	want := `{"id":"demo-savings-gbp-01","bank_id":"demo.bank.01","label":"ISA GBP","number":"41926820","product_code":"SAVINGS",` +
		`"balance":{"currency":"GBP","amount":"5000.00"},"account_routings":[{"scheme":"BBAN","address":"NWBK60161341926820"},` +
		`{"scheme":"SortCode","address":"601613"}],"views_basic":["owner"]}`
	for _, path := range []string{
		coreAccountURL("demo-savings-gbp-01", "owner"),
		v + "/my/banks/" + DefaultBankID + "/accounts/demo-savings-gbp-01/account",
		"/obp/v5.0.0/my/banks/" + DefaultBankID + "/accounts/demo-savings-gbp-01/account",
	} {
		if r := e.req("GET", path, nil, admin...); r.status != 200 || r.raw != want {
			t.Fatalf("%s: %d\n got  %s\nwant %s", path, r.status, r.raw, want)
		}
	}
	r := e.req("GET", coreAccountURL(PublicAccountID, "public"), nil, admin...)
	want = `{"id":"demo-public-01","bank_id":"demo.bank.01","label":"Charity Donations","number":"DE44500105175407324931",` +
		`"product_code":null,"balance":null,"account_routings":[{"scheme":"IBAN","address":"DE44500105175407324931"}],"views_basic":["public"]}`
	if r.status != 200 || r.raw != want {
		t.Fatalf("%d\n got  %s\nwant %s", r.status, r.raw, want)
	}
}

func TestAccountNullRendering(t *testing.T) {
	e := newEnv(t)
	viewer := e.viewer()
	a := e.s.AddAccount(Account{AccountID: "blank", OwnerUserIDs: []string{e.s.UserID(NoRoleUsername)},
		Routings: []Routing{{Scheme: "IBAN"}}})
	if a.BankID != DefaultBankID {
		t.Fatalf("bank %q", a.BankID)
	}
	cases := []struct {
		name, path string
		parts      []string
	}{
		{"list", accountsPath, []string{`{"id":"blank","label":null,"bank_id":"demo.bank.01"`}},
		{"held", accountsPath + "-held", []string{`"label":null`, `"number":null`, `"account_routings":[{"scheme":"IBAN","address":null}]`}},
		{"my", v + "/my/accounts", []string{`"label":null`, `"account_type":null`}},
		{"full", fullAccountURL("blank", "owner"), []string{`"label":null,"number":null`, `"product_code":null,"balance":{"currency":null,"amount":null}`,
			`"address":null`}},
		{"core", coreAccountURL("blank", "owner"), []string{`"label":null,"number":null,"product_code":null,"balance":{"currency":null,"amount":null}`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("GET", tc.path, nil, viewer...)
			for _, part := range tc.parts {
				if r.status != 200 || !strings.Contains(r.raw, part) {
					t.Fatalf("%d: %s lacks %s", r.status, r.raw, part)
				}
			}
		})
	}
}

func accountBody(label, product string, balance map[string]any) map[string]any {
	b := map[string]any{"label": label, "product_code": product}
	if balance != nil {
		b["balance"] = balance
	}
	return b
}

func TestCreateAccount(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	adminID, viewerID := e.s.UserID(AdminUsername), e.s.UserID(NoRoleUsername)
	body := map[string]any{
		"label": "New Current", "product_code": "CURRENT", "branch_id": "branch-1",
		"balance":          map[string]any{"currency": "GBP", "amount": "0"},
		"account_routings": []map[string]any{{"scheme": "IBAN", "address": "GB33BUKB20201555555555"}},
	}
	r := e.req("PUT", accountURL(DefaultBankID, "new-acc-1"), body, admin...)
	want := `{"account_id":"new-acc-1","user_id":"` + adminID + `","label":"New Current","product_code":"CURRENT",` +
		`"balance":{"currency":"GBP","amount":"0.00"},"branch_id":"branch-1",` +
		`"account_routings":[{"scheme":"IBAN","address":"GB33BUKB20201555555555"}],"account_attributes":[]}`
	if r.status != 201 || r.raw != want {
		t.Fatalf("%d\n got  %s\nwant %s", r.status, r.raw, want)
	}
	full := e.req("GET", fullAccountURL("new-acc-1", "owner"), nil, admin...)
	if !strings.Contains(full.raw, `"label":"New Current","number":null,`) ||
		!strings.Contains(full.raw, `"product_code":"CURRENT","balance":{"currency":"GBP","amount":"0.00"}`) {
		t.Fatalf("full %s", full.raw)
	}
	sameIDs(t, wrappedIDs(t, e.req("GET", accountsPath+"-held", nil, admin...)), append(slices.Clone(adminAccounts), "new-acc-1"))

	okCases := []struct {
		name      string
		id        string
		headers   []string
		body      map[string]any
		owner     string
		currency  string
		amount    string
		createdBy string
	}{
		{"no balance defaults to EUR 0", "new-2", admin, accountBody("L", "SAVINGS", nil), adminID, "EUR", "0.00", "admin"},
		{"JPY has no minor unit", "new-3", admin, accountBody("L", "SAVINGS", map[string]any{"currency": "JPY", "amount": "0.0"}), adminID, "JPY", "0", "admin"},
		{"KWD has three", "new-4", admin, accountBody("L", "SAVINGS", map[string]any{"currency": "KWD", "amount": 0}), adminID, "KWD", "0.000", "admin"},
		{"admin for the viewer", "new-5", admin, withField(accountBody("L", "CURRENT", nil), "user_id", viewerID), viewerID, "EUR", "0.00", "admin"},
		{"viewer for self without role", "new-6", viewer, accountBody("", "CURRENT", nil), viewerID, "EUR", "0.00", "viewer"},
		{"viewer naming self", "new-7", viewer, withField(accountBody("L", "CURRENT", nil), "user_id", viewerID), viewerID, "EUR", "0.00", "viewer"},
		{"mistyped optional fields are dropped", "new-8", admin, withField(withField(accountBody("L", "CURRENT",
			map[string]any{"currency": "USD"}), "account_routings", "x"), "branch_id", map[string]any{}), adminID, "EUR", "0.00", "admin"},
		{"second bank", "new-9", admin, accountBody("L", "CURRENT", nil), adminID, "EUR", "0.00", "admin"},
	}
	for _, tc := range okCases {
		t.Run(tc.name, func(t *testing.T) {
			bankID := DefaultBankID
			if tc.id == "new-9" {
				bankID = SecondBankID
			}
			r := e.req("PUT", accountURL(bankID, tc.id), tc.body, tc.headers...)
			m := r.obj(t)
			bal, _ := m["balance"].(map[string]any)
			if r.status != 201 || m["user_id"] != tc.owner || bal["currency"] != tc.currency || bal["amount"] != tc.amount {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			var stored *Account
			for _, a := range e.s.Accounts(bankID) {
				if a.AccountID == tc.id {
					stored = &a
				}
			}
			if stored == nil || !slices.Equal(stored.OwnerUserIDs, []string{tc.owner}) || stored.Number != "" || stored.Balance != tc.amount {
				t.Fatalf("stored %+v", stored)
			}
		})
	}
	if r := e.req("PUT", accountURL(DefaultBankID, "new-8"), nil, admin...); r.status != 404 {
		t.Fatalf("PUT without body: %d", r.status)
	}
	sameIDs(t, wrappedIDs(t, e.req("GET", accountsPath+"-held", nil, viewer...)), []string{ViewerAccountID, "new-5", "new-6", "new-7"})
}

func TestCreateAccountErrors(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	path := accountURL(DefaultBankID, "fresh")
	body := accountBody("L", "CURRENT", nil)
	bal := func(currency string, amount any) map[string]any {
		return accountBody("L", "CURRENT", map[string]any{"currency": currency, "amount": amount})
	}
	cases := []struct {
		name    string
		path    string
		body    any
		headers []string
		status  int
		prefix  string
	}{
		{"not logged in", path, body, nil, 401, msgUserNotLoggedIn},
		{"unknown bank", accountURL("nope", "fresh"), body, admin, 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"},
		{"bad account id", accountURL(DefaultBankID, "bad%21id"), body, admin, 400, msgInvalidAccountIDFormat},
		{"account id too long", accountURL(DefaultBankID, strings.Repeat("a", 255)), body, admin, 400, msgInvalidAccountIDFormat},
		{"missing label", path, map[string]any{"product_code": "CURRENT"}, admin, 400,
			"OBP-10001: Incorrect json format. The Json body should be the CreateAccountRequestJsonV500. Missing or invalid field: label"},
		{"missing product_code", path, map[string]any{"label": "L"}, admin, 400,
			"OBP-10001: Incorrect json format. The Json body should be the CreateAccountRequestJsonV500. Missing or invalid field: product_code"},
		{"body is an array", path, `[]`, admin, 400, "OBP-10001"},
		{"amount not a number", path, bal("EUR", "abc"), admin, 400, "OBP-10011: Invalid Number. Initial balance must be a number, e.g 1000.00"},
		{"hex amount", path, bal("EUR", "0x0"), admin, 400, "OBP-10011"},
		{"amount not zero", path, bal("EUR", "100"), admin, 400, "OBP-10012: Initial Balance of Account must be Zero (0)."},
		{"tiny amount", path, bal("EUR", "0.001"), admin, 400, "OBP-10012"},
		{"number amount not zero", path, bal("EUR", 5), admin, 400, "OBP-10012"},
		{"lowercase currency", path, bal("eur", "0"), admin, 400,
			"OBP-10003: Invalid Currency Value. It should be three letters ISO Currency Code. Current currency is eur"},
		{"empty currency", path, bal("", "0"), admin, 400, "OBP-10003"},
		{"unknown owner", path, withField(body, "user_id", "nope"), admin, 404, "OBP-20057: User not found by userId. Current UserId(nope)"},
		{"viewer for someone else", path, withField(body, "user_id", e.s.UserID(AdminUsername)), viewer, 403,
			"OBP-20006: User is missing one or more roles: CanCreateAccount for BankId(demo.bank.01)."},
		{"existing id", accountURL(DefaultBankID, "demo-current-eur-01"), body, admin, 400, "OBP-30208: Account_ID already exists at the Bank."},
		{"existing id of someone else", accountURL(DefaultBankID, ViewerAccountID), body, admin, 400, "OBP-30208"},
		{"malformed JSON before auth", path, `{"label":`, nil, 400, "OBP-10001: Incorrect json format."},
		{"wrong content type", path, body, append(slices.Clone(admin), "Content-Type", "text/plain"), 404, "OBP-10404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("PUT", tc.path, tc.body, tc.headers...), tc.status, tc.prefix)
		})
	}
	if n := len(e.s.Accounts(DefaultBankID)); n != 10 {
		t.Fatalf("failed creates stored accounts: %d", n)
	}
	// The role at another bank does not help.
	e.s.GrantRole(NoRoleUsername, SecondBankID, roleCreateAccount)
	expectError(t, e.req("PUT", path, withField(body, "user_id", e.s.UserID(AdminUsername)), viewer...), 403, "OBP-20006")
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleCreateAccount)
	if r := e.req("PUT", path, withField(body, "user_id", e.s.UserID(AdminUsername)), viewer...); r.status != 201 {
		t.Fatalf("with role: %d %s", r.status, r.raw)
	}
}

func accountAttributePath(bankID, accountID, product string) string {
	return accountURL(bankID, accountID) + "/products/" + product + "/attribute"
}

func TestCreateAccountAttribute(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	r := e.req("POST", accountAttributePath(DefaultBankID, "demo-current-usd-01", "CURRENT"),
		map[string]any{"name": "RISK_CLASS", "type": "STRING", "value": "low", "product_instance_code": "p1"}, admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	id := r.obj(t)["account_attribute_id"].(string)
	want := `{"product_code":"CURRENT","account_attribute_id":"` + id + `","name":"RISK_CLASS","type":"STRING","value":"low"}`
	if !uuidShape.MatchString(id) || r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	full := e.req("GET", fullAccountURL("demo-current-usd-01", "owner"), nil, admin...)
	if !strings.Contains(full.raw, `"value":"business"},`+want+`],"tags":[]}`) {
		t.Fatalf("full %s", full.raw)
	}
	// The filter of the account list sees the new attribute.
	sameIDs(t, listIDs(t, e.req("GET", accountsPath+"?RISK_CLASS=low", nil, admin...)), []string{"demo-current-gbp-01", "demo-current-usd-01"})
	// Values are not validated against the type; names are not unique.
	r = e.req("POST", accountAttributePath(DefaultBankID, "demo-current-usd-01", "CURRENT"),
		map[string]any{"name": "RISK_CLASS", "type": "INTEGER", "value": "high"}, admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if ids := attributeIDs(e.s, "demo-current-usd-01"); len(ids) != 3 || ids[1] != id {
		t.Fatalf("stored %v", ids)
	}
}

func TestCreateAccountAttributeErrors(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	path := accountAttributePath(DefaultBankID, "demo-card-eur-01", "CREDIT_CARD")
	body := map[string]any{"name": "N", "type": "STRING", "value": "x"}
	cases := []struct {
		name    string
		path    string
		body    any
		headers []string
		status  int
		prefix  string
	}{
		{"not logged in", path, body, nil, 401, msgUserNotLoggedIn},
		{"unknown bank", accountAttributePath("nope", "demo-card-eur-01", "CREDIT_CARD"), body, admin, 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"},
		{"missing role", path, body, e.viewer(), 403,
			"OBP-20006: User is missing one or more roles: CanCreateAccountAttributeAtOneBank at Bank(demo.bank.01)"},
		{"role before account", accountAttributePath(DefaultBankID, "nope", "X"), map[string]any{}, e.viewer(), 403, "OBP-20006"},
		{"unknown account", accountAttributePath(DefaultBankID, "nope", "CREDIT_CARD"), body, admin, 404,
			"OBP-30018: Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID. Current BankId is demo.bank.01 and Current AccountId is nope"},
		{"account of another bank", accountAttributePath(SecondBankID, "demo-card-eur-01", "CREDIT_CARD"), body, admin, 404, "OBP-30018"},
		{"other product", accountAttributePath(DefaultBankID, "demo-card-eur-01", "SAVINGS"), body, admin, 404,
			"OBP-30011: Product not found. Please specify a valid value for PRODUCT_CODE. Current PRODUCT_CODE(SAVINGS)"},
		{"product before body", accountAttributePath(DefaultBankID, "demo-card-eur-01", "SAVINGS"), map[string]any{}, admin, 404, "OBP-30011"},
		{"missing value", path, map[string]any{"name": "N", "type": "STRING"}, admin, 400,
			"OBP-10001: Incorrect json format. The Json body should be the AccountAttributeJson. Missing or invalid field: value"},
		{"bad type", path, map[string]any{"name": "N", "type": "string", "value": "x"}, admin, 400,
			"OBP-10001: Incorrect json format. The `Type` field can only accept the following field: DOUBLE(12.1234), STRING(TAX_NUMBER), INTEGER(123) and DATE_WITH_DAY(2012-04-23)"},
		{"malformed JSON before auth", path, `{"name":`, nil, 400, "OBP-10001"},
		{"wrong content type", path, body, append(slices.Clone(admin), "Content-Type", "text/plain"), 404, "OBP-10404"},
		{"plural attributes is not routed", accountURL(DefaultBankID, "demo-card-eur-01") + "/products/CREDIT_CARD/attributes", body, admin, 404, "OBP-10404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("POST", tc.path, tc.body, tc.headers...), tc.status, tc.prefix)
		})
	}
	if n := len(attributeIDs(e.s, "demo-card-eur-01")); n != 2 {
		t.Fatalf("failed creates stored attributes: %d", n)
	}
}

func TestAccountHooks(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	viewerID := e.s.UserID(NoRoleUsername)

	// AddAccount fills ids; owners get the owner view.
	a := e.s.AddAccount(Account{BankID: SecondBankID, Label: "Hooked", ProductCode: "SAVINGS", Currency: "USD", Balance: "1.50",
		OwnerUserIDs: []string{viewerID}, Attributes: []AccountAttribute{{Name: "K", Type: "STRING", Value: "v"}, {ID: "fixed", Name: "L"}},
		Tags: []string{"t"}})
	if !uuidShape.MatchString(a.AccountID) || !uuidShape.MatchString(a.Attributes[0].ID) || a.Attributes[1].ID != "fixed" {
		t.Fatalf("AddAccount %+v", a)
	}
	sameIDs(t, listIDs(t, e.req("GET", v+"/banks/"+SecondBankID+"/accounts", nil, viewer...)), []string{a.AccountID})
	sameIDs(t, listIDs(t, e.req("GET", v+"/banks/"+SecondBankID+"/accounts?K=v", nil, viewer...)), []string{a.AccountID})
	full := e.req("GET", accountURL(SecondBankID, a.AccountID)+"/owner/account", nil, viewer...)
	if full.status != 200 || !strings.Contains(full.raw, `"balance":{"currency":"USD","amount":"1.50"}`) || !strings.Contains(full.raw, `"tags":[{"id":"`+nameUUID(a.AccountID+"/tags/t")+`","value":"t",`) {
		t.Fatalf("full %d %s", full.status, full.raw)
	}

	// Accounts returns copies.
	got := e.s.Accounts(SecondBankID)
	if len(got) != 3 || got[2].AccountID != a.AccountID {
		t.Fatalf("Accounts %+v", got)
	}
	got[2].Tags[0], got[2].Attributes[0].Value, got[2].OwnerUserIDs[0] = "changed", "changed", "changed"
	a.Tags[0] = "changed too"
	if again := e.s.Accounts(SecondBankID)[2]; again.Tags[0] != "t" || again.Attributes[0].Value != "v" || again.OwnerUserIDs[0] != viewerID {
		t.Fatalf("Accounts/AddAccount must not share slices: %+v", again)
	}

	// AddAccount with existing ids replaces the account.
	e.s.AddAccount(Account{BankID: SecondBankID, AccountID: a.AccountID, Label: "Replaced", OwnerUserIDs: []string{viewerID}})
	if got := e.s.Accounts(SecondBankID); len(got) != 3 || got[2].Label != "Replaced" {
		t.Fatalf("replace %+v", got)
	}

	// UpdateAccount: visible on the wire; ids cannot change; new attribute ids are generated.
	ok := e.s.UpdateAccount(DefaultBankID, "demo-savings-usd-01", func(acc *Account) {
		acc.Label, acc.Balance, acc.BankID, acc.AccountID = "Renamed", "12.34", "x", "y"
		acc.Attributes = append(acc.Attributes, AccountAttribute{Name: "NEW", Type: "STRING", Value: "1"})
		acc.OwnerUserIDs = append(acc.OwnerUserIDs, viewerID)
	})
	if !ok {
		t.Fatal("UpdateAccount")
	}
	core := e.req("GET", coreAccountURL("demo-savings-usd-01", "owner"), nil, viewer...)
	if core.status != 200 || !strings.Contains(core.raw, `"label":"Renamed"`) || !strings.Contains(core.raw, `"amount":"12.34"`) {
		t.Fatalf("core %d %s", core.status, core.raw)
	}
	if ids := attributeIDs(e.s, "demo-savings-usd-01"); len(ids) != 1 || !uuidShape.MatchString(ids[0]) {
		t.Fatalf("attribute ids %v", ids)
	}
	if e.s.UpdateAccount(DefaultBankID, "nope", func(*Account) {}) || e.s.UpdateAccount(SecondBankID, "demo-savings-usd-01", func(*Account) {}) {
		t.Fatal("unknown account should return false")
	}

	// UpdateAccount can take ownership away.
	e.s.UpdateAccount(DefaultBankID, ViewerAccountID, func(acc *Account) { acc.OwnerUserIDs = nil })
	expectError(t, e.req("GET", fullAccountURL(ViewerAccountID, "owner"), nil, viewer...), 403, "OBP-20017")

	// DeleteAccount removes the account and its view grants.
	if !e.s.DeleteAccount(DefaultBankID, PublicAccountID) || e.s.DeleteAccount(DefaultBankID, PublicAccountID) {
		t.Fatal("DeleteAccount should succeed once")
	}
	expectError(t, e.req("GET", fullAccountURL(PublicAccountID, "public"), nil, admin...), 404, "OBP-30018")
	e.s.AddAccount(Account{AccountID: PublicAccountID, OwnerUserIDs: []string{e.s.UserID(OwnerUsername)}})
	expectError(t, e.req("GET", fullAccountURL(PublicAccountID, "public"), nil, admin...), 403, "OBP-20017")
	sameIDs(t, listIDs(t, e.req("GET", accountsPath, nil, admin...)), adminAccounts)
}

func TestAccountCounters(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	e.s.ResetCounts()
	e.req("GET", accountsPath, nil, admin...)
	e.req("GET", accountsPath+"-held", nil, admin...)
	e.req("GET", v+"/my/accounts", nil, admin...)
	e.req("GET", fullAccountURL("demo-card-eur-01", "owner"), nil, admin...)
	e.req("GET", "/obp/v5.0.0/banks/"+DefaultBankID+"/accounts/nope/owner/account", nil, admin...)
	e.req("GET", coreAccountURL("demo-card-eur-01", "owner"), nil, admin...)
	e.req("GET", v+"/my/banks/"+DefaultBankID+"/accounts/demo-card-eur-01/account", nil, admin...)
	e.req("PUT", accountURL(DefaultBankID, "c1"), accountBody("L", "CURRENT", nil), admin...)
	e.req("POST", accountAttributePath(DefaultBankID, "c1", "CURRENT"), map[string]any{"name": "N", "type": "STRING", "value": "v"}, admin...)
	want := map[string]int{
		"GET /banks/{BANK_ID}/accounts":                                                 1,
		"GET /banks/{BANK_ID}/accounts-held":                                            1,
		"GET /my/accounts":                                                              1,
		"GET /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/{VIEW_ID}/account":                  2,
		"GET /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/views/{VIEW_ID}":                    1,
		"GET /my/banks/{BANK_ID}/accounts/{ACCOUNT_ID}/account":                         1,
		"PUT /banks/{BANK_ID}/accounts/{ACCOUNT_ID}":                                    1,
		"POST /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/products/{PRODUCT_CODE}/attribute": 1,
	}
	if got := e.s.RequestCounts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counts\n got  %v\nwant %v", got, want)
	}
}

func TestConcurrentAccountHooksAndReads(t *testing.T) {
	e := newEnv(t)
	h := e.admin()
	adminID := e.s.UserID(AdminUsername)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			id := fmt.Sprint("conc-", i)
			e.s.AddAccount(Account{AccountID: id, OwnerUserIDs: []string{adminID}})
			e.s.UpdateAccount(DefaultBankID, id, func(a *Account) { a.Label = "L" })
		}(i)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", e.ts.URL+accountsPath, nil)
			req.Header.Set(h[0], h[1])
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
			e.s.Accounts(DefaultBankID)
		}()
	}
	wg.Wait()
	if n := len(listIDs(t, e.req("GET", accountsPath, nil, h...))); n != len(adminVisible)+10 {
		t.Fatalf("%d accounts", n)
	}
}
