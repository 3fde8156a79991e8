package obp

import (
	"fmt"
	"testing"
	"time"
)

// TestSubResourceSpellings: only the exact OBP spellings are routed.
func TestSubResourceSpellings(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	cases := []struct {
		method, path string
		body         any
	}{
		{"POST", subPath(DefaultBankID, cid, "addresses"), addressBody()},
		{"GET", subPath(DefaultBankID, cid, "address"), nil},
		{"PUT", subPath(DefaultBankID, cid, "address/x"), addressBody()},
		{"POST", subPath(DefaultBankID, cid, "attributes"), attributeBody("A", "STRING", "1")},
		{"DELETE", subPath(DefaultBankID, cid, "attributes/x"), nil},
		{"PUT", subPath(DefaultBankID, cid, "attribute/x"), attributeBody("A", "STRING", "1")},
		{"POST", subPath(DefaultBankID, cid, "tax-residences"), taxBody("DE", "1")},
		{"GET", subPath(DefaultBankID, cid, "tax-residence"), nil},
		{"DELETE", subPath(DefaultBankID, cid, "tax-residences/x"), nil},
		{"DELETE", subPath(DefaultBankID, cid, "tax_residences/x"), nil},
		{"GET", v + "/banks/" + DefaultBankID + "/customers/attributes/x/y", nil},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			expectError(t, e.req(tc.method, tc.path, tc.body, admin...), 404, "OBP-10404")
		})
	}
	// POST/PUT need a JSON content type.
	r := e.req("POST", subPath(DefaultBankID, cid, "address"), addressBody(), append(admin, "Content-Type", "text/plain")...)
	expectError(t, r, 404, "OBP-10404")
	// Malformed JSON is rejected before authentication.
	expectError(t, e.req("POST", subPath(DefaultBankID, cid, "tax-residence"), `{"domain":`), 400, "OBP-10001")
}

// TestSeededAdminHoldsSubResourceRoles: every role these endpoints check is
// a known role of the right scope, and the admin holds the bank ones at both banks.
func TestSeededAdminHoldsSubResourceRoles(t *testing.T) {
	bank := []string{
		roleCreateCustomer, roleCreateCustomerAddress, roleGetCustomerAddress, roleDeleteCustomerAddress,
		roleCreateTaxResidence, roleGetTaxResidence, roleDeleteTaxResidence,
		roleCreateCustomerAttribute, roleUpdateCustomerAttribute, roleGetCustomerAttributes,
		roleGetCustomerAttribute, roleDeleteCustomerAttribute, roleGetCustomer,
	}
	system := []string{
		roleCreateCustomerAttributeAnyBank, roleUpdateCustomerAttributeAnyBank, roleGetCustomerAttributesAnyBank,
		roleGetCustomerAttributeAnyBank, roleDeleteCustomerAttributeAnyBank,
	}
	for _, gen := range []Generation{Gen2024, Gen2026} {
		s := New(Options{Generation: gen})
		admin := s.st.userByName(AdminUsername)
		for _, role := range bank {
			if role = gen.Role(role); !isKnownRole(role) || isSystemRole(role) {
				t.Errorf("%s should be a bank role", role)
			}
			for _, b := range []string{DefaultBankID, SecondBankID} {
				if !s.st.hasRole(admin, b, role) {
					t.Errorf("%s: admin lacks %s at %s", gen, role, b)
				}
			}
		}
	}
	for _, role := range system {
		if !isSystemRole(role) {
			t.Errorf("%s should be a system role", role)
		}
	}
}

func TestCascadeDeletesSubResources(t *testing.T) {
	for _, viaHook := range []bool{false, true} {
		t.Run(fmt.Sprintf("hook=%v", viaHook), func(t *testing.T) {
			e := newEnv(t)
			admin := e.admin()
			gone, kept := e.newCustomerID(admin), e.newCustomerID(admin)
			for _, cid := range []string{gone, kept} {
				e.createAddress(admin, cid, addressBody())
				e.createAttribute(admin, cid, attributeBody("A", "STRING", "1"))
				e.createTaxResidence(admin, cid, taxBody("DE", "1"))
			}
			// An attribute stored with another bank goes too.
			attrs := e.s.CustomerAttributes(gone)
			e.s.UpdateCustomerAttribute(attrs[0].CustomerAttributeID, func(a *CustomerAttribute) { a.BankID = SecondBankID })
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
			if len(e.s.Addresses(gone)) != 0 || len(e.s.CustomerAttributes(gone)) != 0 || len(e.s.TaxResidences(gone)) != 0 {
				t.Fatal("sub-resources of the deleted customer remain")
			}
			if len(e.s.Addresses(kept)) != 1 || len(e.s.CustomerAttributes(kept)) != 1 || len(e.s.TaxResidences(kept)) != 1 {
				t.Fatal("sub-resources of another customer were deleted")
			}
			expectError(t, e.req("GET", subPath(DefaultBankID, gone, "addresses"), nil, admin...), 404, "OBP-30046")
		})
	}
}

func TestSubResourceHooks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	if e.s.Addresses(cid) != nil || e.s.CustomerAttributes(cid) != nil || e.s.TaxResidences(cid) != nil {
		t.Fatal("a new customer has no sub-resources")
	}
	first := e.createAddress(admin, cid, addressBody())["customer_address_id"].(string)
	second := e.createAddress(admin, cid, withField(addressBody(), "line_1", "2nd"))["customer_address_id"].(string)

	// Addresses: creation order, copies.
	got := e.s.Addresses(cid)
	if len(got) != 2 || got[0].CustomerAddressID != first || got[1].CustomerAddressID != second {
		t.Fatalf("Addresses %+v", got)
	}
	got[0].Tags[0] = "changed"
	if e.s.Addresses(cid)[0].Tags[0] != "mailing" {
		t.Fatal("Addresses must return copies")
	}
	// UpdateAddress: visible on the wire; the id cannot change; status stays invisible.
	inserted := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	ok := e.s.UpdateAddress(first, func(a *Address) {
		a.City, a.Status, a.Tags, a.InsertDate, a.CustomerAddressID = "Oob", "hidden", nil, inserted, "hijack"
	})
	if !ok {
		t.Fatal("UpdateAddress")
	}
	list := e.req("GET", subPath(DefaultBankID, cid, "addresses"), nil, admin...).obj(t)["addresses"].([]any)
	a0 := list[0].(map[string]any)
	if a0["customer_address_id"] != first || a0["city"] != "Oob" || a0["status"] != "England" ||
		a0["insert_date"] != "2020-01-02T03:04:05Z" || fmt.Sprint(a0["tags"]) != "[]" {
		t.Fatalf("after UpdateAddress %v", a0)
	}
	if !e.s.DeleteAddress(second) || e.s.DeleteAddress(second) || e.s.UpdateAddress("nope", func(*Address) {}) {
		t.Fatal("DeleteAddress/UpdateAddress return values")
	}
	if n := len(e.s.Addresses(cid)); n != 1 {
		t.Fatalf("%d addresses", n)
	}

	// Customer attributes.
	aid := e.createAttribute(admin, cid, attributeBody("A", "STRING", "1"))["customer_attribute_id"].(string)
	bid := e.createAttribute(admin, cid, attributeBody("B", "STRING", "2"))["customer_attribute_id"].(string)
	if attrs := e.s.CustomerAttributes(cid); len(attrs) != 2 || attrs[0].Name != "A" || attrs[1].Name != "B" {
		t.Fatalf("CustomerAttributes %+v", attrs)
	}
	if !e.s.UpdateCustomerAttribute(aid, func(a *CustomerAttribute) { a.Value, a.Type, a.CustomerAttributeID = "oob", "ANYTHING", "x" }) {
		t.Fatal("UpdateCustomerAttribute")
	}
	r := e.req("GET", subPath(DefaultBankID, cid, "attributes/"+aid), nil, admin...)
	if r.raw != `{"customer_attribute_id":"`+aid+`","name":"A","type":"ANYTHING","value":"oob"}` {
		t.Fatalf("after UpdateCustomerAttribute %s", r.raw)
	}
	if !e.s.DeleteCustomerAttribute(bid) || e.s.DeleteCustomerAttribute(bid) || e.s.UpdateCustomerAttribute("nope", func(*CustomerAttribute) {}) {
		t.Fatal("DeleteCustomerAttribute/UpdateCustomerAttribute return values")
	}
	if n := len(e.s.CustomerAttributes(cid)); n != 1 {
		t.Fatalf("%d attributes", n)
	}

	// Tax residences.
	tid := e.createTaxResidence(admin, cid, taxBody("DE", "1"))["tax_residence_id"].(string)
	e.createTaxResidence(admin, cid, taxBody("FR", "2"))
	if res := e.s.TaxResidences(cid); len(res) != 2 || res[0].TaxResidenceID != tid || res[1].Domain != "FR" {
		t.Fatalf("TaxResidences %+v", res)
	}
	if !e.s.DeleteTaxResidence(tid) || e.s.DeleteTaxResidence(tid) {
		t.Fatal("DeleteTaxResidence return values")
	}
	if r := e.req("GET", subPath(DefaultBankID, cid, "tax-residences"), nil, admin...); len(r.obj(t)["tax_residence"].([]any)) != 1 {
		t.Fatalf("after DeleteTaxResidence %s", r.raw)
	}
}

func TestSubResourceCounters(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cid := e.newCustomerID(admin)
	aid := e.createAddress(admin, cid, addressBody())["customer_address_id"].(string)
	attr := e.createAttribute(admin, cid, attributeBody("A", "STRING", "1"))["customer_attribute_id"].(string)
	tid := e.createTaxResidence(admin, cid, taxBody("DE", "1"))["tax_residence_id"].(string)
	for _, k := range []string{
		"POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/address",
		"POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attribute",
		"POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax-residence",
	} {
		if n := e.s.RequestCount(k); n != 1 {
			t.Errorf("%s: %d", k, n)
		}
	}
	e.s.ResetCounts()
	e.req("GET", subPath(DefaultBankID, cid, "addresses"), nil, admin...)
	e.req("PUT", subPath(DefaultBankID, cid, "addresses/"+aid), addressBody(), admin...)
	e.req("DELETE", subPath(DefaultBankID, cid, "addresses/"+aid), nil, admin...)
	e.req("PUT", subPath(DefaultBankID, cid, "attributes/"+attr), attributeBody("A", "STRING", "2"), admin...)
	e.req("GET", subPath(DefaultBankID, cid, "attributes"), nil, admin...)
	e.req("GET", "/obp/v5.0.0/banks/"+DefaultBankID+"/customers/"+cid+"/attributes/"+attr, nil, admin...)
	e.req("DELETE", attributeDeletePath(attr), nil, admin...)
	e.req("GET", subPath(DefaultBankID, cid, "tax-residences"), nil, admin...)
	e.req("DELETE", subPath(DefaultBankID, cid, "tax_residencies/"+tid), nil, admin...)
	e.req("DELETE", subPath(DefaultBankID, cid, "tax_residencies/"+tid), nil) // a 401 still counts
	want := map[string]int{
		"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses":                             1,
		"PUT /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses/{CUSTOMER_ADDRESS_ID}":       1,
		"DELETE /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses/{CUSTOMER_ADDRESS_ID}":    1,
		"PUT /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes/{CUSTOMER_ATTRIBUTE_ID}":    1,
		"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes":                            1,
		"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes/{CUSTOMER_ATTRIBUTE_ID}":    1,
		"DELETE /banks/{BANK_ID}/customers/attributes/{CUSTOMER_ATTRIBUTE_ID}":               1,
		"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax-residences":                        1,
		"DELETE /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax_residencies/{TAX_RESIDENCE_ID}": 2,
	}
	if got := e.s.RequestCounts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counts\n got %v\nwant %v", got, want)
	}
}
