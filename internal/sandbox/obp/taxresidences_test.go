package obp

import "testing"

func taxBody(domain, number string) map[string]any {
	return map[string]any{"domain": domain, "tax_number": number}
}

func (e *env) createTaxResidence(h []string, customerID string, body any) map[string]any {
	e.t.Helper()
	r := e.req("POST", subPath(DefaultBankID, customerID, "tax-residence"), body, h...)
	if r.status != 201 {
		e.t.Fatalf("create tax residence: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

func TestTaxResidenceLifecycle(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	r := e.req("POST", subPath(DefaultBankID, cid, "tax-residence"), taxBody("DE", "12/345/67890"), admin...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	id := r.obj(t)["tax_residence_id"].(string)
	want := `{"domain":"DE","tax_number":"12/345/67890","tax_residence_id":"` + id + `"}`
	if r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	if got := e.s.TaxResidences(cid); len(got) != 1 ||
		got[0] != (TaxResidence{TaxResidenceID: id, CustomerID: cid, Domain: "DE", TaxNumber: "12/345/67890"}) {
		t.Fatalf("stored %+v", got)
	}
	second := e.createTaxResidence(admin, cid, taxBody("DE", "99"))["tax_residence_id"].(string)
	list := e.req("GET", subPath(DefaultBankID, cid, "tax-residences"), nil, admin...)
	wantList := `{"tax_residence":[` + want + `,{"domain":"DE","tax_number":"99","tax_residence_id":"` + second + `"}]}`
	if list.status != 200 || list.raw != wantList {
		t.Fatalf("list %d %s", list.status, list.raw)
	}
	del := e.req("DELETE", subPath(DefaultBankID, cid, "tax_residencies/"+id), nil, admin...)
	if del.status != 200 || del.raw != "true" {
		t.Fatalf("delete %d %q", del.status, del.raw)
	}
	expectExact(t, e.req("DELETE", subPath(DefaultBankID, cid, "tax_residencies/"+id), nil, admin...), 400,
		"OBP-50200: Connector cannot return the data we requested. <- OBP-30300: Tax Residence not found by TAX_RESIDENCE_ID. ")
	// After deleting, the same pair can be created again.
	e.createTaxResidence(admin, cid, taxBody("DE", "12/345/67890"))
	if n := len(e.s.TaxResidences(cid)); n != 2 {
		t.Fatalf("%d residences", n)
	}
}

func TestTaxResidenceErrors(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	cid, other := e.newCustomerID(admin), e.newCustomerID(admin)
	tid := e.createTaxResidence(admin, cid, taxBody("DE", "1"))["tax_residence_id"].(string)
	notFoundCustomer := "OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)"
	ops := []struct {
		method, suffix, role string
		body                 any
	}{
		{"POST", "tax-residence", "CanCreateTaxResidence", taxBody("FR", "2")},
		{"GET", "tax-residences", "CanGetTaxResidence", nil},
		{"DELETE", "tax_residencies/" + tid, "CanDeleteTaxResidence", nil},
	}
	for _, o := range ops {
		t.Run(o.method, func(t *testing.T) {
			expectExact(t, e.req(o.method, subPath(DefaultBankID, cid, o.suffix), o.body), 401, msgUserNotLoggedIn)
			expectExact(t, e.req(o.method, subPath("nope", cid, o.suffix), o.body, admin...), 404,
				"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
			expectExact(t, e.req(o.method, subPath(DefaultBankID, cid, o.suffix), o.body, viewer...), 403,
				"OBP-20006: User is missing one or more roles: "+o.role+" at Bank(demo.bank.01)")
			expectExact(t, e.req(o.method, subPath(DefaultBankID, "nope", o.suffix), o.body, admin...), 404, notFoundCustomer)
		})
	}
	dup := "OBP-50200: Connector cannot return the data we requested. <- OBP-50000: Unknown Error. Cannot create the Tax Residence"
	cases := []struct {
		name, method, path string
		body               any
		status             int
		prefix             string
	}{
		{"missing domain", "POST", subPath(DefaultBankID, cid, "tax-residence"), map[string]any{"tax_number": "1"}, 400,
			"OBP-10001: Incorrect json format. The Json body should be the PostTaxResidenceJsonV310. Missing or invalid field: domain"},
		{"missing tax_number", "POST", subPath(DefaultBankID, cid, "tax-residence"), map[string]any{"domain": "DE"}, 400,
			"OBP-10001: Incorrect json format. The Json body should be the PostTaxResidenceJsonV310. Missing or invalid field: tax_number"},
		{"role before body", "POST", subPath(DefaultBankID, cid, "tax-residence"), map[string]any{}, 403, "OBP-20006"},
		{"body before customer", "POST", subPath(DefaultBankID, "nope", "tax-residence"), map[string]any{}, 400, "OBP-10001"},
		{"duplicate", "POST", subPath(DefaultBankID, cid, "tax-residence"), taxBody("DE", "1"), 400, dup},
		{"unknown id", "DELETE", subPath(DefaultBankID, cid, "tax_residencies/nope"), nil, 400,
			"OBP-50200: Connector cannot return the data we requested. <- OBP-30300: Tax Residence not found by TAX_RESIDENCE_ID. "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := admin
			if tc.status == 403 {
				h = viewer
			}
			expectError(t, e.req(tc.method, tc.path, tc.body, h...), tc.status, tc.prefix)
		})
	}
	// Uniqueness is per customer; lenient scalars.
	if m := e.createTaxResidence(admin, other, map[string]any{"domain": "DE", "tax_number": 1}); m["tax_number"] != "1" {
		t.Fatalf("%v", m)
	}
	// The residence is not checked against CUSTOMER_ID.
	if r := e.req("DELETE", subPath(DefaultBankID, other, "tax_residencies/"+tid), nil, admin...); r.status != 200 || r.raw != "true" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if len(e.s.TaxResidences(cid)) != 0 || len(e.s.TaxResidences(other)) != 1 {
		t.Fatal("delete through another customer's URL")
	}
}
