package obp

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

const customersPath = v + "/banks/" + DefaultBankID + "/customers"

func TestCreateMinimalCustomerExactJSON(t *testing.T) {
	e := newEnv(t)
	r := e.req("POST", customersPath, minimalBody("Ada Example"), e.admin()...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	m := r.obj(t)
	id, number := m["customer_id"].(string), m["customer_number"].(string)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Errorf("customer_id %q is not a UUID", id)
	}
	if !regexp.MustCompile(`^[0-9]+$`).MatchString(number) {
		t.Errorf("customer_number %q is not decimal", number)
	}
	want := `{"bank_id":"demo.bank.01","customer_id":"` + id + `","customer_number":"` + number + `",` +
		`"legal_name":"Ada Example","mobile_phone_number":"+44 7700 900123","email":"",` +
		`"face_image":{"url":"","date":null},"date_of_birth":null,"relationship_status":"","dependants":0,` +
		`"dob_of_dependants":[],"credit_rating":{"rating":"","source":""},"credit_limit":{"currency":"","amount":""},` +
		`"highest_education_attained":"","employment_status":"","kyc_status":false,"last_ok_date":null,` +
		`"title":"","branch_id":"","name_suffix":""}`
	if r.raw != want {
		t.Fatalf("got  %s\nwant %s", r.raw, want)
	}
	get := e.req("GET", customersPath+"/"+id, nil, e.admin()...)
	wantGet := strings.TrimSuffix(want, "}") + `,"customer_attributes":[]}`
	if get.status != 200 || get.raw != wantGet {
		t.Fatalf("GET %d\n got  %s\nwant %s", get.status, get.raw, wantGet)
	}
}

func fullBody() map[string]any {
	return map[string]any{
		"legal_name": "Ada Lovelace", "mobile_phone_number": "+44 1", "customer_number": "C-1",
		"email":         "ada@example.com",
		"face_image":    map[string]any{"url": "https://example.com/a.png", "date": "2020-01-01T00:00:00Z"},
		"date_of_birth": "1990-05-17T00:00:00Z", "relationship_status": "single", "dependants": 2,
		"dob_of_dependants":          []string{"2015-01-02T00:00:00Z", "2017-03-04T00:00:00Z"},
		"credit_rating":              map[string]any{"rating": "A", "source": "Bureau"},
		"credit_limit":               map[string]any{"currency": "EUR", "amount": "1000"},
		"highest_education_attained": "MSc", "employment_status": "employed", "kyc_status": true,
		"last_ok_date": "2021-06-07T08:09:10Z", "title": "Dr", "branch_id": "branch-1", "name_suffix": "Jr",
	}
}

func TestCreateFullCustomer(t *testing.T) {
	e := newEnv(t)
	m := e.createCustomer(e.admin(), fullBody())
	for k, want := range fullBody() {
		got, _ := json.Marshal(m[k])
		exp, _ := json.Marshal(want)
		if string(got) != string(exp) {
			t.Errorf("%s: got %s want %s", k, got, exp)
		}
	}
	stored, ok := e.s.Customer(m["customer_id"].(string))
	if !ok || stored.DateOfBirth == nil || stored.DateOfBirth.Format(dayLayout) != "1990-05-17" || !stored.KycStatus {
		t.Fatalf("stored %+v", stored)
	}
}

func TestCreateCustomerLenientInput(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{
		"legal_name": 42, "mobile_phone_number": true, "customer_number": 777,
		"date_of_birth": "1990-05-17", "kyc_status": "yes", "email": map[string]any{"x": 1},
		"credit_limit": map[string]any{"currency": "EUR"}, "last_ok_date": 5, "title": 1.5,
	}
	m := e.createCustomer(e.admin(), body)
	checks := map[string]any{
		"legal_name": "42", "mobile_phone_number": "true", "customer_number": "777",
		"date_of_birth": nil, "kyc_status": false, "email": "", "last_ok_date": nil, "title": "1.5",
		"credit_limit": map[string]any{"currency": "", "amount": ""},
	}
	for k, want := range checks {
		got, _ := json.Marshal(m[k])
		exp, _ := json.Marshal(want)
		if string(got) != string(exp) {
			t.Errorf("%s: got %s want %s", k, got, exp)
		}
	}
}

func TestCreateCustomerErrors(t *testing.T) {
	e := newEnv(t)
	admin, viewer := e.admin(), e.viewer()
	e.createCustomer(admin, map[string]any{"legal_name": "A", "mobile_phone_number": "1", "customer_number": "dup"})
	with := func(k string, val any) map[string]any {
		b := minimalBody("X")
		b[k] = val
		return b
	}
	cases := []struct {
		name    string
		path    string
		body    any
		headers []string
		status  int
		prefix  string
	}{
		{"not logged in", customersPath, minimalBody("X"), nil, 401, "OBP-20001: User not logged in. Authentication is required!"},
		{"bad branch_id shape before bank check", v + "/banks/no.such.bank/customers", with("branch_id", "bad branch!"), admin, 400,
			"OBP-10001: Incorrect json format. Here are all invalid values: bad branch!"},
		{"unknown bank", v + "/banks/no.such.bank/customers", minimalBody("X"), admin, 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is no.such.bank"},
		{"missing role", customersPath, minimalBody("X"), viewer, 403,
			"OBP-20006: User is missing one or more roles: CanCreateCustomer or CanCreateCustomerAtAnyBank for BankId(demo.bank.01)."},
		{"missing role before missing field", customersPath, map[string]any{}, viewer, 403, "OBP-20006"},
		{"missing legal_name", customersPath, map[string]any{"mobile_phone_number": "1"}, admin, 400,
			"OBP-10001: Incorrect json format. The Json body should be the PostCustomerJsonV500. Missing or invalid field: legal_name"},
		{"missing mobile", customersPath, map[string]any{"legal_name": "x"}, admin, 400, "OBP-10001: Incorrect json format."},
		{"null legal_name", customersPath, map[string]any{"legal_name": nil, "mobile_phone_number": "1"}, admin, 400, "OBP-10001"},
		{"body is an array", customersPath, `[]`, admin, 400, "OBP-10001"},
		{"dependants mismatch", customersPath, with("dependants", 2), admin, 400,
			"OBP-10020: Incorrect json. The field dependants(2) not equal the length(0) of dob_of_dependants array"},
		{"dob_of_dependants without dependants", customersPath, with("dob_of_dependants", []string{"2015-01-02T00:00:00Z"}), admin, 400,
			"OBP-10020: Incorrect json. The field dependants(0) not equal the length(1) of dob_of_dependants array"},
		{"number with ::::", customersPath, with("customer_number", "a::::b"), admin, 400,
			"OBP-10001: Incorrect json format. customer_number can not contain `::::` characters"},
		{"duplicate number", customersPath, with("customer_number", "dup"), admin, 400, "OBP-30051: Cannot create Customer"},
		{"relationship_status too long", customersPath, with("relationship_status", strings.Repeat("x", 17)), admin, 400, msgCreateCustomerError},
		{"employment_status too long", customersPath, with("employment_status", strings.Repeat("x", 33)), admin, 400, msgCreateCustomerError},
		{"number too long", customersPath, with("customer_number", strings.Repeat("1", 51)), admin, 400, msgCreateCustomerError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, e.req("POST", tc.path, tc.body, tc.headers...), tc.status, tc.prefix)
		})
	}
	if n := len(e.s.Customers(DefaultBankID)); n != 1 {
		t.Fatalf("failed creates stored customers: %d", n)
	}
}

func TestCreateCustomerSameNumberOtherBank(t *testing.T) {
	e := newEnv(t)
	h := e.admin()
	body := map[string]any{"legal_name": "A", "mobile_phone_number": "1", "customer_number": "n1"}
	e.createCustomer(h, body)
	if r := e.req("POST", v+"/banks/"+SecondBankID+"/customers", body, h...); r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
}

func TestContentTypeAndMalformedJSON(t *testing.T) {
	e := newEnv(t)
	h := e.admin()
	r := e.req("POST", customersPath, minimalBody("x"), append(h, "Content-Type", "text/plain")...)
	expectError(t, r, 404, "OBP-10404: 404 Not Found. The server could not find the requested URI.")
	r = e.req("PUT", customersPath+"/x/email", map[string]any{"email": "a"}, append(h, "Content-Type", "")...)
	expectError(t, r, 404, "OBP-10404")
	// Malformed JSON is rejected before authentication.
	expectError(t, e.req("POST", customersPath, `{"legal_name":`), 400, "OBP-10001: Incorrect json format.")
	expectError(t, e.req("PUT", customersPath+"/x/email", `nope`), 400, "OBP-10001")
	// application/json with charset still matches.
	r = e.req("POST", customersPath, minimalBody("x"), append(h, "Content-Type", "application/json; charset=utf-8")...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
}

func TestGetCustomer(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	cases := []struct {
		name    string
		path    string
		headers []string
		status  int
		msg     string
	}{
		{"not logged in", customersPath + "/" + id, nil, 401, msgUserNotLoggedIn},
		{"unknown bank", v + "/banks/nope/customers/" + id, admin, 404,
			"OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope"},
		{"missing role", customersPath + "/" + id, e.viewer(), 403,
			"OBP-20006: User is missing one or more roles: CanGetCustomer at Bank(demo.bank.01)"},
		{"unknown customer", customersPath + "/nope", admin, 404,
			"OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(nope)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectExact(t, e.req("GET", tc.path, nil, tc.headers...), tc.status, tc.msg)
		})
	}
	// The customer's own bank is not compared with BANK_ID.
	r := e.req("GET", v+"/banks/"+SecondBankID+"/customers/"+id, nil, admin...)
	if r.status != 200 || r.obj(t)["bank_id"] != DefaultBankID {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	// v5.0.0 prefix serves the same handler.
	if r := e.req("GET", "/obp/v5.0.0/banks/"+DefaultBankID+"/customers/"+id, nil, admin...); r.status != 200 {
		t.Fatalf("v5.0.0: %d", r.status)
	}
}

func TestGetCustomerByNumber(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	e.createCustomer(admin, map[string]any{"legal_name": "A", "mobile_phone_number": "1", "customer_number": "12345"})
	path := customersPath + "/customer-number"
	r := e.req("POST", path, map[string]any{"customer_number": 12345}, admin...)
	if r.status != 200 || r.obj(t)["legal_name"] != "A" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	if _, ok := r.obj(t)["customer_attributes"]; !ok {
		t.Fatal("customer_attributes missing")
	}
	expectExact(t, e.req("POST", path, map[string]any{"customer_number": "0"}, admin...), 404, msgCustomerNotFound)
	expectError(t, e.req("POST", path, map[string]any{}, admin...), 400, "OBP-10001")
	expectExact(t, e.req("POST", path, map[string]any{}, e.viewer()...), 403,
		"OBP-20006: User is missing one or more roles: CanGetCustomer at Bank(demo.bank.01)")
	expectExact(t, e.req("POST", v+"/banks/"+SecondBankID+"/customers/customer-number",
		map[string]any{"customer_number": "12345"}, admin...), 404, msgCustomerNotFound)
}

func TestDeleteCustomerCascade(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	path := v + "/management/cascading/banks/" + DefaultBankID + "/customers/" + id
	expectExact(t, e.req("DELETE", path, nil), 401, msgUserNotLoggedIn)
	expectExact(t, e.req("DELETE", path, nil, e.viewer()...), 403,
		"OBP-20006: User is missing one or more roles: CanDeleteCustomerCascade for BankId(demo.bank.01).")
	expectError(t, e.req("DELETE", v+"/management/cascading/banks/nope/customers/"+id, nil, admin...), 404, "OBP-30001")
	r := e.req("DELETE", path, nil, admin...)
	if r.status != 200 || r.raw != "true" {
		t.Fatalf("%d %q", r.status, r.raw)
	}
	expectExact(t, e.req("DELETE", path, nil, admin...), 404,
		"OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId("+id+")")
	expectError(t, e.req("GET", customersPath+"/"+id, nil, admin...), 404, "OBP-30046")
}
