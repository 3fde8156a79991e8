package obp

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRoutingNotFound(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	for _, path := range []string{
		"/obp/v4.0.0/banks", "/obp/v7.0.0/root", "/obp/v5.1.0/nope", "/banks", "/obp/v5.1.0/my/logins/direct",
		"/obp/v5.1.0/banks/demo.bank.01/customers/x/unknown", "/", "/obp/v5.1.0/banks/",
	} {
		t.Run(path, func(t *testing.T) {
			expectError(t, e.req("GET", path, nil, admin...), 404, "OBP-10404: 404 Not Found. The server could not find the requested URI.")
		})
	}
	// Wrong method on a known path is also a 404.
	expectError(t, e.req("PATCH", v+"/banks", nil), 404, "OBP-10404")
	expectError(t, e.req("GET", "/my/logins/direct", nil), 404, "OBP-10404")
}

func TestRootAndBanks(t *testing.T) {
	e := newEnv(t)
	for _, version := range []string{"v5.0.0", "v5.1.0"} {
		m := e.req("GET", "/obp/"+version+"/root", nil).obj(t)
		if m["version"] != version || m["local_identity_provider"] != e.ts.URL {
			t.Fatalf("root %v", m)
		}
	}
	r := e.req("GET", v+"/banks", nil)
	want := `{"banks":[{"id":"demo.bank.01","short_name":"Demo Bank 01","full_name":"Demo Bank 01 (OBP sandbox)","logo":null,` +
		`"website":"https://www.example.com/demo-bank-01","bank_routings":[{"scheme":"OBP","address":"demo.bank.01"},` +
		`{"scheme":"BIC","address":"DEMOGB2L"}],"attributes":[]},{"id":"demo.bank.02","short_name":"Demo Bank 02",` +
		`"full_name":"Demo Bank 02 (OBP sandbox)","logo":null,"website":null,"bank_routings":[{"scheme":"OBP","address":"demo.bank.02"}],"attributes":[]}]}`
	if r.status != 200 || r.raw != want {
		t.Fatalf("banks %d\n%s", r.status, r.raw)
	}
	r = e.req("GET", v+"/banks/"+SecondBankID, nil)
	want = `{"id":"demo.bank.02","bank_code":"DEMO02","full_name":"Demo Bank 02 (OBP sandbox)","logo":null,"website":null,` +
		`"bank_routings":[{"scheme":"OBP","address":"demo.bank.02"}],"attributes":[]}`
	if r.status != 200 || r.raw != want {
		t.Fatalf("bank %d\n%s", r.status, r.raw)
	}
	expectExact(t, e.req("GET", v+"/banks/nope", nil), 404, "OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is nope")
}

func TestPanicBecomes500(t *testing.T) {
	for gen, want := range map[Generation]string{
		Gen2024: msgInternalServerError,
		Gen2026: "OBP-50000: Unknown Error.: boom",
	} {
		t.Run(string(gen), func(t *testing.T) {
			s := New(Options{Generation: gen})
			s.routes = append(s.routes, route{method: "GET", template: "/boom", versioned: true,
				handle: func(*call) (int, any, error) { panic("boom") }})
			e := &env{t: t, s: s}
			e.ts = newTestServer(t, s)
			expectExact(t, e.req("GET", v+"/boom", nil), 500, want)
			// The lock was released: the server still answers.
			if r := e.req("GET", v+"/banks", nil); r.status != 200 {
				t.Fatalf("%d", r.status)
			}
		})
	}
}

func TestHooks(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	e.createCustomer(admin, minimalBody("B"))

	if got := e.s.Customers(DefaultBankID); len(got) != 2 || got[0].LegalName != "A" || got[1].LegalName != "B" {
		t.Fatalf("Customers %+v", got)
	}
	if len(e.s.Customers(SecondBankID)) != 0 {
		t.Fatal("second bank should be empty")
	}
	lastOK := time.Date(2024, 2, 3, 4, 5, 6, 0, time.FixedZone("X", 3600))
	if !e.s.UpdateCustomer(id, func(c *Customer) { c.Email = "oob@example.com"; c.LastOkDate = &lastOK; c.CustomerID = "hijack" }) {
		t.Fatal("UpdateCustomer returned false")
	}
	r := e.req("GET", customersPath+"/"+id, nil, admin...)
	if !strings.Contains(r.raw, `"email":"oob@example.com"`) || !strings.Contains(r.raw, `"last_ok_date":"2024-02-03T03:05:06Z"`) {
		t.Fatalf("out-of-band update not visible: %s", r.raw)
	}
	c, _ := e.s.Customer(id)
	c.Email = "changed copy"
	if c2, _ := e.s.Customer(id); c2.Email != "oob@example.com" {
		t.Fatal("Customer must return a copy")
	}
	if e.s.UpdateCustomer("nope", func(*Customer) {}) || e.s.DeleteCustomer("nope") {
		t.Fatal("unknown id should return false")
	}
	if !e.s.DeleteCustomer(id) {
		t.Fatal("DeleteCustomer")
	}
	expectError(t, e.req("GET", customersPath+"/"+id, nil, admin...), 404, "OBP-30046")

	viewer := e.viewer()
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleGetCustomers)
	if r := e.req("GET", customersPath, nil, viewer...); r.status != 200 {
		t.Fatalf("granted: %d", r.status)
	}
	e.s.RevokeRole(NoRoleUsername, DefaultBankID, roleGetCustomers)
	expectError(t, e.req("GET", customersPath, nil, viewer...), 403, "OBP-20006")
}

func TestCounters(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	id := e.createCustomer(admin, minimalBody("A"))["customer_id"].(string)
	e.req("GET", customersPath+"/"+id, nil, admin...)
	e.req("GET", "/obp/v5.0.0/banks/"+DefaultBankID+"/customers/nope", nil, admin...)
	e.req("GET", v+"/nope", nil)
	want := map[string]int{
		"POST /my/logins/direct":                       1,
		"POST /banks/{BANK_ID}/customers":              1,
		"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}": 2,
	}
	if got := e.s.RequestCounts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counts %v", got)
	}
	if e.s.RequestCount("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}") != 2 || e.s.LoginCount() != 1 {
		t.Fatal("RequestCount/LoginCount")
	}
	e.s.ResetCounts()
	if len(e.s.RequestCounts()) != 0 || e.s.LoginCount() != 0 {
		t.Fatal("ResetCounts")
	}
}

func TestServersAreIndependent(t *testing.T) {
	a, b := newEnv(t), newEnv(t)
	a.createCustomer(a.admin(), minimalBody("A"))
	if len(b.s.Customers(DefaultBankID)) != 0 {
		t.Fatal("stores are shared")
	}
	if a.s.UserID(AdminUsername) == b.s.UserID(AdminUsername) {
		t.Fatal("user ids should be generated per server")
	}
}

func TestConcurrentCreates(t *testing.T) {
	e := newEnv(t)
	h := e.admin()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			body := fmt.Sprintf(`{"legal_name":"C%d","mobile_phone_number":"1","customer_number":"n%d"}`, i, i)
			req, _ := http.NewRequest("POST", e.ts.URL+customersPath, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(h[0], h[1])
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
			e.s.Customers(DefaultBankID)
		}(i)
	}
	wg.Wait()
	if n := len(e.s.Customers(DefaultBankID)); n != 20 {
		t.Fatalf("%d customers", n)
	}
}
