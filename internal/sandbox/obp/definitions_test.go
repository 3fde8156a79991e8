package obp

import (
	"strings"
	"testing"
)

func definitionBody(name, category string) map[string]any {
	return map[string]any{
		"name": name, "category": category, "type": "STRING", "description": "Tax number",
		"alias": "tax", "can_be_seen_on_views": []string{"owner", "accountant"}, "is_active": true,
	}
}

func definitionsPath(bankID string) string {
	return v + "/banks/" + bankID + "/attribute-definitions/customer"
}

func definitionDeletePath(bankID, id string) string {
	return v + "/banks/" + bankID + "/attribute-definitions/" + id + "/customer"
}

func (e *env) putDefinition(h []string, bankID string, body any) map[string]any {
	e.t.Helper()
	r := e.req("PUT", definitionsPath(bankID), body, h...)
	if r.status != 201 {
		e.t.Fatalf("put definition: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

func TestAttributeDefinitionLifecycle(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	r := e.req("PUT", definitionsPath(DefaultBankID), definitionBody("TAX_NUMBER", "Customer"), admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	id := r.obj(t)["attribute_definition_id"].(string)
	want := `{"attribute_definition_id":"` + id + `","bank_id":"demo.bank.01","name":"TAX_NUMBER","category":"Customer",` +
		`"type":"STRING","description":"Tax number","alias":"tax","can_be_seen_on_views":["owner","accountant"],"is_active":true}`
	if r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	if got := e.s.AttributeDefinitions(DefaultBankID); len(got) != 1 || got[0].AttributeDefinitionID != id ||
		got[0].Type != "STRING" || strings.Join(got[0].CanBeSeenOnViews, "|") != "owner|accountant" || !got[0].IsActive {
		t.Fatalf("stored %+v", got)
	}
	list := e.req("GET", definitionsPath(DefaultBankID), nil, admin...)
	if list.status != 200 || list.raw != `{"attributes":[`+want+`]}` {
		t.Fatalf("list %d %s", list.status, list.raw)
	}

	// Same (bank, name, category): update in place, same id, still 201.
	upd := withField(definitionBody("TAX_NUMBER", "Customer"), "type", "INTEGER")
	upd["description"], upd["alias"], upd["can_be_seen_on_views"], upd["is_active"] = "changed", "t2", []string{}, false
	r = e.req("PUT", definitionsPath(DefaultBankID), upd, admin...)
	wantUpd := `{"attribute_definition_id":"` + id + `","bank_id":"demo.bank.01","name":"TAX_NUMBER","category":"Customer",` +
		`"type":"INTEGER","description":"changed","alias":"t2","can_be_seen_on_views":[""],"is_active":false}`
	if r.status != 201 || r.raw != wantUpd {
		t.Fatalf("update %d\n got  %s\nwant %s", r.status, r.raw, wantUpd)
	}
	if n := len(e.s.AttributeDefinitions(DefaultBankID)); n != 1 {
		t.Fatalf("%d definitions after upsert", n)
	}

	del := e.req("DELETE", definitionDeletePath(DefaultBankID, id), nil, admin...)
	if del.status != 200 || del.raw != "true" {
		t.Fatalf("delete %d %s", del.status, del.raw)
	}
	notFound := "OBP-50200: Connector cannot return the data we requested. <- " + msgAttributeDefinitionNotF
	expectExact(t, e.req("DELETE", definitionDeletePath(DefaultBankID, id), nil, admin...), 400, notFound)
	if r := e.req("GET", definitionsPath(DefaultBankID), nil, admin...); r.raw != `{"attributes":[]}` {
		t.Fatalf("list after delete %s", r.raw)
	}
	// After a delete the same key inserts a new definition with a new id.
	if again := e.putDefinition(admin, DefaultBankID, definitionBody("TAX_NUMBER", "Customer")); again["attribute_definition_id"] == id {
		t.Fatal("re-created definition reused the deleted id")
	}
}

func TestAttributeDefinitionQuirks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cust := e.putDefinition(admin, DefaultBankID, definitionBody("A", "Customer"))["attribute_definition_id"].(string)

	// The body category wins over the /customer path: this is an Account definition.
	acct := e.putDefinition(admin, DefaultBankID, definitionBody("A", "Account"))
	acctID := acct["attribute_definition_id"].(string)
	if acct["category"] != "Account" || acctID == cust {
		t.Fatalf("account definition %v", acct)
	}
	// Every category of the enum is accepted.
	for _, cat := range []string{"Bank", "Product", "Transaction", "Card", "TransactionRequest"} {
		e.putDefinition(admin, DefaultBankID, definitionBody("A", cat))
	}
	// Same name and category at another bank is a different definition.
	other := e.putDefinition(admin, SecondBankID, definitionBody("A", "Customer"))["attribute_definition_id"].(string)
	if other == cust {
		t.Fatal("the upsert key includes the bank")
	}
	if got := e.s.AttributeDefinitions(DefaultBankID); len(got) != 7 || got[0].AttributeDefinitionID != cust || got[1].AttributeDefinitionID != acctID {
		t.Fatalf("AttributeDefinitions lists all categories in order: %+v", got)
	}
	if got := e.s.AttributeDefinitions(SecondBankID); len(got) != 1 || got[0].AttributeDefinitionID != other {
		t.Fatalf("second bank %+v", got)
	}

	// GET lists the Customer definitions of every bank, whichever bank is in the URL.
	for _, bank := range []string{DefaultBankID, SecondBankID} {
		items := e.req("GET", definitionsPath(bank), nil, admin...).obj(t)["attributes"].([]any)
		if len(items) != 2 || items[0].(map[string]any)["attribute_definition_id"] != cust ||
			items[1].(map[string]any)["attribute_definition_id"] != other {
			t.Fatalf("list via %s: %v", bank, items)
		}
	}

	// Delete refuses a non-Customer definition, and ignores the URL bank.
	notFound := "OBP-50200: Connector cannot return the data we requested. <- " + msgAttributeDefinitionNotF
	expectExact(t, e.req("DELETE", definitionDeletePath(DefaultBankID, acctID), nil, admin...), 400, notFound)
	if r := e.req("DELETE", definitionDeletePath(DefaultBankID, other), nil, admin...); r.status != 200 || r.raw != "true" {
		t.Fatalf("delete other bank's definition via default bank: %d %s", r.status, r.raw)
	}
	if len(e.s.AttributeDefinitions(SecondBankID)) != 0 || len(e.s.AttributeDefinitions(DefaultBankID)) != 7 {
		t.Fatal("wrong definition deleted")
	}

	// Views are stored ;-joined: a view containing ';' comes back split; empty list is [""].
	views := []struct {
		in   []string
		want string
	}{
		{[]string{}, `[""]`},
		{[]string{""}, `[""]`},
		{[]string{"a;b"}, `["a","b"]`},
		{[]string{"owner"}, `["owner"]`},
	}
	for _, tc := range views {
		r := e.req("PUT", definitionsPath(DefaultBankID), withField(definitionBody("V", "Customer"), "can_be_seen_on_views", tc.in), admin...)
		if !strings.Contains(r.raw, `"can_be_seen_on_views":`+tc.want+`,`) {
			t.Fatalf("views %q: %s", tc.in, r.raw)
		}
	}
	// Lenient scalars: a number name becomes a string.
	if d := e.putDefinition(admin, DefaultBankID, withField(definitionBody("x", "Customer"), "name", 123)); d["name"] != "123" {
		t.Fatalf("lenient name %v", d)
	}
}

func TestAttributeDefinitionRoles(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.putDefinition(admin, DefaultBankID, definitionBody("A", "Customer"))["attribute_definition_id"].(string)
	cases := []struct {
		method, path string
		body         any
		role         string
		status       int
	}{
		{"PUT", definitionsPath(DefaultBankID), definitionBody("A", "Customer"), "CanCreateCustomerAttributeDefinitionAtOneBank", 201},
		{"GET", definitionsPath(DefaultBankID), nil, "CanGetCustomerAttributeDefinitionAtOneBank", 200},
		{"DELETE", definitionDeletePath(DefaultBankID, id), nil, "CanDeleteCustomerAttributeDefinitionAtOneBank", 200},
	}
	for _, tc := range cases {
		t.Run(tc.method, func(t *testing.T) {
			if isSystemRole(tc.role) || !contains(bankRoles, tc.role) {
				t.Fatalf("%s should be a bank role", tc.role)
			}
			expectExact(t, e.req(tc.method, tc.path, tc.body), 401, msgUserNotLoggedIn)
			badBank := strings.Replace(tc.path, DefaultBankID, "nope", 1)
			expectExact(t, e.req(tc.method, badBank, tc.body, admin...), 404,
				"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
			viewer := e.viewer()
			msg := "OBP-20006: User is missing one or more roles: " + tc.role + " for BankId(demo.bank.01)."
			expectExact(t, e.req(tc.method, tc.path, tc.body, viewer...), 403, msg)
			// The role at another bank does not help.
			e.s.GrantRole(NoRoleUsername, SecondBankID, tc.role)
			expectExact(t, e.req(tc.method, tc.path, tc.body, viewer...), 403, msg)
			e.s.GrantRole(NoRoleUsername, DefaultBankID, tc.role)
			if r := e.req(tc.method, tc.path, tc.body, viewer...); r.status != tc.status {
				t.Fatalf("with role: %d %s", r.status, r.raw)
			}
			// Roles are checked before the body.
			if tc.body != nil {
				e.s.RevokeRole(NoRoleUsername, DefaultBankID, tc.role)
				expectExact(t, e.req(tc.method, tc.path, map[string]any{}, viewer...), 403, msg)
			}
		})
	}
}

func TestAttributeDefinitionErrors(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	body := definitionBody("A", "Customer")
	typeMsg := "OBP-10001: Incorrect json format. The `Type` field can only accept the following field: " +
		"DOUBLE(12.1234), STRING(TAX_NUMBER), INTEGER(123) and DATE_WITH_DAY(2012-04-23)"
	catMsg := "OBP-10001: Incorrect json format. The `Category` field can only accept the following field: Customer"
	tooLong := "OBP-50200: Connector cannot return the data we requested. <- OBP-50000: Unknown Error. Cannot save the Attribute Definition: "
	missing := "OBP-10001: Incorrect json format. The Json body should be the AttributeDefinitionJsonV400. Missing or invalid field: "
	cases := []struct {
		name   string
		body   any
		status int
		msg    string
		exact  bool
	}{
		{"missing name", withoutField(body, "name"), 400, missing + "name", true},
		{"missing category", withoutField(body, "category"), 400, missing + "category", true},
		{"missing type", withoutField(body, "type"), 400, missing + "type", true},
		{"missing description", withoutField(body, "description"), 400, missing + "description", true},
		{"missing alias", withoutField(body, "alias"), 400, missing + "alias", true},
		{"missing views", withoutField(body, "can_be_seen_on_views"), 400, missing + "can_be_seen_on_views", true},
		{"views not a list", withField(body, "can_be_seen_on_views", "owner"), 400, missing + "can_be_seen_on_views", true},
		{"missing is_active", withoutField(body, "is_active"), 400, missing + "is_active", true},
		{"is_active not a boolean", withField(body, "is_active", "true"), 400, missing + "is_active", true},
		{"not an object", `[1]`, 400, missing + "(body is not a JSON object)", true},
		{"missing field before bad type", withField(withoutField(body, "alias"), "type", "X"), 400, missing + "alias", true},
		{"bad type", withField(body, "type", "BOOLEAN"), 400, typeMsg, true},
		{"type is case-sensitive", withField(body, "type", "string"), 400, typeMsg, true},
		{"type before category", withField(withField(body, "type", "X"), "category", "X"), 400, typeMsg, true},
		{"bad category", withField(body, "category", "Person"), 400, catMsg, true},
		{"category is case-sensitive", withField(body, "category", "customer"), 400, catMsg, true},
		{"name over 50", withField(body, "name", strings.Repeat("n", 51)), 400, tooLong, false},
		{"alias over 50", withField(body, "alias", strings.Repeat("a", 51)), 400, tooLong, false},
		{"description over 256", withField(body, "description", strings.Repeat("d", 257)), 400, tooLong, false},
		{"views joined over 256", withField(body, "can_be_seen_on_views", []string{strings.Repeat("v", 128), strings.Repeat("w", 128)}), 400, tooLong, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("PUT", definitionsPath(DefaultBankID), tc.body, admin...)
			if tc.exact {
				expectExact(t, r, tc.status, tc.msg)
				return
			}
			expectError(t, r, tc.status, tc.msg)
		})
	}
	if n := len(e.s.AttributeDefinitions(DefaultBankID)); n != 0 {
		t.Fatalf("failed requests stored %d definitions", n)
	}
	// An oversized update leaves the stored definition alone.
	id := e.putDefinition(admin, DefaultBankID, body)["attribute_definition_id"].(string)
	expectError(t, e.req("PUT", definitionsPath(DefaultBankID), withField(body, "alias", strings.Repeat("a", 51)), admin...), 400, tooLong)
	if got := e.s.AttributeDefinitions(DefaultBankID); len(got) != 1 || got[0].Alias != "tax" || got[0].AttributeDefinitionID != id {
		t.Fatalf("after failed update %+v", got)
	}
	// Limits are inclusive (name 50, alias 50, description 256, views joined 256).
	e.putDefinition(admin, DefaultBankID, map[string]any{
		"name": strings.Repeat("n", 50), "category": "Customer", "type": "DATE_WITH_DAY",
		"description": strings.Repeat("d", 256), "alias": strings.Repeat("a", 50),
		"can_be_seen_on_views": []string{strings.Repeat("v", 127), strings.Repeat("w", 128)}, "is_active": false,
	})
	// Unknown ids on delete.
	notFound := "OBP-50200: Connector cannot return the data we requested. <- " + msgAttributeDefinitionNotF
	expectExact(t, e.req("DELETE", definitionDeletePath(SecondBankID, "nope"), nil, admin...), 400, notFound)
	// Transport-level checks: JSON content type, malformed JSON before auth, spellings.
	expectError(t, e.req("PUT", definitionsPath(DefaultBankID), body, append(admin, "Content-Type", "text/plain")...), 404, "OBP-10404")
	expectError(t, e.req("PUT", definitionsPath(DefaultBankID), `{"name":`), 400, "OBP-10001")
	for _, p := range []struct{ method, path string }{
		{"POST", definitionsPath(DefaultBankID)},
		{"PUT", v + "/banks/" + DefaultBankID + "/attribute-definitions/account"},
		{"GET", v + "/banks/" + DefaultBankID + "/attribute-definitions/" + id + "/customer"},
		{"DELETE", definitionsPath(DefaultBankID) + "/" + id},
		{"GET", v + "/banks/" + DefaultBankID + "/attribute_definitions/customer"},
	} {
		var b any
		if p.method != "GET" && p.method != "DELETE" {
			b = body
		}
		expectError(t, e.req(p.method, p.path, b, admin...), 404, "OBP-10404")
	}
}

func TestAttributeDefinitionHooks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	if e.s.AttributeDefinitions(DefaultBankID) != nil {
		t.Fatal("no definitions are seeded")
	}
	id := e.putDefinition(admin, DefaultBankID, definitionBody("A", "Customer"))["attribute_definition_id"].(string)
	acct := e.putDefinition(admin, DefaultBankID, definitionBody("B", "Account"))["attribute_definition_id"].(string)

	got := e.s.AttributeDefinitions(DefaultBankID)
	got[0].CanBeSeenOnViews[0] = "changed"
	if e.s.AttributeDefinitions(DefaultBankID)[0].CanBeSeenOnViews[0] != "owner" {
		t.Fatal("AttributeDefinitions must return copies")
	}
	ok := e.s.UpdateAttributeDefinition(id, func(d *AttributeDefinition) {
		d.Type, d.Description, d.CanBeSeenOnViews, d.IsActive, d.AttributeDefinitionID = "ANYTHING", "oob", nil, false, "hijack"
	})
	if !ok {
		t.Fatal("UpdateAttributeDefinition")
	}
	r := e.req("GET", definitionsPath(DefaultBankID), nil, admin...)
	want := `{"attributes":[{"attribute_definition_id":"` + id + `","bank_id":"demo.bank.01","name":"A","category":"Customer",` +
		`"type":"ANYTHING","description":"oob","alias":"tax","can_be_seen_on_views":[""],"is_active":false}]}`
	if r.raw != want {
		t.Fatalf("after UpdateAttributeDefinition\n got  %s\nwant %s", r.raw, want)
	}
	// Moving a definition to Account hides it from the customer list and delete.
	e.s.UpdateAttributeDefinition(id, func(d *AttributeDefinition) { d.Category = "Account" })
	if r := e.req("GET", definitionsPath(DefaultBankID), nil, admin...); r.raw != `{"attributes":[]}` {
		t.Fatalf("list %s", r.raw)
	}
	expectError(t, e.req("DELETE", definitionDeletePath(DefaultBankID, id), nil, admin...), 400, "OBP-50200")
	// The hook deletes any category.
	if !e.s.DeleteAttributeDefinition(acct) || e.s.DeleteAttributeDefinition(acct) ||
		e.s.UpdateAttributeDefinition("nope", func(*AttributeDefinition) {}) {
		t.Fatal("DeleteAttributeDefinition/UpdateAttributeDefinition return values")
	}
	if got := e.s.AttributeDefinitions(DefaultBankID); len(got) != 1 || got[0].AttributeDefinitionID != id {
		t.Fatalf("after delete %+v", got)
	}
}
