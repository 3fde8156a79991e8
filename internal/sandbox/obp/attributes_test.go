package obp

import (
	"strings"
	"testing"
)

func attributeBody(name, typ, value string) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

func (e *env) createAttribute(h []string, customerID string, body any) map[string]any {
	e.t.Helper()
	r := e.req("POST", subPath(DefaultBankID, customerID, "attribute"), body, h...)
	if r.status != 201 {
		e.t.Fatalf("create attribute: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

func attributeDeletePath(attributeID string) string {
	return v + "/banks/" + DefaultBankID + "/customers/attributes/" + attributeID
}

func TestCustomerAttributeLifecycle(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	r := e.req("POST", subPath(DefaultBankID, cid, "attribute"), attributeBody("TAX_NUMBER", "STRING", "X123"), admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	id := r.obj(t)["customer_attribute_id"].(string)
	want := `{"customer_attribute_id":"` + id + `","name":"TAX_NUMBER","type":"STRING","value":"X123"}`
	if r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	if got := e.s.CustomerAttributes(cid); len(got) != 1 || got[0] != (CustomerAttribute{
		CustomerAttributeID: id, CustomerID: cid, BankID: DefaultBankID, Name: "TAX_NUMBER", Type: "STRING", Value: "X123"}) {
		t.Fatalf("stored %+v", got)
	}

	// Values are not validated against the type; names are not unique.
	second := e.createAttribute(admin, cid, attributeBody("TAX_NUMBER", "INTEGER", "not a number"))
	sid := second["customer_attribute_id"].(string)
	e.createAttribute(admin, cid, attributeBody("BORN", "DATE_WITH_DAY", "yesterday"))
	e.createAttribute(admin, cid, attributeBody("RATIO", "DOUBLE", ""))

	get := e.req("GET", subPath(DefaultBankID, cid, "attributes/"+id), nil, admin...)
	if get.status != 200 || get.raw != want {
		t.Fatalf("get %d %s", get.status, get.raw)
	}
	list := e.req("GET", subPath(DefaultBankID, cid, "attributes"), nil, admin...)
	items, _ := list.obj(t)["customer_attributes"].([]any)
	if list.status != 200 || len(items) != 4 || !strings.HasPrefix(list.raw, `{"customer_attributes":[`+want+`,`) {
		t.Fatalf("list %d %s", list.status, list.raw)
	}

	upd := e.req("PUT", subPath(DefaultBankID, cid, "attributes/"+sid), attributeBody("COUNT", "INTEGER", "7"), admin...)
	if upd.status != 200 || upd.raw != `{"customer_attribute_id":"`+sid+`","name":"COUNT","type":"INTEGER","value":"7"}` {
		t.Fatalf("update %d %s", upd.status, upd.raw)
	}

	// GET customer (by id and by number) lists the attributes at the URL bank.
	cust := e.req("GET", customersPath+"/"+cid, nil, admin...)
	attrs, _ := cust.obj(t)["customer_attributes"].([]any)
	if len(attrs) != 4 || !strings.Contains(cust.raw, `"customer_attributes":[`+want+`,{"customer_attribute_id":"`+sid+`","name":"COUNT"`) {
		t.Fatalf("customer %s", cust.raw)
	}
	number := cust.obj(t)["customer_number"]
	byNumber := e.req("POST", customersPath+"/customer-number", map[string]any{"customer_number": number}, admin...)
	if attrs, _ := byNumber.obj(t)["customer_attributes"].([]any); len(attrs) != 4 {
		t.Fatalf("by number %s", byNumber.raw)
	}

	del := e.req("DELETE", attributeDeletePath(id), nil, admin...)
	if del.status != 204 || del.raw != "" {
		t.Fatalf("delete %d %q", del.status, del.raw)
	}
	if n := len(e.s.CustomerAttributes(cid)); n != 3 {
		t.Fatalf("%d attributes after delete", n)
	}
	// Deleting again (or any unknown id) is still 204.
	for _, aid := range []string{id, "nope"} {
		if r := e.req("DELETE", attributeDeletePath(aid), nil, admin...); r.status != 204 || r.raw != "" {
			t.Fatalf("delete %s: %d %q", aid, r.status, r.raw)
		}
	}
	expectExact(t, e.req("GET", subPath(DefaultBankID, cid, "attributes/"+id), nil, admin...), 400, msgCustomerAttributeNotFnd)
}

func TestCustomerAttributeRoles(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	aid := e.createAttribute(admin, cid, attributeBody("A", "STRING", "1"))["customer_attribute_id"].(string)
	body := attributeBody("A", "STRING", "2")
	cases := []struct {
		method, path string
		body         any
		oneBank      string
		anyBank      string
		status       int
	}{
		{"POST", subPath(DefaultBankID, cid, "attribute"), body, "CanCreateCustomerAttributeAtOneBank", "CanCreateCustomerAttributeAtAnyBank", 201},
		{"PUT", subPath(DefaultBankID, cid, "attributes/"+aid), body, "CanUpdateCustomerAttributeAtOneBank", "CanUpdateCustomerAttributeAtAnyBank", 200},
		{"GET", subPath(DefaultBankID, cid, "attributes"), nil, "CanGetCustomerAttributesAtOneBank", "CanGetCustomerAttributesAtAnyBank", 200},
		{"GET", subPath(DefaultBankID, cid, "attributes/"+aid), nil, "CanGetCustomerAttributeAtOneBank", "CanGetCustomerAttributeAtAnyBank", 200},
		{"DELETE", attributeDeletePath("nope"), nil, "CanDeleteCustomerAttributeAtOneBank", "CanDeleteCustomerAttributeAtAnyBank", 204},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.oneBank, func(t *testing.T) {
			expectExact(t, e.req(tc.method, tc.path, tc.body), 401, msgUserNotLoggedIn)
			badBank := strings.Replace(tc.path, DefaultBankID, "nope", 1)
			expectExact(t, e.req(tc.method, badBank, tc.body, admin...), 404,
				"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
			viewer := e.viewer()
			expectExact(t, e.req(tc.method, tc.path, tc.body, viewer...), 403,
				"OBP-20006: User is missing one or more roles: "+tc.oneBank+" or "+tc.anyBank+" for BankId(demo.bank.01).")
			// The bank role must be held at the URL bank.
			e.s.GrantRole(NoRoleUsername, SecondBankID, tc.oneBank)
			expectError(t, e.req(tc.method, tc.path, tc.body, viewer...), 403, "OBP-20006")
			for _, grant := range []struct{ bank, role string }{{DefaultBankID, tc.oneBank}, {"", tc.anyBank}} {
				e.s.GrantRole(NoRoleUsername, grant.bank, grant.role)
				if r := e.req(tc.method, tc.path, tc.body, viewer...); r.status != tc.status {
					t.Fatalf("with %s: %d %s", grant.role, r.status, r.raw)
				}
				e.s.RevokeRole(NoRoleUsername, grant.bank, grant.role)
			}
			e.s.RevokeRole(NoRoleUsername, SecondBankID, tc.oneBank)
		})
	}
	// The other role spelling does not help: get-one needs the singular role.
	viewer := e.viewer()
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleGetCustomerAttributes)
	expectError(t, e.req("GET", subPath(DefaultBankID, cid, "attributes/"+aid), nil, viewer...), 403,
		"OBP-20006: User is missing one or more roles: CanGetCustomerAttributeAtOneBank")
}

func TestCustomerAttributeErrors(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	otherBank := e.req("POST", v+"/banks/"+SecondBankID+"/customers", minimalBody("Other"), admin...).obj(t)["customer_id"].(string)
	aid := e.createAttribute(admin, cid, attributeBody("A", "STRING", "1"))["customer_attribute_id"].(string)
	typeMsg := "OBP-10001: Incorrect json format. The `Type` field can only accept the following field: " +
		"DOUBLE(12.1234), STRING(TAX_NUMBER), INTEGER(123) and DATE_WITH_DAY(2012-04-23)"
	notFoundCustomer := "OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)"
	wrongBank := "OBP-30113: Invalid Bank Id (demo.bank.01). The Customer(" + otherBank + ") does not belong to this Bank"
	tooLong := "OBP-50200: Connector cannot return the data we requested. <- OBP-50000: Unknown Error. Cannot save the Customer Attribute"
	body := attributeBody("A", "STRING", "2")
	cases := []struct {
		name, method, path string
		body               any
		status             int
		prefix             string
		exact              bool
	}{
		{"missing name", "POST", subPath(DefaultBankID, cid, "attribute"), withoutField(body, "name"), 400,
			"OBP-10001: Incorrect json format. The Json body should be the CustomerAttributeJsonV400. Missing or invalid field: name", true},
		{"missing type", "POST", subPath(DefaultBankID, cid, "attribute"), withoutField(body, "type"), 400, "OBP-10001", false},
		{"missing value", "PUT", subPath(DefaultBankID, cid, "attributes/"+aid), withoutField(body, "value"), 400, "OBP-10001", false},
		{"bad type", "POST", subPath(DefaultBankID, cid, "attribute"), withField(body, "type", "BOOLEAN"), 400, typeMsg, true},
		{"type is case-sensitive", "PUT", subPath(DefaultBankID, cid, "attributes/"+aid), withField(body, "type", "string"), 400, typeMsg, true},
		{"body before customer", "POST", subPath(DefaultBankID, "nope", "attribute"), map[string]any{}, 400, "OBP-10001", false},
		{"type before customer", "POST", subPath(DefaultBankID, "nope", "attribute"), withField(body, "type", "X"), 400, typeMsg, true},
		{"id-shaped field before bank", "POST", subPath("nope", cid, "attribute"), withField(body, "customer_id", "bad id!"), 400,
			"OBP-10001: Incorrect json format. Here are all invalid values: bad id!", true},
		{"create unknown customer", "POST", subPath(DefaultBankID, "nope", "attribute"), body, 404, notFoundCustomer, true},
		{"update unknown customer", "PUT", subPath(DefaultBankID, "nope", "attributes/"+aid), body, 404, notFoundCustomer, true},
		{"list unknown customer", "GET", subPath(DefaultBankID, "nope", "attributes"), nil, 404, notFoundCustomer, true},
		{"get unknown customer", "GET", subPath(DefaultBankID, "nope", "attributes/"+aid), nil, 404, notFoundCustomer, true},
		{"create other bank's customer", "POST", subPath(DefaultBankID, otherBank, "attribute"), body, 400, wrongBank, true},
		{"update other bank's customer", "PUT", subPath(DefaultBankID, otherBank, "attributes/"+aid), body, 400, wrongBank, true},
		{"list other bank's customer", "GET", subPath(DefaultBankID, otherBank, "attributes"), nil, 400, wrongBank, true},
		{"get other bank's customer", "GET", subPath(DefaultBankID, otherBank, "attributes/"+aid), nil, 400, wrongBank, true},
		{"update unknown attribute", "PUT", subPath(DefaultBankID, cid, "attributes/nope"), body, 400, msgCustomerAttributeNotFnd, true},
		{"get unknown attribute", "GET", subPath(DefaultBankID, cid, "attributes/nope"), nil, 400, msgCustomerAttributeNotFnd, true},
		{"name over 50", "POST", subPath(DefaultBankID, cid, "attribute"), withField(body, "name", strings.Repeat("n", 51)), 400, tooLong, false},
		{"value over 2000", "POST", subPath(DefaultBankID, cid, "attribute"), withField(body, "value", strings.Repeat("v", 2001)), 400, tooLong, false},
		{"update value over 2000", "PUT", subPath(DefaultBankID, cid, "attributes/"+aid), withField(body, "value", strings.Repeat("v", 2001)), 400, tooLong, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req(tc.method, tc.path, tc.body, admin...)
			if tc.exact {
				expectExact(t, r, tc.status, tc.prefix)
				return
			}
			expectError(t, r, tc.status, tc.prefix)
		})
	}
	if got := e.s.CustomerAttributes(cid); len(got) != 1 || got[0].Value != "1" {
		t.Fatalf("failed requests changed the store: %+v", got)
	}
	// Limits are inclusive.
	e.createAttribute(admin, cid, attributeBody(strings.Repeat("n", 50), "STRING", strings.Repeat("v", 2000)))
}

func TestCustomerAttributeBankAndCustomerScope(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	a, b := e.newCustomerID(admin), e.newCustomerID(admin)
	aid := e.createAttribute(admin, a, attributeBody("A", "STRING", "1"))["customer_attribute_id"].(string)

	// Get one does not compare the attribute with CUSTOMER_ID.
	if r := e.req("GET", subPath(DefaultBankID, b, "attributes/"+aid), nil, admin...); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	// Update through B's URL rewrites the attribute's customer (OBP's provider sets it from the URL).
	if r := e.req("PUT", subPath(DefaultBankID, b, "attributes/"+aid), attributeBody("A", "STRING", "2"), admin...); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if len(e.s.CustomerAttributes(a)) != 0 || len(e.s.CustomerAttributes(b)) != 1 {
		t.Fatal("update should move the attribute to the URL customer")
	}

	// Lists only show attributes stored with the URL bank.
	if !e.s.UpdateCustomerAttribute(aid, func(x *CustomerAttribute) { x.BankID = SecondBankID }) {
		t.Fatal("UpdateCustomerAttribute")
	}
	if r := e.req("GET", subPath(DefaultBankID, b, "attributes"), nil, admin...); r.raw != `{"customer_attributes":[]}` {
		t.Fatalf("list %s", r.raw)
	}
	if r := e.req("GET", customersPath+"/"+b, nil, admin...); !strings.HasSuffix(r.raw, `"customer_attributes":[]}`) {
		t.Fatalf("customer %s", r.raw)
	}
	// GET customer at the second bank (no bank comparison there) lists it.
	r := e.req("GET", v+"/banks/"+SecondBankID+"/customers/"+b, nil, admin...)
	if !strings.HasSuffix(r.raw, `"customer_attributes":[{"customer_attribute_id":"`+aid+`","name":"A","type":"STRING","value":"2"}]}`) {
		t.Fatalf("customer at second bank %s", r.raw)
	}
	// Delete is by id alone, through any bank the caller has the role at.
	if r := e.req("DELETE", attributeDeletePath(aid), nil, admin...); r.status != 204 {
		t.Fatalf("%d", r.status)
	}
	if len(e.s.CustomerAttributes(b)) != 0 {
		t.Fatal("not deleted")
	}
}
