package obp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// recorder remembers the method and path of every request.
type recorder struct {
	mu    sync.Mutex
	paths []string
	next  http.Handler
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.paths = append(r.paths, req.Method+" "+req.URL.Path)
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

func (r *recorder) seen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.paths, "\n")
}

func newV6Env(t *testing.T) (*env, *recorder) {
	t.Helper()
	sb := obpsandbox.New(obpsandbox.Options{})
	rec := &recorder{next: sb}
	ts := httptest.NewServer(rec)
	t.Cleanup(ts.Close)
	return &env{sb: sb, ts: ts}, rec
}

func v6Client(t *testing.T, e *env) *Client {
	return e.client(t, func(c *Config) { c.APIVersion = V600 })
}

func TestV600LoginUnderPrefix(t *testing.T) {
	e, rec := newV6Env(t)
	c := v6Client(t, e)
	if err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := rec.seen(); got != "POST /obp/v6.0.0/my/logins/direct" {
		t.Fatalf("requests:\n%s", got)
	}
	old := e.client(t)
	if err := old.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := rec.seen(); !strings.HasSuffix(got, "\nPOST /my/logins/direct") {
		t.Fatalf("v5.1.0 login path:\n%s", got)
	}
}

func TestV600CustomerTypesDatesAndChildren(t *testing.T) {
	e, rec := newV6Env(t)
	c := v6Client(t, e)
	ctx := context.Background()
	parent, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{
		LegalName: "Parent Ltd", MobilePhoneNumber: "+1", CustomerType: CustomerTypeCorporate,
		DateOfBirth: ptrTime(date(1990, 5, 17)), Dependants: 1, DobOfDependants: []Time{{date(2015, 1, 2)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if parent.CustomerType == nil || *parent.CustomerType != CustomerTypeCorporate || parent.ParentCustomerID == nil || *parent.ParentCustomerID != "" {
		t.Fatalf("parent type/parent: %+v", parent)
	}
	if !parent.DateOfBirth.Equal(date(1990, 5, 17)) || len(parent.DobOfDependants) != 1 || !parent.DobOfDependants[0].Equal(date(2015, 1, 2)) {
		t.Fatalf("parent dates: %v %v", parent.DateOfBirth, parent.DobOfDependants)
	}
	// What the sandbox stored is the day that was sent: v5.1.0 renders it as midnight UTC.
	stored, _ := e.client(t).GetCustomer(ctx, bankID, parent.CustomerID)
	if !stored.DateOfBirth.Equal(date(1990, 5, 17)) || stored.CustomerType != nil {
		t.Fatalf("v5.1.0 read: %v type %v", stored.DateOfBirth, stored.CustomerType)
	}

	child, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{
		LegalName: "Child GmbH", MobilePhoneNumber: "+2", CustomerType: CustomerTypeSubsidiary, ParentCustomerID: parent.CustomerID,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetCustomer(ctx, bankID, child.CustomerID)
	if err != nil || *got.CustomerType != CustomerTypeSubsidiary || *got.ParentCustomerID != parent.CustomerID {
		t.Fatalf("child read: %+v %v", got, err)
	}
	if got.DateOfBirth == nil || !got.DateOfBirth.IsZero() {
		t.Fatalf(`date_of_birth "" should read as the zero time, got %v`, got.DateOfBirth)
	}
	kids, err := c.CustomerChildren(ctx, bankID, parent.CustomerID)
	if err != nil || len(kids) != 1 || kids[0].CustomerID != child.CustomerID {
		t.Fatalf("children: %+v %v", kids, err)
	}
	_, err = c.CustomerChildren(ctx, bankID, "no-such-customer")
	_ = wantAPIError(t, err, 404, CodeCustomerNotFound)

	_, err = c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "X", MobilePhoneNumber: "+3", CustomerType: "PERSON"})
	_ = wantAPIError(t, err, 400, "OBP-30272")

	// A time of day cannot be sent to v6.0.0: refused before anything is sent.
	before := rec.seen()
	_, err = c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Y", MobilePhoneNumber: "+4",
		DateOfBirth: ptrTime(time.Date(1990, 5, 17, 10, 0, 0, 0, time.UTC))})
	if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") || rec.seen() != before {
		t.Fatalf("time of day: %v", err)
	}
}

func TestV600BodyShape(t *testing.T) {
	c := &Client{version: V600}
	body, err := c.createBody(CreateCustomerRequest{LegalName: "A", MobilePhoneNumber: "1",
		DateOfBirth: ptrTime(date(2000, 1, 31)), LastOkDate: ptrTime(date(2021, 6, 7)), CustomerType: "CORPORATE"})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(body)
	for _, want := range []string{`"date_of_birth":"2000-01-31"`, `"dob_of_dependants":[]`, `"last_ok_date":"2021-06-07T00:00:00Z"`, `"customer_type":"CORPORATE"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("body %s lacks %s", raw, want)
		}
	}
	if strings.Count(string(raw), "date_of_birth") != 1 {
		t.Errorf("date_of_birth twice: %s", raw)
	}
}

func TestV510RefusesV600Fields(t *testing.T) {
	e, rec := newV6Env(t)
	c := e.client(t)
	for _, req := range []CreateCustomerRequest{
		{LegalName: "A", MobilePhoneNumber: "1", CustomerType: CustomerTypeCorporate},
		{LegalName: "A", MobilePhoneNumber: "1", ParentCustomerID: "x"},
	} {
		_, err := c.CreateCustomer(context.Background(), bankID, req)
		var v *VersionError
		if !errors.As(err, &v) || !strings.Contains(err.Error(), "v6.0.0") || !strings.Contains(err.Error(), v.Feature) {
			t.Fatalf("want a VersionError, got %v", err)
		}
	}
	if _, err := c.CustomerChildren(context.Background(), bankID, "x"); !IsVersionError(err) {
		t.Fatalf("children on v5.1.0: %v", err)
	}
	if rec.seen() != "" {
		t.Fatalf("sent:\n%s", rec.seen())
	}
}

// A configured number another customer holds is adopted on v6.0.0 (409) as on v5.1.0 (400).
func TestV600DuplicateNumberIsExisting(t *testing.T) {
	e, _ := newV6Env(t)
	for _, c := range []*Client{v6Client(t, e), e.client(t)} {
		first, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "A", MobilePhoneNumber: "1", CustomerNumber: "DUP-" + c.APIVersion()})
		if err != nil {
			t.Fatal(err)
		}
		other := e.client(t, func(cfg *Config) { cfg.APIVersion = c.APIVersion() })
		got, err := other.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "B", MobilePhoneNumber: "2", CustomerNumber: "DUP-" + c.APIVersion()})
		if !client.IsExists(err) || got.CustomerID != first.CustomerID {
			t.Fatalf("%s: want the existing customer, got %+v %v", c.APIVersion(), got, err)
		}
	}
	if isCustomerNumberTaken(&client.APIError{StatusCode: 409, Message: "Idempotency-Key replayed with a different request body."}) {
		t.Fatal("an Idempotency-Key conflict is not a taken number")
	}
	if !isCustomerNumberTaken(&client.APIError{StatusCode: 409, Code: "OBP-30051", Codes: []string{"OBP-30051"}}) {
		t.Fatal("409 OBP-30051 is a taken number")
	}
}

func TestV600BanksAndAccounts(t *testing.T) {
	e, _ := newV6Env(t)
	c := v6Client(t, e)
	ctx := context.Background()
	banks, err := c.Banks(ctx)
	if err != nil || len(banks) != 2 || banks[0].ID != obpsandbox.DefaultBankID {
		t.Fatalf("banks %+v %v", banks, err)
	}
	b, err := c.Bank(ctx, obpsandbox.DefaultBankID)
	if err != nil || b.ID != obpsandbox.DefaultBankID || b.BankCode == "" {
		t.Fatalf("bank %+v %v", b, err)
	}
	want, err := e.client(t).ListAccounts(ctx, bankID, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ListAccounts(ctx, bankID, nil)
	if err != nil || len(got) == 0 || len(got) != len(want) {
		t.Fatalf("accounts %+v %v", got, err)
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].Label != want[i].Label || len(got[i].ViewsAvailable) != len(want[i].ViewsAvailable) {
			t.Fatalf("account %d: v6 %+v, v5.1.0 %+v", i, got[i], want[i])
		}
	}
}

// A server that ignores offset does not make the account list loop.
func TestListAccountsServerIgnoresOffset(t *testing.T) {
	items := make([]map[string]any, accountsPageSize)
	for i := range items {
		items[i] = map[string]any{"account_id": "acc-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), "bank_id": bankID, "views_available": []any{}}
	}
	calls := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/accounts") {
			calls++
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"accounts": items})
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, APIVersion: V600, Token: "t", Settings: client.Settings{Timeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ListAccounts(context.Background(), bankID, nil)
	if err != nil || len(got) != accountsPageSize || calls != 2 {
		t.Fatalf("got %d accounts in %d calls: %v", len(got), calls, err)
	}
}
