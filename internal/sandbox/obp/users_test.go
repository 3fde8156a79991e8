package obp

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// providerSegment percent-encodes the local provider as one path segment,
// ':' included (http%3A%2F%2F127.0.0.1%3A1234).
func providerSegment(provider string) string {
	return strings.ReplaceAll(url.PathEscape(provider), ":", "%3A")
}

func (e *env) providerPath(username string) string {
	return v + "/users/provider/" + providerSegment(e.ts.URL) + "/username/" + url.PathEscape(username)
}

func userBodyJSON(username, password string) map[string]any {
	return map[string]any{"email": username + "@example.org", "username": username, "password": password,
		"first_name": "New", "last_name": "User"}
}

func TestUserLookups(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	viewerID := e.s.UserID(NoRoleUsername)
	want := `{"user_id":"` + viewerID + `","email":"sandbox.viewer@example.com","provider_id":"sandbox.viewer",` +
		`"provider":"` + e.ts.URL + `","username":"sandbox.viewer","entitlements":{"list":[]},` +
		`"agreements":[],"is_deleted":false,"is_locked":false}`
	cases := []struct{ name, path string }{
		{"by user id", v + "/users/user_id/" + viewerID},
		{"by user id v5.0.0", "/obp/v5.0.0/users/user_id/" + viewerID},
		{"by provider and username", e.providerPath(NoRoleUsername)},
		{"by provider, only slashes escaped", v + "/users/provider/" + url.PathEscape(e.ts.URL) + "/username/" + NoRoleUsername},
		{"by username v5.0.0", "/obp/v5.0.0/users/username/" + NoRoleUsername},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectExact(t, e.req("GET", tc.path, nil), 401, msgUserNotLoggedIn)
			expectExact(t, e.req("GET", tc.path, nil, e.viewer()...), 403, "OBP-20006: User is missing one or more roles: CanGetAnyUser")
			// A bank-level grant of the name does not exist; the system role is needed.
			r := e.req("GET", tc.path, nil, admin...)
			if r.status != 200 || r.raw != want {
				t.Fatalf("%d\n got  %s\nwant %s", r.status, r.raw, want)
			}
		})
	}
	// The caller's roles show up in entitlements.
	r := e.req("GET", v+"/users/user_id/"+e.s.UserID(AdminUsername), nil, admin...)
	if list := r.obj(t)["entitlements"].(map[string]any)["list"].([]any); len(list) != 2*len(bankRoles)+len(adminSystemRoles) {
		t.Fatalf("%d entitlements", len(list))
	}
}

func TestUserLookupErrorsAndVersions(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cases := []struct {
		name, path string
		status     int
		msg        string
	}{
		{"unknown user id", v + "/users/user_id/nope", 400, "OBP-20057: User not found by userId. Current UserId(nope)"},
		{"unknown username", e.providerPath("nope"), 404, msgUserNotFoundByProvider},
		{"other provider", v + "/users/provider/" + providerSegment("http://elsewhere") + "/username/" + NoRoleUsername, 404, msgUserNotFoundByProvider},
		{"unescaped provider is not one segment", v + "/users/provider/" + e.ts.URL + "/username/" + NoRoleUsername, 404, "OBP-10404"},
		{"unknown username v5.0.0", "/obp/v5.0.0/users/username/nope", 404, msgUserNotFoundByProvider},
		{"username lookup excluded from v5.1.0", v + "/users/username/" + NoRoleUsername, 404, "OBP-10404"},
		{"provider lookup is a v5.1.0 handler", "/obp/v5.0.0/users/provider/" + providerSegment(e.ts.URL) + "/username/" + NoRoleUsername, 404, "OBP-10404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("GET", tc.path, nil, admin...), tc.status, tc.msg)
		})
	}
	// Auth and role come before the not-found checks.
	expectExact(t, e.req("GET", v+"/users/user_id/nope", nil, e.viewer()...), 403, "OBP-20006: User is missing one or more roles: CanGetAnyUser")
	expectExact(t, e.req("GET", e.providerPath("nope"), nil), 401, msgUserNotLoggedIn)
	// The current user's id needs no role, under both versions.
	for _, version := range []string{"v5.0.0", "v5.1.0"} {
		r := e.req("GET", "/obp/"+version+"/users/current/user_id", nil, e.viewer()...)
		if r.status != 200 || r.raw != `{"user_id":"`+e.s.UserID(NoRoleUsername)+`"}` {
			t.Fatalf("%s current user_id %d %s", version, r.status, r.raw)
		}
	}
	expectExact(t, e.req("GET", v+"/users/current/user_id", nil), 401, msgUserNotLoggedIn)
}

func TestUserLookupPercentDecoding(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.s.AddUser("ada.lovelace@example.com", "Password-123")
	for _, path := range []string{
		e.providerPath("ada.lovelace@example.com"),
		v + "/users/provider/" + providerSegment(e.ts.URL) + "/username/ada.lovelace%40example.com",
		"/obp/v5.0.0/users/username/ada%2Elovelace%40example.com",
	} {
		r := e.req("GET", path, nil, admin...)
		if r.status != 200 || r.obj(t)["user_id"] != id || r.obj(t)["username"] != "ada.lovelace@example.com" {
			t.Fatalf("%s: %d %s", path, r.status, r.raw)
		}
	}
}

func TestUserLookupShowsLock(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	for i := 0; i < maxBadLogins; i++ {
		e.req("POST", "/my/logins/direct", nil, "DirectLogin", loginHeaderValue(NoRoleUsername, "wrong"))
	}
	r := e.req("GET", v+"/users/user_id/"+e.s.UserID(NoRoleUsername), nil, admin...)
	if r.status != 200 || !strings.HasSuffix(r.raw, `"is_deleted":false,"is_locked":true}`) {
		t.Fatalf("%d %s", r.status, r.raw)
	}
}

func TestCreateUser(t *testing.T) {
	e := newEnv(t)
	r := e.req("POST", v+"/users", userBodyJSON("new.user", "Password-123"))
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	id := m["user_id"].(string)
	want := `{"user_id":"` + id + `","email":"new.user@example.org","provider_id":"new.user","provider":"` + e.ts.URL +
		`","username":"new.user","entitlements":{"list":[]}}`
	if r.raw != want || id != e.s.UserID("new.user") {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	// The new user can log in, has no roles, and can be looked up.
	h := auth(e.login("new.user", "Password-123"))
	expectError(t, e.req("GET", v+"/users/user_id/"+id, nil, h...), 403, "OBP-20006")
	if r := e.req("GET", e.providerPath("new.user"), nil, e.admin()...); r.status != 200 || r.obj(t)["user_id"] != id {
		t.Fatalf("lookup %d %s", r.status, r.raw)
	}
	// Served under v5.0.0 too, anonymous even with a bad token.
	if r := e.req("POST", "/obp/v5.0.0/users", userBodyJSON("other.user", "abcdefghi1"), "DirectLogin", "token=bad"); r.status != 201 {
		t.Fatalf("v5.0.0 %d %s", r.status, r.raw)
	}
}

func TestCreateUserErrors(t *testing.T) {
	e := newEnv(t)
	weak := "OBP-30207: Invalid Password Format."
	missing := "OBP-10001: Incorrect json format. The Json body should be the CreateUserJson. Missing or invalid field: "
	body := userBodyJSON("new.user", "Password-123")
	cases := []struct {
		name   string
		body   any
		status int
		msg    string
	}{
		{"missing email", withoutField(body, "email"), 400, missing + "email"},
		{"missing username", withoutField(body, "username"), 400, missing + "username"},
		{"missing password", withoutField(body, "password"), 400, missing + "password"},
		{"missing first_name", withoutField(body, "first_name"), 400, missing + "first_name"},
		{"missing last_name", withoutField(body, "last_name"), 400, missing + "last_name"},
		{"empty username", withField(body, "username", ""), 400, "OBP-10001: Incorrect json format. The username can not be empty."},
		{"9 characters", withField(body, "password", "abcdefgh1"), 400, weak},
		{"no digit", withField(body, "password", "abcdefghijk"), 400, weak},
		{"no letter", withField(body, "password", "1234567890"), 400, weak},
		{"over 512", withField(body, "password", strings.Repeat("a1", 257)), 400, weak},
		{"duplicate of a seeded user", withField(body, "username", AdminUsername), 409, msgDuplicateUsername},
		{"password checked before duplicate", userBodyJSON(AdminUsername, "short"), 400, weak},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("POST", v+"/users", tc.body), tc.status, tc.msg)
		})
	}
	if r := e.req("POST", v+"/users", body); r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	expectExact(t, e.req("POST", v+"/users", withField(body, "password", "Another-Pass-9")), 409, msgDuplicateUsername)
	expectError(t, e.req("POST", v+"/users", `{"username":`), 400, "OBP-10001")
	expectError(t, e.req("POST", v+"/users", body, "Content-Type", "text/plain"), 404, "OBP-10404")
	if e.s.UserID("") != "" {
		t.Fatal("a user with an empty name was stored")
	}
}

func TestStrongPassword(t *testing.T) {
	cases := map[string]bool{
		"":                        false,
		"abcdefgh1":               false,
		"abcdefghi1":              true,
		"1234567890":              false,
		"abcdefghij":              false,
		"ÄÖÜäöüßéè1":              true,
		strings.Repeat("a1", 256): true,
		strings.Repeat("a1", 257): false,
		AdminPassword:             true,
		NoRolePassword:            true,
	}
	for p, want := range cases {
		if got := strongPassword(p); got != want {
			t.Errorf("strongPassword(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestAddUserHook(t *testing.T) {
	e := newEnv(t)
	id := e.s.AddUser("hook.user", "Hook-Pass-1")
	if id == "" || e.s.UserID("hook.user") != id {
		t.Fatalf("AddUser %q", id)
	}
	if e.s.AddUser("hook.user", "Other-Pass-2") != "" || e.s.AddUser(AdminUsername, "x") != "" {
		t.Fatal("AddUser of a taken username must return \"\"")
	}
	h := auth(e.login("hook.user", "Hook-Pass-1"))
	if r := e.req("GET", v+"/my/entitlements", nil, h...); r.raw != `{"list":[]}` {
		t.Fatalf("new user has roles: %s", r.raw)
	}
	r := e.req("GET", v+"/users/user_id/"+id, nil, e.admin()...)
	if r.status != 200 || r.obj(t)["email"] != "hook.user@example.com" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	// A link can be made to the new user.
	cid := e.newCustomerID(e.admin())
	e.createLink(e.admin(), id, cid)
	if got := e.s.UserCustomerLinks(cid); len(got) != 1 || got[0].UserID != id {
		t.Fatalf("links %+v", got)
	}
}

// TestGrantAndRevokeThroughAPI: the seeded admin can grant a role with the
// API and, after granting itself CanDeleteEntitlementAtAnyBank, revoke it.
func TestGrantAndRevokeThroughAPI(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.s.AddUser("granted.user", "Granted-Pass-1")
	h := auth(e.login("granted.user", "Granted-Pass-1"))
	lookup := v + "/users/user_id/" + id
	expectError(t, e.req("GET", lookup, nil, h...), 403, "OBP-20006")
	r := e.req("POST", v+"/users/"+id+"/entitlements", map[string]any{"bank_id": "", "role_name": roleGetAnyUser}, admin...)
	if r.status != 201 {
		t.Fatalf("grant %d %s", r.status, r.raw)
	}
	entID := r.obj(t)["entitlement_id"].(string)
	if r := e.req("GET", lookup, nil, h...); r.status != 200 {
		t.Fatalf("granted lookup %d %s", r.status, r.raw)
	}
	adminID := e.s.UserID(AdminUsername)
	self := map[string]any{"bank_id": "", "role_name": roleDeleteEntitlementAtAnyBank}
	if r := e.req("POST", v+"/users/"+adminID+"/entitlements", self, admin...); r.status != 201 {
		t.Fatalf("self grant %d %s", r.status, r.raw)
	}
	if r := e.req("DELETE", v+"/users/"+id+"/entitlement/"+entID, nil, admin...); r.status != 204 {
		t.Fatalf("revoke %d %s", r.status, r.raw)
	}
	expectError(t, e.req("GET", lookup, nil, h...), 403, "OBP-20006")
}

// TestSeededAdminHoldsNewRoles: every role the definition, link and user
// endpoints check is known with the right scope and held by the admin.
func TestSeededAdminHoldsNewRoles(t *testing.T) {
	bank := []string{
		roleCreateAttributeDefinition, roleGetAttributeDefinition, roleDeleteAttributeDefinition,
		roleCreateUserCustomerLink, roleGetUserCustomerLink, roleDeleteUserCustomerLink,
	}
	s := New(Options{})
	admin := s.st.userByName(AdminUsername)
	for _, role := range bank {
		if !isKnownRole(role) || isSystemRole(role) {
			t.Errorf("%s should be a bank role", role)
		}
		for _, b := range []string{DefaultBankID, SecondBankID} {
			if !s.st.hasRole(admin, b, role) {
				t.Errorf("admin lacks %s at %s", role, b)
			}
		}
	}
	for _, role := range []string{roleCreateUserCustomerLinkAnyBank, roleGetAnyUser} {
		if !isSystemRole(role) {
			t.Errorf("%s should be a system role", role)
		}
	}
	if !s.st.hasRole(admin, "", roleGetAnyUser) {
		t.Error("admin lacks CanGetAnyUser")
	}
}

func TestNewEndpointCounters(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	viewerID := e.s.UserID(NoRoleUsername)
	e.s.ResetCounts()
	e.req("PUT", definitionsPath(DefaultBankID), definitionBody("A", "Customer"), admin...)
	e.req("GET", definitionsPath(DefaultBankID), nil, admin...)
	e.req("DELETE", definitionDeletePath(DefaultBankID, "nope"), nil, admin...)
	e.req("POST", linksPath(DefaultBankID), linkBody(viewerID, cid), admin...)
	e.req("GET", linksPath(DefaultBankID)+"/users/"+viewerID, nil, admin...)
	e.req("GET", linksPath(DefaultBankID)+"/customers/"+cid, nil)
	e.req("DELETE", linksPath(DefaultBankID)+"/nope", nil, admin...)
	e.req("POST", v+"/users", userBodyJSON("c.user", "Password-123"))
	e.req("GET", v+"/users/user_id/"+viewerID, nil, admin...)
	e.req("GET", e.providerPath(NoRoleUsername), nil, admin...)
	e.req("GET", "/obp/v5.0.0/users/username/"+NoRoleUsername, nil, admin...)
	e.req("GET", v+"/users/username/"+NoRoleUsername, nil, admin...) // not routed: not counted
	want := map[string]int{
		"PUT /banks/{BANK_ID}/attribute-definitions/customer":                              1,
		"GET /banks/{BANK_ID}/attribute-definitions/customer":                              1,
		"DELETE /banks/{BANK_ID}/attribute-definitions/{ATTRIBUTE_DEFINITION_ID}/customer": 1,
		"POST /banks/{BANK_ID}/user_customer_links":                                        1,
		"GET /banks/{BANK_ID}/user_customer_links/users/{USER_ID}":                         1,
		"GET /banks/{BANK_ID}/user_customer_links/customers/{CUSTOMER_ID}":                 1,
		"DELETE /banks/{BANK_ID}/user_customer_links/{USER_CUSTOMER_LINK_ID}":              1,
		"POST /users":                  1,
		"GET /users/user_id/{USER_ID}": 1,
		"GET /users/provider/{PROVIDER}/username/{USERNAME}": 1,
		"GET /users/username/{USERNAME}":                     1,
	}
	if got := e.s.RequestCounts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counts\n got %v\nwant %v", got, want)
	}
}
