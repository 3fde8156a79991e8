package obp

import (
	"strings"
	"testing"
)

const v6 = "/obp/v6.0.0"

func TestV600CreateMinimalCustomerExactJSON(t *testing.T) {
	for _, gen := range []Generation{Gen2024, Gen2026} {
		t.Run(string(gen), func(t *testing.T) {
			s := New(Options{Generation: gen})
			e := &env{t: t, s: s, ts: newTestServer(t, s)}
			r := e.req("POST", v6+"/banks/"+DefaultBankID+"/customers", minimalBody("Ada Example"), e.admin()...)
			if r.status != 201 {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			m := r.obj(t)
			id, number := m["customer_id"].(string), m["customer_number"].(string)
			want := `{"bank_id":"demo.bank.01","customer_id":"` + id + `","customer_number":"` + number + `",` +
				`"legal_name":"Ada Example","mobile_phone_number":"+44 7700 900123","email":"",` +
				`"face_image":{"url":"","date":null},"date_of_birth":"","relationship_status":"","dependants":0,` +
				`"dob_of_dependants":[],"credit_rating":{"rating":"","source":""},"credit_limit":{"currency":"","amount":""},` +
				`"highest_education_attained":"","employment_status":"","kyc_status":false,"last_ok_date":null,` +
				`"title":"","branch_id":"","name_suffix":"","customer_type":"INDIVIDUAL","parent_customer_id":""}`
			if r.raw != want {
				t.Fatalf("got  %s\nwant %s", r.raw, want)
			}
			get := e.req("GET", v6+"/banks/"+DefaultBankID+"/customers/"+id, nil, e.admin()...)
			if wantGet := strings.TrimSuffix(want, "}") + `,"customer_attributes":[]}`; get.status != 200 || get.raw != wantGet {
				t.Fatalf("GET %d\n got  %s\nwant %s", get.status, get.raw, wantGet)
			}
			// The same customer read through v5.1.0 has no type keys and a null date.
			old := e.req("GET", v+"/banks/"+DefaultBankID+"/customers/"+id, nil, e.admin()...)
			if strings.Contains(old.raw, "customer_type") || !strings.Contains(old.raw, `"date_of_birth":null`) {
				t.Fatalf("v5.1.0 GET: %s", old.raw)
			}
		})
	}
}

func TestV600CreateCustomerDaysAndTypes(t *testing.T) {
	e := newEnv(t)
	h := e.admin()
	path := v6 + "/banks/" + DefaultBankID + "/customers"
	body := minimalBody("Parent Ltd")
	body["customer_type"] = "CORPORATE"
	body["date_of_birth"] = "1990-05-17"
	body["dependants"] = 1
	body["dob_of_dependants"] = []string{"2015-01-02"}
	body["customer_number"] = "P-1"
	r := e.req("POST", path, body, h...)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	parent := r.obj(t)
	if parent["date_of_birth"] != "1990-05-17" || parent["customer_type"] != "CORPORATE" ||
		!strings.Contains(r.raw, `"dob_of_dependants":["2015-01-02"]`) {
		t.Fatalf("parent: %s", r.raw)
	}
	// v5.1.0 renders the stored day as a timestamp.
	old := e.req("GET", v+"/banks/"+DefaultBankID+"/customers/"+parent["customer_id"].(string), nil, h...)
	if !strings.Contains(old.raw, `"date_of_birth":"1990-05-17T00:00:00Z"`) {
		t.Fatalf("v5.1.0 GET: %s", old.raw)
	}

	// A duplicate number is 409 on v6.0.0 and 400 on v5.1.0, both OBP-30051.
	expectError(t, e.req("POST", path, body, h...), 409, "OBP-30051")
	dup := minimalBody("Other")
	dup["customer_number"] = "P-1"
	expectError(t, e.req("POST", v+"/banks/"+DefaultBankID+"/customers", dup, h...), 400, "OBP-30051")

	bad := minimalBody("Bad")
	bad["customer_type"] = "PERSON"
	expectExact(t, e.req("POST", path, bad, h...), 400, msgInvalidCustomerType)
	bad = minimalBody("Bad")
	bad["date_of_birth"] = "1990-05-17T00:00:00Z"
	expectError(t, e.req("POST", path, bad, h...), 400, "OBP-10001")
	bad = minimalBody("Orphan")
	bad["customer_type"] = "SUBSIDIARY"
	bad["parent_customer_id"] = "no-such-customer"
	expectError(t, e.req("POST", path, bad, h...), 404, "OBP-30046")

	child := minimalBody("Child GmbH")
	child["customer_type"] = "SUBSIDIARY"
	child["parent_customer_id"] = parent["customer_id"]
	c := e.req("POST", v6+"/banks/"+DefaultBankID+"/corporate-customers", child, h...)
	if c.status != 201 || c.obj(t)["parent_customer_id"] != parent["customer_id"] {
		t.Fatalf("child: %d %s", c.status, c.raw)
	}
	retail := e.req("POST", v6+"/banks/"+DefaultBankID+"/retail-customers", minimalBody("Retail"), h...)
	if retail.status != 201 || retail.obj(t)["customer_type"] != "INDIVIDUAL" {
		t.Fatalf("retail: %d %s", retail.status, retail.raw)
	}
	wrong := minimalBody("Wrong")
	wrong["customer_type"] = "INDIVIDUAL"
	expectError(t, e.req("POST", v6+"/banks/"+DefaultBankID+"/corporate-customers", wrong, h...), 400, "OBP-30274")

	kids := e.req("GET", v6+"/banks/"+DefaultBankID+"/customers/"+parent["customer_id"].(string)+"/children", nil, h...)
	list, _ := kids.obj(t)["customers"].([]any)
	if kids.status != 200 || len(list) != 1 || list[0].(map[string]any)["legal_name"] != "Child GmbH" {
		t.Fatalf("children: %d %s", kids.status, kids.raw)
	}
	none := e.req("GET", v6+"/banks/"+DefaultBankID+"/customers/"+c.obj(t)["customer_id"].(string)+"/children", nil, h...)
	if none.status != 200 || none.raw != `{"customers":[]}` {
		t.Fatalf("no children: %d %s", none.status, none.raw)
	}
	expectError(t, e.req("GET", v6+"/banks/"+DefaultBankID+"/customers/nobody/children", nil, h...), 404, "OBP-30046")
	expectError(t, e.req("GET", v6+"/banks/"+DefaultBankID+"/customers/"+parent["customer_id"].(string)+"/children", nil), 401, "OBP-20001")
	// children is a v6.0.0 endpoint only.
	expectError(t, e.req("GET", v+"/banks/"+DefaultBankID+"/customers/"+parent["customer_id"].(string)+"/children", nil, h...), 404, "OBP-10404")

	corp := e.req("GET", v6+"/banks/"+DefaultBankID+"/corporate-customers", nil, h...)
	if n := len(corp.obj(t)["customers"].([]any)); corp.status != 200 || n != 2 {
		t.Fatalf("corporate list: %d %s", corp.status, corp.raw)
	}
	byNumber := e.req("POST", path+"/customer-number", map[string]string{"customer_number": "P-1"}, h...)
	if byNumber.status != 200 || byNumber.obj(t)["customer_type"] != "CORPORATE" {
		t.Fatalf("by number: %d %s", byNumber.status, byNumber.raw)
	}
	all := e.req("GET", path, nil, h...)
	if all.status != 200 || !strings.Contains(all.raw, `"customer_type":"SUBSIDIARY"`) {
		t.Fatalf("list: %d %s", all.status, all.raw)
	}
}

func TestV600BanksAccountsLogin(t *testing.T) {
	e := newEnv(t)
	login := e.req("POST", v6+"/my/logins/direct", nil, "DirectLogin", loginHeaderValue(AdminUsername, AdminPassword))
	if login.status != 201 || login.obj(t)["token"] == "" {
		t.Fatalf("v6 login: %d %s", login.status, login.raw)
	}
	expectError(t, e.req("POST", "/obp/v5.1.0/my/logins/direct", nil, "DirectLogin", loginHeaderValue(AdminUsername, AdminPassword)), 404, "OBP-10404")
	h := auth(login.obj(t)["token"].(string))

	banks := e.req("GET", v6+"/banks", nil)
	if banks.status != 200 || !strings.Contains(banks.raw, `"bank_id":"`+DefaultBankID+`"`) || strings.Contains(banks.raw, `"id":`) {
		t.Fatalf("banks: %s", banks.raw)
	}
	bank := e.req("GET", v6+"/banks/"+DefaultBankID, nil)
	if bank.status != 200 || bank.obj(t)["bank_id"] != DefaultBankID {
		t.Fatalf("bank: %s", bank.raw)
	}
	expectError(t, e.req("GET", v6+"/banks/nope", nil), 404, "OBP-30001")

	accounts := e.req("GET", v6+"/banks/"+DefaultBankID+"/accounts", nil, h...)
	list, ok := accounts.obj(t)["accounts"].([]any)
	if accounts.status != 200 || !ok || len(list) == 0 {
		t.Fatalf("accounts: %d %s", accounts.status, accounts.raw)
	}
	first := list[0].(map[string]any)
	if first["account_id"] == nil || first["id"] != nil || first["views_available"] == nil {
		t.Fatalf("account item: %v", first)
	}
	root := e.req("GET", v6+"/root", nil)
	if root.obj(t)["version"] != "v6.0.0" || root.obj(t)["version_status"] != "DRAFT" {
		t.Fatalf("root: %s", root.raw)
	}
	// Routes v6.0.0 did not re-implement answer as under v5.1.0.
	me := e.req("GET", v6+"/users/current", nil, h...)
	if me.status != 200 || me.obj(t)["username"] != AdminUsername {
		t.Fatalf("current user: %d %s", me.status, me.raw)
	}
}
