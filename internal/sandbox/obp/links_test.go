package obp

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func linksPath(bankID string) string { return v + "/banks/" + bankID + "/user_customer_links" }

func linkBody(userID, customerID string) map[string]any {
	return map[string]any{"user_id": userID, "customer_id": customerID}
}

func (e *env) createLink(h []string, userID, customerID string) map[string]any {
	e.t.Helper()
	r := e.req("POST", linksPath(DefaultBankID), linkBody(userID, customerID), h...)
	if r.status != 201 {
		e.t.Fatalf("create link: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

// linkIDs lists the user_customer_link_id values of a list reply.
func linkIDs(t *testing.T, r reply) []string {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("list %d %s", r.status, r.raw)
	}
	var ids []string
	for _, item := range r.obj(t)["user_customer_links"].([]any) {
		ids = append(ids, item.(map[string]any)["user_customer_link_id"].(string))
	}
	return ids
}

func TestUserCustomerLinkLifecycle(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	viewerID := e.s.UserID(NoRoleUsername)
	before := time.Now().UTC().Truncate(time.Second)
	r := e.req("POST", linksPath(DefaultBankID), linkBody(viewerID, cid), admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	id := m["user_customer_link_id"].(string)
	date, err := time.Parse(timestampLayout, m["date_inserted"].(string))
	if err != nil || date.Before(before) || date.After(time.Now().UTC()) {
		t.Fatalf("date_inserted %v (%v)", m["date_inserted"], err)
	}
	want := `{"user_customer_link_id":"` + id + `","customer_id":"` + cid + `","user_id":"` + viewerID +
		`","date_inserted":"` + m["date_inserted"].(string) + `","is_active":true}`
	if r.raw != want || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4`).MatchString(id) {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	if got := e.s.UserCustomerLinks(cid); len(got) != 1 || got[0] != (UserCustomerLink{
		UserCustomerLinkID: id, CustomerID: cid, UserID: viewerID, DateInserted: date, IsActive: true}) {
		t.Fatalf("stored %+v", got)
	}
	byUser := e.req("GET", linksPath(DefaultBankID)+"/users/"+viewerID, nil, admin...)
	byCustomer := e.req("GET", linksPath(DefaultBankID)+"/customers/"+cid, nil, admin...)
	for _, l := range []reply{byUser, byCustomer} {
		if l.status != 200 || l.raw != `{"user_customer_links":[`+want+`]}` {
			t.Fatalf("list %d %s", l.status, l.raw)
		}
	}

	// A user may be linked to several customers and a customer to several users.
	cid2 := e.newCustomerID(admin)
	second := e.createLink(admin, viewerID, cid2)["user_customer_link_id"].(string)
	third := e.createLink(admin, e.s.UserID(AdminUsername), cid)["user_customer_link_id"].(string)
	if got := linkIDs(t, e.req("GET", linksPath(DefaultBankID)+"/users/"+viewerID, nil, admin...)); strings.Join(got, ",") != id+","+second {
		t.Fatalf("by user %v", got)
	}
	if got := linkIDs(t, e.req("GET", linksPath(DefaultBankID)+"/customers/"+cid, nil, admin...)); strings.Join(got, ",") != id+","+third {
		t.Fatalf("by customer %v", got)
	}

	del := e.req("DELETE", linksPath(DefaultBankID)+"/"+id, nil, admin...)
	if del.status != 200 || del.raw != "true" {
		t.Fatalf("delete %d %s", del.status, del.raw)
	}
	expectExact(t, e.req("DELETE", linksPath(DefaultBankID)+"/"+id, nil, admin...), 400, msgUserCustomerLinkNotFnd)
	if got := linkIDs(t, e.req("GET", linksPath(DefaultBankID)+"/customers/"+cid, nil, admin...)); strings.Join(got, ",") != third {
		t.Fatalf("by customer after delete %v", got)
	}
	// The pair can be linked again after a delete.
	e.createLink(admin, viewerID, cid)
}

func TestUserCustomerLinkCreateErrors(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	otherBank := e.req("POST", v+"/banks/"+SecondBankID+"/customers", minimalBody("Other"), admin...).obj(t)["customer_id"].(string)
	viewerID := e.s.UserID(NoRoleUsername)
	e.createLink(admin, viewerID, cid)
	missing := "OBP-10001: Incorrect json format. The Json body should be the PostUserCustomerLinkJson. Missing or invalid field: "
	cases := []struct {
		name    string
		bank    string
		body    any
		headers []string
		status  int
		msg     string
	}{
		{"not logged in", DefaultBankID, linkBody(viewerID, cid), nil, 401, msgUserNotLoggedIn},
		{"id-shaped field before bank", "nope", linkBody("bad id!", cid), admin, 400,
			"OBP-10001: Incorrect json format. Here are all invalid values: bad id!"},
		{"unknown bank", "nope", linkBody(viewerID, cid), admin, 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"},
		{"missing role", DefaultBankID, linkBody(viewerID, cid), e.viewer(), 403,
			"OBP-20006: User is missing one or more roles: CanCreateUserCustomerLink or CanCreateUserCustomerLinkAtAnyBank for BankId(demo.bank.01)."},
		{"missing user_id", DefaultBankID, map[string]any{"customer_id": cid}, admin, 400, missing + "user_id"},
		{"missing customer_id", DefaultBankID, map[string]any{"user_id": viewerID}, admin, 400, missing + "customer_id"},
		{"unknown user before empty customer_id", DefaultBankID, linkBody("nope", ""), admin, 404, msgUserNotFoundByUserID},
		{"empty user_id", DefaultBankID, linkBody("", cid), admin, 404, msgUserNotFoundByUserID},
		{"empty customer_id", DefaultBankID, linkBody(viewerID, ""), admin, 400, "Field customer_id is not defined in the posted json!"},
		{"unknown customer", DefaultBankID, linkBody(viewerID, "nope"), admin, 404,
			"OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)"},
		{"customer of another bank", DefaultBankID, linkBody(viewerID, otherBank), admin, 400,
			"Bank of the customer specified by the CUSTOMER_ID(demo.bank.02) has to matches BANK_ID(demo.bank.01) in URL"},
		{"bank check before duplicate", SecondBankID, linkBody(viewerID, cid), admin, 400,
			"Bank of the customer specified by the CUSTOMER_ID(demo.bank.01) has to matches BANK_ID(demo.bank.02) in URL"},
		{"duplicate pair", DefaultBankID, linkBody(viewerID, cid), admin, 400, msgCustomerLinkedForUser},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectExact(t, e.req("POST", linksPath(tc.bank), tc.body, tc.headers...), tc.status, tc.msg)
		})
	}
	if n := len(e.s.UserCustomerLinks(cid)) + len(e.s.UserCustomerLinks(otherBank)); n != 1 {
		t.Fatalf("failed requests changed the store: %d links", n)
	}
	expectError(t, e.req("POST", linksPath(DefaultBankID), `{"user_id":`), 400, "OBP-10001")
	expectError(t, e.req("POST", linksPath(DefaultBankID), linkBody(viewerID, cid), append(admin, "Content-Type", "text/plain")...), 404, "OBP-10404")
	for _, path := range []string{v + "/banks/" + DefaultBankID + "/user-customer-links", v + "/banks/" + DefaultBankID + "/user_customer_link"} {
		expectError(t, e.req("POST", path, linkBody(viewerID, cid), admin...), 404, "OBP-10404")
	}
}

func TestUserCustomerLinkRoles(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	viewerID := e.s.UserID(NoRoleUsername)
	linkID := e.createLink(admin, viewerID, cid)["user_customer_link_id"].(string)
	cases := []struct {
		method, path string
		body         any
		role         string
		status       int
	}{
		{"GET", linksPath(DefaultBankID) + "/users/" + viewerID, nil, roleGetUserCustomerLink, 200},
		{"GET", linksPath(DefaultBankID) + "/customers/" + cid, nil, roleGetUserCustomerLink, 200},
		{"DELETE", linksPath(DefaultBankID) + "/" + linkID, nil, roleDeleteUserCustomerLink, 200},
		{"POST", linksPath(DefaultBankID), linkBody(viewerID, cid), roleCreateUserCustomerLink, 201},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			expectExact(t, e.req(tc.method, tc.path, tc.body), 401, msgUserNotLoggedIn)
			badBank := strings.Replace(tc.path, DefaultBankID, "nope", 1)
			expectExact(t, e.req(tc.method, badBank, tc.body, admin...), 404,
				"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
			viewer := e.viewer()
			msg := "OBP-20006: User is missing one or more roles: " + tc.role
			if tc.method == "POST" {
				msg += " or " + roleCreateUserCustomerLinkAnyBank
			}
			msg += " for BankId(demo.bank.01)."
			expectExact(t, e.req(tc.method, tc.path, tc.body, viewer...), 403, msg)
			// The AtAnyBank roles of get/delete exist but are not accepted.
			e.s.GrantRole(NoRoleUsername, "", "CanGetUserCustomerLinkAtAnyBank")
			e.s.GrantRole(NoRoleUsername, "", "CanDeleteUserCustomerLinkAtAnyBank")
			e.s.GrantRole(NoRoleUsername, SecondBankID, tc.role)
			expectExact(t, e.req(tc.method, tc.path, tc.body, viewer...), 403, msg)
			e.s.GrantRole(NoRoleUsername, DefaultBankID, tc.role)
			if r := e.req(tc.method, tc.path, tc.body, viewer...); r.status != tc.status {
				t.Fatalf("with role: %d %s", r.status, r.raw)
			}
			e.s.RevokeRole(NoRoleUsername, DefaultBankID, tc.role)
			e.s.RevokeRole(NoRoleUsername, SecondBankID, tc.role)
		})
	}
	// Create also accepts the system role.
	cid2 := e.newCustomerID(admin)
	e.s.GrantRole(NoRoleUsername, "", roleCreateUserCustomerLinkAnyBank)
	if r := e.req("POST", linksPath(DefaultBankID), linkBody(viewerID, cid2), e.viewer()...); r.status != 201 {
		t.Fatalf("with AtAnyBank role: %d %s", r.status, r.raw)
	}
}

func TestUserCustomerLinkListsAndDeleteIgnoreBank(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	viewerID := e.s.UserID(NoRoleUsername)
	id := e.createLink(admin, viewerID, cid)["user_customer_link_id"].(string)
	// Unknown user or customer ids give an empty list, not an error.
	for _, path := range []string{linksPath(DefaultBankID) + "/users/nope", linksPath(DefaultBankID) + "/customers/nope"} {
		if r := e.req("GET", path, nil, admin...); r.status != 200 || r.raw != `{"user_customer_links":[]}` {
			t.Fatalf("%s: %d %s", path, r.status, r.raw)
		}
	}
	// Lists are not filtered by the URL bank.
	for _, path := range []string{linksPath(SecondBankID) + "/users/" + viewerID, linksPath(SecondBankID) + "/customers/" + cid} {
		if got := linkIDs(t, e.req("GET", path, nil, admin...)); len(got) != 1 || got[0] != id {
			t.Fatalf("%s: %v", path, got)
		}
	}
	// Delete is by id through any bank.
	if r := e.req("DELETE", linksPath(SecondBankID)+"/"+id, nil, admin...); r.status != 200 || r.raw != "true" {
		t.Fatalf("delete via second bank: %d %s", r.status, r.raw)
	}
	if len(e.s.UserCustomerLinks(cid)) != 0 {
		t.Fatal("not deleted")
	}
}

func TestCascadeDeletesUserCustomerLinks(t *testing.T) {
	for _, viaHook := range []bool{false, true} {
		name := "endpoint"
		if viaHook {
			name = "hook"
		}
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			admin := e.admin()
			gone, kept := e.newCustomerID(admin), e.newCustomerID(admin)
			viewerID, adminID := e.s.UserID(NoRoleUsername), e.s.UserID(AdminUsername)
			e.createLink(admin, viewerID, gone)
			e.createLink(admin, adminID, gone)
			keptID := e.createLink(admin, viewerID, kept)["user_customer_link_id"].(string)
			if viaHook {
				if !e.s.DeleteCustomer(gone) {
					t.Fatal("DeleteCustomer")
				}
			} else {
				r := e.req("DELETE", v+"/management/cascading/banks/"+DefaultBankID+"/customers/"+gone, nil, admin...)
				if r.status != 200 || r.raw != "true" {
					t.Fatalf("%d %s", r.status, r.raw)
				}
			}
			if len(e.s.UserCustomerLinks(gone)) != 0 || len(e.s.UserCustomerLinks(kept)) != 1 {
				t.Fatal("cascade must remove exactly the deleted customer's links")
			}
			if got := linkIDs(t, e.req("GET", linksPath(DefaultBankID)+"/users/"+viewerID, nil, admin...)); len(got) != 1 || got[0] != keptID {
				t.Fatalf("by user after cascade %v", got)
			}
		})
	}
}

func TestUserCustomerLinkHooks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	if e.s.UserCustomerLinks(cid) != nil {
		t.Fatal("a new customer has no links")
	}
	first := e.createLink(admin, e.s.UserID(NoRoleUsername), cid)["user_customer_link_id"].(string)
	second := e.createLink(admin, e.s.UserID(AdminUsername), cid)["user_customer_link_id"].(string)
	got := e.s.UserCustomerLinks(cid)
	if len(got) != 2 || got[0].UserCustomerLinkID != first || got[1].UserCustomerLinkID != second || !got[0].IsActive {
		t.Fatalf("UserCustomerLinks %+v", got)
	}
	got[0].UserID = "changed"
	if e.s.UserCustomerLinks(cid)[0].UserID == "changed" {
		t.Fatal("UserCustomerLinks must return copies")
	}
	if !e.s.DeleteUserCustomerLink(first) || e.s.DeleteUserCustomerLink(first) {
		t.Fatal("DeleteUserCustomerLink return values")
	}
	expectExact(t, e.req("DELETE", linksPath(DefaultBankID)+"/"+first, nil, admin...), 400, msgUserCustomerLinkNotFnd)
	if got := linkIDs(t, e.req("GET", linksPath(DefaultBankID)+"/customers/"+cid, nil, admin...)); len(got) != 1 || got[0] != second {
		t.Fatalf("after DeleteUserCustomerLink %v", got)
	}
}
