package obp

import (
	"strings"
	"testing"
)

func TestCurrentUser(t *testing.T) {
	e := newEnv(t)
	r := e.req("GET", v+"/users/current", nil, e.admin()...)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	if m["user_id"] != e.s.UserID(AdminUsername) || m["username"] != AdminUsername || m["provider"] != e.ts.URL ||
		m["provider_id"] != AdminUsername || m["email"] == "" {
		t.Fatalf("user %v", m)
	}
	list := m["entitlements"].(map[string]any)["list"].([]any)
	if want := 2*len(bankRoles) + len(adminSystemRoles); len(list) != want {
		t.Fatalf("%d entitlements, want %d", len(list), want)
	}
	first := list[0].(map[string]any)
	if first["bank_id"] != DefaultBankID || first["role_name"] != bankRoles[0] || first["entitlement_id"] == "" {
		t.Fatalf("entitlement %v", first)
	}
	if !strings.Contains(r.raw, `"views":{"list":[]}`) {
		t.Fatalf("views missing: %s", r.raw)
	}
	r = e.req("GET", v+"/users/current", nil, e.viewer()...)
	if !strings.Contains(r.raw, `"entitlements":{"list":[]}`) {
		t.Fatalf("viewer entitlements: %s", r.raw)
	}
	r = e.req("GET", v+"/users/current/user_id", nil, e.viewer()...)
	if r.raw != `{"user_id":"`+e.s.UserID(NoRoleUsername)+`"}` {
		t.Fatalf("user_id: %s", r.raw)
	}
}

func TestCreateEntitlement(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	viewerID := e.s.UserID(NoRoleUsername)
	path := v + "/users/" + viewerID + "/entitlements"
	grant := map[string]any{"bank_id": DefaultBankID, "role_name": roleGetCustomer}
	cases := []struct {
		name    string
		path    string
		body    any
		headers []string
		status  int
		prefix  string
	}{
		{"not logged in", path, grant, nil, 401, msgUserNotLoggedIn},
		{"unknown user", v + "/users/nope/entitlements", grant, admin, 404,
			"OBP-20005: User not found. Please specify a valid value for USER_ID. Current USER_ID(nope)"},
		{"missing role_name", path, map[string]any{"bank_id": ""}, admin, 400, "OBP-10001"},
		{"unknown role", path, map[string]any{"bank_id": "", "role_name": "CanFly"}, admin, 400,
			"OBP-10007: Incorrect Role name: CanFly. Possible roles are CanAddKycStatus, "},
		{"bank role without bank", path, map[string]any{"bank_id": "", "role_name": roleGetCustomer}, admin, 400, msgEntitlementIsBankRole},
		{"system role with bank", path, map[string]any{"bank_id": DefaultBankID, "role_name": roleGetAnyUser}, admin, 400, msgEntitlementIsSystemRole},
		{"caller may not grant", path, grant, viewer, 403,
			"OBP-20050: Current User is not a Super Admin! or OBP-20006: User is missing one or more roles: CanCreateEntitlementAtAnyBank or CanCreateEntitlementAtOneBank for BankId(demo.bank.01)."},
		{"unknown bank is 400", path, map[string]any{"bank_id": "nope", "role_name": roleGetCustomer}, admin, 400,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("POST", tc.path, tc.body, tc.headers...), tc.status, tc.prefix)
		})
	}
	r := e.req("POST", path, grant, admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	if m["role_name"] != roleGetCustomer || m["bank_id"] != DefaultBankID || m["entitlement_id"] == "" || len(m) != 3 {
		t.Fatalf("%v", m)
	}
	expectExact(t, e.req("POST", path, grant, admin...), 400, msgEntitlementExists)
	// The grant is effective and visible in /my/entitlements.
	my := e.req("GET", v+"/my/entitlements", nil, viewer...)
	if !strings.Contains(my.raw, `"role_name":"CanGetCustomer","bank_id":"demo.bank.01"`) {
		t.Fatalf("my entitlements: %s", my.raw)
	}
	id := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	if r := e.req("GET", customersPath+"/"+id, nil, viewer...); r.status != 200 {
		t.Fatalf("granted role not effective: %d", r.status)
	}
}

func TestCreateEntitlementAtOneBank(t *testing.T) {
	e := newEnv(t)
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleCreateEntitlementAtOneBank)
	viewer := e.viewer()
	path := v + "/users/" + e.s.UserID(NoRoleUsername) + "/entitlements"
	if r := e.req("POST", path, map[string]any{"bank_id": DefaultBankID, "role_name": roleGetCustomers}, viewer...); r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	expectError(t, e.req("POST", path, map[string]any{"bank_id": SecondBankID, "role_name": roleGetCustomers}, viewer...), 403, "OBP-20050")
}

func TestDeleteEntitlement(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	viewerID, adminID := e.s.UserID(NoRoleUsername), e.s.UserID(AdminUsername)
	r := e.req("POST", v+"/users/"+viewerID+"/entitlements", map[string]any{"bank_id": "", "role_name": roleGetAnyUser}, admin...)
	entID := r.obj(t)["entitlement_id"].(string)
	path := v + "/users/" + viewerID + "/entitlement/" + entID
	expectExact(t, e.req("DELETE", path, nil), 401, msgUserNotLoggedIn)
	expectExact(t, e.req("DELETE", path, nil, admin...), 403, "OBP-20006: User is missing one or more roles: CanDeleteEntitlementAtAnyBank")
	e.s.GrantRole(AdminUsername, "", roleDeleteEntitlementAtAnyBank)
	expectExact(t, e.req("DELETE", v+"/users/"+viewerID+"/entitlement/nope", nil, admin...), 404, msgEntitlementNotFound)
	expectExact(t, e.req("DELETE", v+"/users/"+adminID+"/entitlement/"+entID, nil, admin...), 400, msgUserHasNotEntitlement)
	r = e.req("DELETE", path, nil, admin...)
	if r.status != 204 || r.raw != "" || r.header.Get("Content-Type") != "" {
		t.Fatalf("%d %q %q", r.status, r.raw, r.header.Get("Content-Type"))
	}
	expectExact(t, e.req("DELETE", path, nil, admin...), 404, msgEntitlementNotFound)
}
