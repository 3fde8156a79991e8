package obp

import (
	"fmt"
	"testing"
	"time"
)

func customerIDs(t *testing.T, r reply) []string {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	var ids []string
	for _, c := range r.obj(t)["customers"].([]any) {
		ids = append(ids, c.(map[string]any)["customer_id"].(string))
	}
	return ids
}

func TestListCustomersPaging(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	var created []string
	for i := 0; i < 55; i++ {
		created = append(created, e.createCustomer(admin, minimalBody(fmt.Sprint("C", i)))["customer_id"].(string))
	}
	cases := []struct {
		query      string
		start, end int
		rangeHdr   string
	}{
		{"", 0, 50, "items=0-50"},
		{"?limit=10", 0, 10, "items=0-10"},
		{"?limit=10&offset=50", 50, 55, "items=50-10"},
		{"?offset=60", 55, 55, "items=60-50"},
		{"?obp_limit=3&obp_offset=1", 1, 4, "items=1-3"},
		{"?limit=100", 0, 55, "items=0-100"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.req("GET", customersPath+tc.query, nil, admin...)
			ids := customerIDs(t, r)
			if fmt.Sprint(ids) != fmt.Sprint(created[tc.start:tc.end]) && (len(ids) != 0 || tc.start != tc.end) {
				t.Fatalf("got %d ids, want %d..%d", len(ids), tc.start, tc.end)
			}
			if got := r.header.Get("Range"); got != tc.rangeHdr {
				t.Fatalf("Range %q want %q", got, tc.rangeHdr)
			}
		})
	}
}

func TestListCustomersShapeAndSort(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	b := fullBody()
	b["last_ok_date"] = "2022-01-01T00:00:00Z"
	old := e.createCustomer(admin, b)["customer_id"].(string)
	newer := e.createCustomer(admin, map[string]any{"legal_name": "B", "mobile_phone_number": "2",
		"last_ok_date": "2023-01-01T00:00:00Z"})["customer_id"].(string)
	r := e.req("GET", customersPath+"?sort_direction=DESC", nil, admin...)
	if ids := customerIDs(t, r); fmt.Sprint(ids) != fmt.Sprint([]string{newer, old}) {
		t.Fatalf("desc order %v", ids)
	}
	r = e.req("GET", customersPath+"?sort_direction=asc", nil, admin...)
	if ids := customerIDs(t, r); fmt.Sprint(ids) != fmt.Sprint([]string{old, newer}) {
		t.Fatalf("asc order %v", ids)
	}
	first := r.obj(t)["customers"].([]any)[0].(map[string]any)
	if first["date_of_birth"] != "1990-05-17" || fmt.Sprint(first["dob_of_dependants"]) != "[2015-01-02 2017-03-04]" ||
		first["last_ok_date"] != "2022-01-01T00:00:00Z" || first["face_image"].(map[string]any)["date"] != "2020-01-01T00:00:00Z" {
		t.Fatalf("V300 shape: %v", first)
	}
	if _, ok := first["customer_attributes"]; ok {
		t.Fatal("list items must not carry attributes")
	}
	second := e.req("GET", customersPath+"?sort_direction=asc", nil, admin...).obj(t)["customers"].([]any)[1].(map[string]any)
	if second["date_of_birth"] != "" {
		t.Fatalf("unset date_of_birth should be \"\": %v", second["date_of_birth"])
	}
}

func TestListCustomersErrors(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	cases := []struct {
		name    string
		path    string
		headers []string
		status  int
		msg     string
	}{
		{"not logged in", customersPath, nil, 401, msgUserNotLoggedIn},
		{"missing role", customersPath, e.viewer(), 403,
			"OBP-20006: User is missing one or more roles: CanGetCustomers for BankId(demo.bank.01)."},
		{"unknown bank is a role error", v + "/banks/nope/customers", admin, 403,
			"OBP-20006: User is missing one or more roles: CanGetCustomers for BankId(nope)."},
		{"limit zero", customersPath + "?limit=0", admin, 400,
			"OBP-10016: Incorrect filter Parameters in URL.  <- OBP-10025: wrong value for obp_limit parameter. Please send a positive integer (=>1)!"},
		{"limit text", customersPath + "?limit=abc", admin, 400, "OBP-10016: Incorrect filter Parameters in URL.  <- " + msgFilterLimit},
		{"negative offset", customersPath + "?offset=-1", admin, 400, "OBP-10016: Incorrect filter Parameters in URL.  <- " + msgFilterOffset},
		{"bad sort", customersPath + "?sort_direction=up", admin, 400, "OBP-10016: Incorrect filter Parameters in URL.  <- " + msgFilterSortDirection},
		{"minimal missing role", customersPath + "-minimal", e.viewer(), 403,
			"OBP-20006: User is missing one or more roles: CanGetCustomersMinimal for BankId(demo.bank.01)."},
		{"minimal bad limit", customersPath + "-minimal?limit=-5", admin, 400, "OBP-10016: Incorrect filter Parameters in URL.  <- " + msgFilterLimit},
		{"any bank missing role", v + "/customers", e.viewer(), 403, "OBP-20006: User is missing one or more roles: CanGetCustomersAtAnyBank"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectExact(t, e.req("GET", tc.path, nil, tc.headers...), tc.status, tc.msg)
		})
	}
}

func TestListUnknownBankWithRoleIsEmpty(t *testing.T) {
	e := newEnv(t)
	e.s.GrantRole(NoRoleUsername, "ghost.bank", roleGetCustomers)
	r := e.req("GET", v+"/banks/ghost.bank/customers", nil, e.viewer()...)
	if r.status != 200 || r.raw != `{"customers":[]}` {
		t.Fatalf("%d %s", r.status, r.raw)
	}
}

func TestListMinimalAndAnyBank(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	a := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	r := e.req("POST", v+"/banks/"+SecondBankID+"/customers", minimalBody("B"), admin...)
	b := r.obj(t)["customer_id"].(string)
	min := e.req("GET", customersPath+"-minimal", nil, admin...)
	want := `{"customers":[{"bank_id":"demo.bank.01","customer_id":"` + a + `"}]}`
	if min.raw != want {
		t.Fatalf("minimal %s", min.raw)
	}
	if ids := customerIDs(t, e.req("GET", v+"/customers", nil, admin...)); fmt.Sprint(ids) != fmt.Sprint([]string{a, b}) {
		t.Fatalf("any bank %v", ids)
	}
}

func TestPageApplyStable(t *testing.T) {
	ts := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	list := []*Customer{{CustomerID: "a"}, {CustomerID: "b", LastOkDate: &ts}, {CustomerID: "c"}}
	got := page{limit: 50, sort: "desc"}.apply(append([]*Customer{}, list...))
	if got[0].CustomerID != "b" || got[1].CustomerID != "a" || got[2].CustomerID != "c" {
		t.Fatalf("%v %v %v", got[0].CustomerID, got[1].CustomerID, got[2].CustomerID)
	}
}
