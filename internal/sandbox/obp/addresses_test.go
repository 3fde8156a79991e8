package obp

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func addressBody() map[string]any {
	return map[string]any{
		"line_1": "1 Example Street", "line_2": "Flat 2", "line_3": "", "city": "London", "county": "Greater London",
		"state": "England", "postcode": "SW1A 1AA", "country_code": "GB", "tags": []string{"mailing", "home"}, "status": "active",
	}
}

func withField(body map[string]any, k string, val any) map[string]any {
	out := map[string]any{}
	for k2, v2 := range body {
		out[k2] = v2
	}
	out[k] = val
	return out
}

func withoutField(body map[string]any, k string) map[string]any {
	out := withField(body, k, nil)
	delete(out, k)
	return out
}

// subPath is /obp/v5.1.0/banks/{bank}/customers/{id}/{suffix}.
func subPath(bankID, customerID, suffix string) string {
	return v + "/banks/" + bankID + "/customers/" + customerID + "/" + suffix
}

func (e *env) newCustomerID(h []string) string {
	e.t.Helper()
	return e.createCustomer(h, minimalBody("Sub Resource"))["customer_id"].(string)
}

func (e *env) createAddress(h []string, customerID string, body any) map[string]any {
	e.t.Helper()
	r := e.req("POST", subPath(DefaultBankID, customerID, "address"), body, h...)
	if r.status != 201 {
		e.t.Fatalf("create address: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

func TestAddressLifecycle(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	before := time.Now().UTC().Truncate(time.Second)
	r := e.req("POST", subPath(DefaultBankID, cid, "address"), addressBody(), admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	id := m["customer_address_id"].(string)
	want := `{"customer_address_id":"` + id + `","customer_id":"` + cid + `","line_1":"1 Example Street","line_2":"Flat 2",` +
		`"line_3":"","city":"London","county":"Greater London","state":"England","postcode":"SW1A 1AA","country_code":"GB",` +
		`"tags":["mailing","home"],"status":"England","insert_date":"` + m["insert_date"].(string) + `"}`
	if r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(m["insert_date"].(string)) {
		t.Errorf("insert_date %q", m["insert_date"])
	}
	stored := e.s.Addresses(cid)
	if len(stored) != 1 || stored[0].Status != "active" || stored[0].InsertDate.Before(before) ||
		stored[0].InsertDate.Format(timestampLayout) != m["insert_date"] {
		t.Fatalf("stored %+v", stored)
	}

	list := e.req("GET", subPath(DefaultBankID, cid, "addresses"), nil, admin...)
	if list.status != 200 || list.raw != `{"addresses":[`+want+`]}` {
		t.Fatalf("list %d %s", list.status, list.raw)
	}

	// Update needs CanCreateCustomer (not an address role).
	viewer := e.viewer()
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleCreateCustomer)
	upd := withField(addressBody(), "city", "Leeds")
	upd["status"] = "ignored"
	r = e.req("PUT", subPath(DefaultBankID, cid, "addresses/"+id), upd, viewer...)
	if r.status != 200 {
		t.Fatalf("update %d %s", r.status, r.raw)
	}
	if u := r.obj(t); u["city"] != "Leeds" || u["status"] != "England" || u["customer_address_id"] != id ||
		u["insert_date"] != m["insert_date"] {
		t.Fatalf("update %s", r.raw)
	}
	if a := e.s.Addresses(cid); a[0].City != "Leeds" || a[0].Status != "ignored" {
		t.Fatalf("stored after update %+v", a)
	}

	del := e.req("DELETE", subPath(DefaultBankID, cid, "addresses/"+id), nil, admin...)
	if del.status != 200 || del.raw != "true" {
		t.Fatalf("delete %d %q", del.status, del.raw)
	}
	if list := e.req("GET", subPath(DefaultBankID, cid, "addresses"), nil, admin...); list.raw != `{"addresses":[]}` {
		t.Fatalf("list after delete %s", list.raw)
	}
	expectExact(t, e.req("DELETE", subPath(DefaultBankID, cid, "addresses/"+id), nil, admin...), 400,
		"OBP-50200: Connector cannot return the data we requested. <- OBP-30310: Customer's Address not found by CUSTOMER_ADDRESS_ID. ")
}

func TestAddressErrors(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	cid := e.newCustomerID(admin)
	aid := e.createAddress(admin, cid, addressBody())["customer_address_id"].(string)
	notFoundCustomer := "OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)"
	addressNotFound := "OBP-50200: Connector cannot return the data we requested. <- OBP-30310: Customer's Address not found by CUSTOMER_ADDRESS_ID. "
	createFailed := "OBP-50200: Connector cannot return the data we requested. <- OBP-50000: Unknown Error. Cannot create the Customer Address"
	updateFailed := "OBP-50200: Connector cannot return the data we requested. <- OBP-50000: Unknown Error. Cannot update the Customer Address"
	type op struct {
		method, suffix, role string
		body                 bool
	}
	ops := []op{
		{"POST", "address", "CanCreateCustomerAddress", true},
		{"GET", "addresses", "CanGetCustomerAddress", false},
		{"PUT", "addresses/" + aid, "CanCreateCustomer", true},
		{"DELETE", "addresses/" + aid, "CanDeleteCustomerAddress", false},
	}
	for _, o := range ops {
		t.Run(o.method+" "+o.suffix, func(t *testing.T) {
			var body any
			if o.body {
				body = addressBody()
			}
			expectExact(t, e.req(o.method, subPath(DefaultBankID, cid, o.suffix), body), 401, msgUserNotLoggedIn)
			expectExact(t, e.req(o.method, subPath("nope", cid, o.suffix), body, admin...), 404,
				"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
			expectExact(t, e.req(o.method, subPath(DefaultBankID, cid, o.suffix), body, viewer...), 403,
				"OBP-20006: User is missing one or more roles: "+o.role+" at Bank(demo.bank.01)")
			if o.body { // role before body, body before customer
				expectError(t, e.req(o.method, subPath(DefaultBankID, cid, o.suffix), map[string]any{}, viewer...), 403, "OBP-20006")
				expectError(t, e.req(o.method, subPath(DefaultBankID, "nope", o.suffix), map[string]any{}, admin...), 400,
					"OBP-10001: Incorrect json format. The Json body should be the PostCustomerAddressJsonV310. Missing or invalid field: ")
			}
			expectExact(t, e.req(o.method, subPath(DefaultBankID, "nope", o.suffix), body, admin...), 404, notFoundCustomer)
		})
	}
	cases := []struct {
		name, method, suffix string
		body                 any
		status               int
		prefix               string
	}{
		{"update unknown address", "PUT", "addresses/nope", addressBody(), 400, addressNotFound},
		{"delete unknown address", "DELETE", "addresses/nope", nil, 400, addressNotFound},
		{"tags not a list", "POST", "address", withField(addressBody(), "tags", "home"), 400, "OBP-10001"},
		{"tags null", "POST", "address", withField(addressBody(), "tags", nil), 400, "OBP-10001"},
		{"tag object", "POST", "address", withField(addressBody(), "tags", []any{map[string]any{}}), 400, "OBP-10001"},
		{"tags joined over 20", "POST", "address", withField(addressBody(), "tags", []string{"mailing", "home", "holidays"}), 400, createFailed},
		{"country_code 3", "POST", "address", withField(addressBody(), "country_code", "GBR"), 400, createFailed},
		{"postcode 21", "POST", "address", withField(addressBody(), "postcode", strings.Repeat("9", 21)), 400, createFailed},
		{"line_1 256", "POST", "address", withField(addressBody(), "line_1", strings.Repeat("x", 256)), 400, createFailed},
		{"state 256", "POST", "address", withField(addressBody(), "state", strings.Repeat("x", 256)), 400, createFailed},
		{"update overflow", "PUT", "addresses/" + aid, withField(addressBody(), "county", strings.Repeat("x", 256)), 400, updateFailed},
		{"update tags overflow", "PUT", "addresses/" + aid, withField(addressBody(), "tags", []string{strings.Repeat("t", 21)}), 400, updateFailed},
	}
	for _, f := range []string{"line_1", "line_2", "line_3", "city", "county", "state", "postcode", "country_code", "tags", "status"} {
		cases = append(cases, struct {
			name, method, suffix string
			body                 any
			status               int
			prefix               string
		}{"missing " + f, "POST", "address", withoutField(addressBody(), f), 400,
			"OBP-10001: Incorrect json format. The Json body should be the PostCustomerAddressJsonV310. Missing or invalid field: " + f})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req(tc.method, subPath(DefaultBankID, cid, tc.suffix), tc.body, admin...), tc.status, tc.prefix)
		})
	}
	if a := e.s.Addresses(cid); len(a) != 1 || a[0].County != "Greater London" || strings.Join(a[0].Tags, ",") != "mailing,home" {
		t.Fatalf("failed requests changed the store: %+v", a)
	}
}

func TestAddressQuirks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid, other := e.newCustomerID(admin), e.newCustomerID(admin)
	cases := []struct {
		name string
		tags any
		want []any
	}{
		{"empty list comes back as one empty tag", []string{}, []any{""}},
		{"commas split into more tags", []string{"a,b", "c"}, []any{"a", "b", "c"}},
		{"scalars are stringified", []any{1, true}, []any{"1", "true"}},
		{"exactly 20 characters fit", []string{"0123456789", "012345678"}, []any{"0123456789", "012345678"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := e.createAddress(admin, cid, withField(addressBody(), "tags", tc.tags))
			got, _ := m["tags"].([]any)
			if len(got) != len(tc.want) {
				t.Fatalf("tags %v, want %v", m["tags"], tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("tags %v, want %v", m["tags"], tc.want)
				}
			}
		})
	}
	if n := len(e.s.Addresses(cid)); n != len(cases) {
		t.Fatalf("%d addresses", n)
	}
	if a := e.s.Addresses(cid)[0]; len(a.Tags) != 1 || a.Tags[0] != "" {
		t.Fatalf("stored tags %#v", a.Tags)
	}

	// Lenient scalars for string fields.
	m := e.createAddress(admin, cid, withField(addressBody(), "postcode", 12345))
	if m["postcode"] != "12345" {
		t.Fatalf("postcode %v", m["postcode"])
	}

	// The address id is not checked against CUSTOMER_ID: update and delete
	// through another (existing) customer's URL work and keep the owner.
	aid := m["customer_address_id"].(string)
	r := e.req("PUT", subPath(DefaultBankID, other, "addresses/"+aid), withField(addressBody(), "city", "York"), admin...)
	if r.status != 200 || r.obj(t)["customer_id"] != cid || r.obj(t)["city"] != "York" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	// Nor against BANK_ID (v3.1.0 handlers never compare the customer's bank).
	if r := e.req("GET", subPath(SecondBankID, cid, "addresses"), nil, admin...); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if r := e.req("DELETE", subPath(DefaultBankID, other, "addresses/"+aid), nil, admin...); r.status != 200 || r.raw != "true" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if len(e.s.Addresses(other)) != 0 || len(e.s.Addresses(cid)) != len(cases) {
		t.Fatal("delete through another customer's URL")
	}
}
