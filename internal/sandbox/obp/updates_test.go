package obp

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCustomerUpdates(t *testing.T) {
	cases := []struct {
		suffix string
		body   map[string]any
		role   string
		want   map[string]any // expected response fields
	}{
		{"email", map[string]any{"email": "ada@example.com"}, roleUpdateCustomerEmail,
			map[string]any{"email": "ada@example.com"}},
		{"mobile-number", map[string]any{"mobile_phone_number": "+44 7700 900124"}, roleUpdateCustomerMobile,
			map[string]any{"mobile_phone_number": "+44 7700 900124"}},
		{"number", map[string]any{"customer_number": "55501"}, roleUpdateCustomerNumber,
			map[string]any{"customer_number": "55501"}},
		{"identity", map[string]any{"legal_name": "Ada L", "date_of_birth": "1990-05-17T00:00:00Z", "title": "Dr", "name_suffix": ""},
			roleUpdateCustomerIdentity,
			map[string]any{"legal_name": "Ada L", "date_of_birth": "1990-05-17T00:00:00Z", "title": "Dr", "name_suffix": ""}},
		{"credit-limit", map[string]any{"credit_limit": map[string]any{"currency": "EUR", "amount": "5000"}}, roleUpdateCustomerCreditLimit,
			map[string]any{"credit_limit": map[string]any{"currency": "EUR", "amount": "5000"}}},
		{"credit-rating-and-source", map[string]any{"credit_rating": "A", "credit_source": "Bureau X"}, roleUpdateCustomerCreditRating,
			map[string]any{"credit_rating": map[string]any{"rating": "A", "source": "Bureau X"}}},
		{"branch", map[string]any{"branch_id": "branch 7 (no id shape check)"}, roleUpdateCustomerBranch,
			map[string]any{"branch_id": "branch 7 (no id shape check)"}},
		{"data", map[string]any{"face_image": map[string]any{"url": "u", "date": "2020-01-01T00:00:00Z"},
			"relationship_status": "single", "dependants": 1, "highest_education_attained": "MSc", "employment_status": "employed"},
			roleUpdateCustomerData,
			map[string]any{"face_image": map[string]any{"url": "u", "date": "2020-01-01T00:00:00Z"}, "relationship_status": "single",
				"dependants": 1, "dob_of_dependants": []any{}, "highest_education_attained": "MSc", "employment_status": "employed"}},
	}
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	id := e.createCustomer(admin, minimalBody("Ada"))["customer_id"].(string)
	for _, tc := range cases {
		t.Run(tc.suffix, func(t *testing.T) {
			path := customersPath + "/" + id + "/" + tc.suffix
			expectExact(t, e.req("PUT", path, tc.body), 401, msgUserNotLoggedIn)
			expectError(t, e.req("PUT", v+"/banks/nope/customers/"+id+"/"+tc.suffix, tc.body, admin...), 404, "OBP-30001")
			r := e.req("PUT", path, tc.body, viewer...)
			expectError(t, r, 403, "OBP-20006: User is missing one or more roles: "+tc.role)
			expectError(t, e.req("PUT", path, map[string]any{}, admin...), 400, "OBP-10001: Incorrect json format.")
			for k := range tc.body { // every field is required
				partial := map[string]any{}
				for k2, v2 := range tc.body {
					if k2 != k {
						partial[k2] = v2
					}
				}
				expectError(t, e.req("PUT", path, partial, admin...), 400, "OBP-10001")
			}
			expectExact(t, e.req("PUT", customersPath+"/nope/"+tc.suffix, tc.body, admin...), 404,
				"OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)")
			r = e.req("PUT", path, tc.body, admin...)
			if r.status != 200 {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			m := r.obj(t)
			for k, want := range tc.want {
				got, _ := json.Marshal(m[k])
				exp, _ := json.Marshal(want)
				if string(got) != string(exp) {
					t.Errorf("%s: got %s want %s", k, got, exp)
				}
			}
			if _, ok := m["customer_attributes"]; ok {
				t.Error("PUT responses are CustomerJsonV310 without attributes")
			}
			get := e.req("GET", customersPath+"/"+id, nil, admin...)
			if !strings.HasPrefix(get.raw, strings.TrimSuffix(r.raw, "}")) {
				t.Errorf("GET does not reflect the update:\n%s\n%s", get.raw, r.raw)
			}
		})
	}
}

func TestUpdateRoleMessages(t *testing.T) {
	e := newEnv(t)
	id := e.createCustomer(e.admin(), minimalBody("Ada"))["customer_id"].(string)
	viewer := e.viewer()
	expectExact(t, e.req("PUT", customersPath+"/"+id+"/branch", map[string]any{"branch_id": "b"}, viewer...), 403,
		"OBP-20006: User is missing one or more roles: CanUpdateCustomerBranch at Bank(demo.bank.01)")
	expectExact(t, e.req("PUT", customersPath+"/"+id+"/credit-rating-and-source",
		map[string]any{"credit_rating": "A", "credit_source": "B"}, viewer...), 403,
		"OBP-20006: User is missing one or more roles: CanUpdateCustomerCreditRatingAndSource or CanUpdateCustomerCreditRatingAndSourceAtAnyBank for BankId(demo.bank.01).")
	// The AtAnyBank system role is accepted.
	e.s.GrantRole(NoRoleUsername, "", roleUpdateCustomerCreditRatingAnyBank)
	r := e.req("PUT", customersPath+"/"+id+"/credit-rating-and-source", map[string]any{"credit_rating": "A", "credit_source": "B"}, viewer...)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	// CanUpdateCustomerIdentity does not allow /data (the docs are wrong, the code checks CanUpdateCustomerData).
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleUpdateCustomerIdentity)
	dataBody := map[string]any{"face_image": map[string]any{"url": "u", "date": "2020-01-01T00:00:00Z"},
		"relationship_status": "s", "dependants": 0, "highest_education_attained": "", "employment_status": ""}
	expectError(t, e.req("PUT", customersPath+"/"+id+"/data", dataBody, viewer...), 403, "OBP-20006: User is missing one or more roles: CanUpdateCustomerData")
}

func TestUpdateNumber(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	a := e.createCustomer(admin, map[string]any{"legal_name": "A", "mobile_phone_number": "1", "customer_number": "111"})["customer_id"].(string)
	e.createCustomer(admin, map[string]any{"legal_name": "B", "mobile_phone_number": "1", "customer_number": "222"})
	path := customersPath + "/" + a + "/number"
	for _, number := range []string{"111", "222"} {
		expectExact(t, e.req("PUT", path, map[string]any{"customer_number": number}, admin...), 400,
			"OBP-30006: Customer Number already exists. Please specify a different value for BANK_ID or CUSTOMER_NUMBER. Current customer_number("+
				number+") and Current bank_id(demo.bank.01)")
	}
	if r := e.req("PUT", path, map[string]any{"customer_number": "333"}, admin...); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if c, _ := e.s.Customer(a); c.CustomerNumber != "333" {
		t.Fatalf("number %q", c.CustomerNumber)
	}
	expectExact(t, e.req("PUT", path, map[string]any{"customer_number": strings.Repeat("9", 51)}, admin...), 400, msgUpdateCustomerError)
}

func TestUpdateStorageLimitsAndDataKeepsDobs(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	m := e.createCustomer(admin, fullBody())
	id := m["customer_id"].(string)
	data := map[string]any{"face_image": map[string]any{"url": "u", "date": "2020-01-01T00:00:00Z"},
		"relationship_status": strings.Repeat("x", 17), "dependants": 5, "highest_education_attained": "", "employment_status": ""}
	expectExact(t, e.req("PUT", customersPath+"/"+id+"/data", data, admin...), 400, "OBP-30058: Cannot update the Customer")
	if c, _ := e.s.Customer(id); c.RelationshipStatus != "single" {
		t.Fatalf("failed update changed the customer: %q", c.RelationshipStatus)
	}
	data["relationship_status"] = "married"
	r := e.req("PUT", customersPath+"/"+id+"/data", data, admin...)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	out := r.obj(t)
	if out["dependants"] != float64(5) || len(out["dob_of_dependants"].([]any)) != 2 {
		t.Fatalf("dependants/dobs: %v %v", out["dependants"], out["dob_of_dependants"])
	}
	expectExact(t, e.req("PUT", customersPath+"/"+id+"/email", map[string]any{"email": strings.Repeat("e", 201)}, admin...), 400, msgUpdateCustomerError)
	expectError(t, e.req("PUT", customersPath+"/"+id+"/identity",
		map[string]any{"legal_name": "x", "date_of_birth": "1990-05-17", "title": "", "name_suffix": ""}, admin...), 400, "OBP-10001")
}
