package obp

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Where the 2026 server answers differently from the 2024 one.

var generations = []Generation{Gen2024, Gen2026}

func TestParseGeneration(t *testing.T) {
	for in, want := range map[string]Generation{"": Gen2026, "2026": Gen2026, "2024": Gen2024} {
		if got, err := ParseGeneration(in); err != nil || got != want {
			t.Errorf("ParseGeneration(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseGeneration("2025"); err == nil {
		t.Error("2025: want an error")
	}
	if New(Options{}).opts.Generation != Gen2026 {
		t.Error("default generation is not 2026")
	}
}

// customerReads are the customer reads whose roles OBP-API 2026 renamed.
func customerReads(e *env, admin []string) []struct {
	name, method, path string
	body               any
	role2024, role2026 string
} {
	cust := e.createCustomer(admin, minimalBody("Reader"))
	id, number := cust["customer_id"].(string), cust["customer_number"].(string)
	bank := v + "/banks/" + DefaultBankID
	return []struct {
		name, method, path string
		body               any
		role2024, role2026 string
	}{
		{"by id", "GET", bank + "/customers/" + id, nil, "CanGetCustomer", "CanGetCustomersAtOneBank"},
		{"by number", "POST", bank + "/customers/customer-number", map[string]string{"customer_number": number}, "CanGetCustomer", "CanGetCustomersAtOneBank"},
		{"list", "GET", bank + "/customers", nil, "CanGetCustomers", "CanGetCustomersAtOneBank"},
		{"by attributes", "GET", bank + "/customers?SEGMENT=retail", nil, "CanGetCustomers", "CanGetCustomersAtOneBank"},
		{"minimal", "GET", bank + "/customers-minimal", nil, "CanGetCustomersMinimal", "CanGetCustomersMinimalAtOneBank"},
	}
}

func TestGeneration_customerReadRoles(t *testing.T) {
	for _, gen := range generations {
		t.Run(string(gen), func(t *testing.T) {
			e := newEnvWith(t, Options{Generation: gen})
			admin, viewer := e.admin(), e.viewer()
			for _, rd := range customerReads(e, admin) {
				if r := e.req(rd.method, rd.path, rd.body, admin...); r.status != 200 {
					t.Errorf("%s: the seeded admin got %d %s", rd.name, r.status, r.raw)
				}
				wanted, other := rd.role2024, rd.role2026
				if gen == Gen2026 {
					wanted, other = rd.role2026, rd.role2024
				}
				r := e.req(rd.method, rd.path, rd.body, viewer...)
				msg := r.message(t)
				if r.status != 403 || !strings.HasPrefix(msg, "OBP-20006: User is missing one or more roles: "+wanted) {
					t.Errorf("%s without role: %d %q, want 403 naming %s", rd.name, r.status, msg, wanted)
				}
				// The other generation's name opens nothing.
				e.s.GrantRole(NoRoleUsername, DefaultBankID, other)
				if r := e.req(rd.method, rd.path, rd.body, viewer...); r.status != 403 {
					t.Errorf("%s with %s: %d, want 403", rd.name, other, r.status)
				}
				e.s.RevokeRole(NoRoleUsername, DefaultBankID, other)
				e.s.GrantRole(NoRoleUsername, DefaultBankID, wanted)
				if r := e.req(rd.method, rd.path, rd.body, viewer...); r.status != 200 {
					t.Errorf("%s with %s: %d %s", rd.name, wanted, r.status, r.raw)
				}
				e.s.RevokeRole(NoRoleUsername, DefaultBankID, wanted)
			}
		})
	}
}

func TestGeneration_anyBankListRole(t *testing.T) {
	for gen, role := range map[Generation]string{Gen2024: "CanGetCustomersAtAnyBank", Gen2026: "CanGetCustomersAtAllBanks"} {
		e := newEnvWith(t, Options{Generation: gen})
		if r := e.req("GET", v+"/customers", nil, e.admin()...); r.status != 200 {
			t.Errorf("%s admin: %d %s", gen, r.status, r.raw)
		}
		expectExact(t, e.req("GET", v+"/customers", nil, e.viewer()...), 403, "OBP-20006: User is missing one or more roles: "+role)
	}
}

func TestGeneration_missingRoleMessage(t *testing.T) {
	create := v + "/banks/" + DefaultBankID + "/customers"
	address := func(e *env) string {
		return v + "/banks/" + DefaultBankID + "/customers/" + e.createCustomer(e.admin(), minimalBody("A"))["customer_id"].(string) + "/addresses"
	}
	for gen, want := range map[Generation][2]string{
		Gen2024: {
			"OBP-20006: User is missing one or more roles: CanCreateCustomer or CanCreateCustomerAtAnyBank for BankId(demo.bank.01).",
			"OBP-20006: User is missing one or more roles: CanGetCustomerAddress at Bank(demo.bank.01)",
		},
		Gen2026: {
			"OBP-20006: User is missing one or more roles: CanCreateCustomer or CanCreateCustomerAtAnyBank",
			"OBP-20006: User is missing one or more roles: CanGetCustomerAddress",
		},
	} {
		e := newEnvWith(t, Options{Generation: gen})
		viewer := e.viewer()
		expectExact(t, e.req("POST", create, minimalBody("A"), viewer...), 403, want[0])
		expectExact(t, e.req("GET", address(e), nil, viewer...), 403, want[1])
	}
}

func TestGeneration_invalidToken(t *testing.T) {
	for gen, status := range map[Generation]int{Gen2024: 400, Gen2026: 401} {
		e := newEnvWith(t, Options{Generation: gen})
		token := e.login(AdminUsername, AdminPassword)
		e.s.ExpireTokens()
		for _, path := range []string{v + "/users/current", v + "/banks/" + DefaultBankID + "/customers"} {
			expectExact(t, e.req("GET", path, nil, auth(token)...), status,
				"OBP-20003: This DirectLogin token is invalid or expired: "+token)
		}
	}
}

func TestGeneration_bankCheckedBeforeRoles(t *testing.T) {
	for _, path := range []string{"/banks/nope/customers", "/banks/nope/customers-minimal"} {
		e := newEnvWith(t, Options{Generation: Gen2024})
		expectError(t, e.req("GET", v+path, nil, e.viewer()...), 403, "OBP-20006")
		e = newEnvWith(t, Options{Generation: Gen2026})
		expectExact(t, e.req("GET", v+path, nil, e.viewer()...), 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
		// Authentication still comes first.
		expectError(t, e.req("GET", v+path, nil), 401, "OBP-20001")
	}
}

func TestGeneration_unknownFailure(t *testing.T) {
	for gen, want := range map[Generation]string{
		Gen2024: "OBP-50015: The server encountered an unexpected condition which prevented it from fulfilling the request.",
		Gen2026: "OBP-50000: Unknown Error.: connection pool exhausted",
	} {
		e := newEnvWith(t, Options{Generation: gen})
		admin := e.admin()
		e.s.FailUnexpectedly(func(r *http.Request) bool { return r.Method == http.MethodPost }, "connection pool exhausted")
		expectExact(t, e.req("POST", v+"/banks/"+DefaultBankID+"/customers", minimalBody("A"), admin...), 500, want)
		if r := e.req("GET", v+"/banks/"+DefaultBankID+"/customers", nil, admin...); r.status != 200 {
			t.Errorf("%s: unmatched request %d", gen, r.status)
		}
		e.s.FailUnexpectedly(nil, "")
		e.createCustomer(admin, minimalBody("B"))
		if n := len(e.s.Customers(DefaultBankID)); n != 1 {
			t.Errorf("%s: %d customers, want 1", gen, n)
		}
	}
}

// The 2024 server had no Idempotency-Key middleware: the header changes nothing.
func TestGeneration_idempotencyKeyIgnoredBy2024(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2024})
	admin := e.admin()
	path := v + "/banks/" + DefaultBankID + "/customers"
	if r := e.req("POST", path, minimalBody("Bad key"), append(admin, "Idempotency-Key", "short")...); r.status != 201 {
		t.Fatalf("invalid key: %d %s", r.status, r.raw)
	}
	key := append(append([]string{}, admin...), "Idempotency-Key", "key-0123456789")
	first := e.req("POST", path, minimalBody("Twice"), key...)
	second := e.req("POST", path, minimalBody("Twice"), key...)
	if first.status != 201 || second.status != 201 || second.header.Get("Idempotency-Replay") != "" ||
		first.obj(t)["customer_id"] == second.obj(t)["customer_id"] {
		t.Fatalf("same key twice: %d %d %v", first.status, second.status, second.header)
	}
	if r := e.req("POST", path, minimalBody("Other body"), key...); r.status != 201 {
		t.Fatalf("same key, other body: %d %s", r.status, r.raw)
	}
	if n := len(e.s.Customers(DefaultBankID)); n != 4 || e.s.IdempotencyReplays() != 0 {
		t.Fatalf("%d customers, %d replays; want 4 and 0", n, e.s.IdempotencyReplays())
	}

	e = newEnvWith(t, Options{Generation: Gen2026})
	admin = e.admin()
	expectExact(t, e.req("POST", path, minimalBody("Bad key"), append(admin, "Idempotency-Key", "short")...), 400, msgIdempotencyInvalidKey)
}

// v1.4.0–v5.1.0 keep 400 for a duplicate create on both generations.
func TestGeneration_duplicateCreateStays400(t *testing.T) {
	for _, gen := range generations {
		e := newEnvWith(t, Options{Generation: gen})
		admin := e.admin()
		body := minimalBody("Dup")
		body["customer_number"] = "DUP-1"
		e.createCustomer(admin, body)
		expectError(t, e.req("POST", v+"/banks/"+DefaultBankID+"/customers", body, admin...), 400, "OBP-30051")
	}
}

func TestGeneration_loginLimiter(t *testing.T) {
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	e := newEnvWith(t, Options{Generation: Gen2026, LoginLimitPerMinute: 3, Now: func() time.Time { return now }})
	login := func(user, pass string) reply {
		return e.req("POST", "/my/logins/direct", nil, "DirectLogin", loginHeaderValue(user, pass))
	}
	for i := range 3 {
		if r := login(AdminUsername, AdminPassword); r.status != 201 {
			t.Fatalf("login %d: %d %s", i+1, r.status, r.raw)
		}
		now = now.Add(10 * time.Second)
	}
	r := login(AdminUsername, AdminPassword)
	expectExact(t, r, 429, "OBP-10061: Too many login attempts. Please try again later.")
	if got := r.header.Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After %q, want 30 (the first login ages out in 30 s)", got)
	}
	// Wrong passwords count too; another user has its own budget.
	expectError(t, login(AdminUsername, "wrong"), 429, "OBP-10061")
	if r := login(NoRoleUsername, NoRolePassword); r.status != 201 {
		t.Errorf("other user: %d %s", r.status, r.raw)
	}
	now = now.Add(31 * time.Second)
	if r := login(AdminUsername, AdminPassword); r.status != 201 {
		t.Errorf("after the window: %d %s", r.status, r.raw)
	}
	if e.s.LoginCount() != 5 || e.s.LoginsLimited() != 2 {
		t.Errorf("%d logins, %d limited; want 5 and 2", e.s.LoginCount(), e.s.LoginsLimited())
	}

	for _, opts := range []Options{{Generation: Gen2026}, {Generation: Gen2024, LoginLimitPerMinute: 3}} {
		e := newEnvWith(t, opts)
		for i := range 10 {
			if r := e.req("POST", "/my/logins/direct", nil, "DirectLogin", loginHeaderValue(AdminUsername, AdminPassword)); r.status != 201 {
				t.Fatalf("%+v login %d: %d %s", opts, i+1, r.status, r.raw)
			}
		}
	}
}
