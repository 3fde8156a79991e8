package obp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// createCall is one create of every kind, against customer "c1" at bank "x".
type createCall struct {
	name    string
	path    string
	idField string
	call    func(ctx context.Context, c *Client) error
}

func everyCreate() []createCall {
	return []createCall{
		{"customer", "/obp/v5.1.0/banks/x/customers", "customer_id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateCustomer(ctx, "x", CreateCustomerRequest{LegalName: "A", MobilePhoneNumber: "1"})
			return err
		}},
		{"address", "/obp/v5.1.0/banks/x/customers/c1/address", "customer_address_id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateAddress(ctx, "x", "c1", Address{Line1: "1 Main St"})
			return err
		}},
		{"tax residence", "/obp/v5.1.0/banks/x/customers/c1/tax-residence", "tax_residence_id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateTaxResidence(ctx, "x", "c1", TaxResidence{Domain: "GB", TaxNumber: "1"})
			return err
		}},
		{"attribute", "/obp/v5.1.0/banks/x/customers/c1/attribute", "customer_attribute_id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateCustomerAttribute(ctx, "x", "c1", CustomerAttributeRequest{Name: "n", Type: "STRING", Value: "v"})
			return err
		}},
		{"user-customer link", "/obp/v5.1.0/banks/x/user_customer_links", "user_customer_link_id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateUserCustomerLink(ctx, "x", "u1", "c1")
			return err
		}},
		{"attribute definition", "/obp/v5.1.0/banks/x/attribute-definitions/customer", "attribute_definition_id", func(ctx context.Context, c *Client) error {
			_, err := c.PutCustomerAttributeDefinition(ctx, "x", AttributeDefinition{Name: "n", Category: "Customer", Type: "STRING"})
			return err
		}},
	}
}

// A success answer that does not name the new object is an error naming the
// endpoint and the missing id, whatever the body.
func TestCreateAnswerWithoutID(t *testing.T) {
	for _, body := range []string{"", "{}", `{"unrelated":1}`} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if r.Method == http.MethodGet {
				_, _ = io.WriteString(w, `{}`)
				return
			}
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, body)
		}))
		c, err := New(Config{URL: ts.URL, Token: "t"})
		if err != nil {
			t.Fatal(err)
		}
		for _, cc := range everyCreate() {
			err := cc.call(context.Background(), c)
			method := http.MethodPost
			if cc.name == "attribute definition" {
				method = http.MethodPut
			}
			want := fmt.Sprintf("%s %s answered success (2xx) without %s", method, cc.path, cc.idField)
			if err == nil || !strings.Contains(err.Error(), want) || client.IsAmbiguous(err) {
				t.Errorf("%s, body %q: got %v; want an error containing %q", cc.name, body, err, want)
			}
		}
		ts.Close()
	}
}

// Every POST of a create carries a valid Idempotency-Key, a fresh one per operation.
func TestCreatesSendIdempotencyKey(t *testing.T) {
	var mu sync.Mutex
	keys := map[string]string{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			mu.Lock()
			keys[r.URL.Path] = r.Header.Get(client.HeaderIdempotencyKey)
			mu.Unlock()
		}
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range everyCreate()[:5] {
		_ = cc.call(context.Background(), c)
	}
	valid := regexp.MustCompile(`^[\x21-\x7e]{8,255}$`)
	seen := map[string]bool{}
	for path, key := range keys {
		if !valid.MatchString(key) || seen[key] {
			t.Errorf("POST %s: Idempotency-Key %q: want a valid key of its own", path, key)
		}
		seen[key] = true
	}
	if len(keys) != 5 {
		t.Fatalf("%d creates seen, want 5: %v", len(keys), keys)
	}
}

// A create whose context is cancelled after the server made the object finds
// the object and returns it: it is neither lost nor sent again.
func TestCancelledCreateFindsTheObject(t *testing.T) {
	sb := obpsandbox.New(obpsandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/customers") {
			interrupted := false
			once.Do(func() { interrupted = true })
			if interrupted {
				sb.ServeHTTP(httptest.NewRecorder(), r)
				cancel()
				<-r.Context().Done()
				return
			}
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	e := &env{sb: sb, ts: ts}
	c := e.client(t, withRetries)
	if err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Interrupted", MobilePhoneNumber: "+44 5", CustomerNumber: "88001"})
	if err != nil || got.CustomerID == "" {
		t.Fatalf("got %+v, %v; want the customer the server made", got, err)
	}
	if n := len(sb.Customers(bankID)); n != 1 || ctx.Err() == nil {
		t.Fatalf("%d customers (want 1); ctx err %v", n, ctx.Err())
	}
}

// A create of an object the server already has answers that object with an
// *client.ExistsError; nothing is duplicated. A new process stands for a
// later apply.
func TestCreateOfExistingObjects(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	first := e.client(t)
	cust, err := first.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Exists", MobilePhoneNumber: "+44 6", CustomerNumber: "99001"})
	if err != nil {
		t.Fatal(err)
	}
	userID := e.sb.UserID(obpsandbox.NoRoleUsername)
	addr := Address{Line1: "1 Main St", City: "Leeds", CountryCode: "GB", Tags: []string{"home"}}
	ids := map[string]string{"customer": cust.CustomerID}
	for name, create := range creatorsFor(cust.CustomerID, userID, addr, "retail") {
		id, err := create(ctx, first)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = id
	}
	later := e.client(t)
	creates := creatorsFor(cust.CustomerID, userID, addr, "private")
	creates["customer"] = func(ctx context.Context, c *Client) (string, error) {
		got, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Other", MobilePhoneNumber: "+44 7", CustomerNumber: "99001"})
		return got.CustomerID, err
	}
	for name, create := range creates {
		id, err := create(ctx, later)
		if !client.IsExists(err) || id != ids[name] {
			t.Errorf("%s again: id %q, err %v; want the existing %q with an ExistsError", name, id, err, ids[name])
		}
	}
	if len(e.sb.Customers(bankID)) != 1 || len(e.sb.Addresses(cust.CustomerID)) != 1 || len(e.sb.CustomerAttributes(cust.CustomerID)) != 1 ||
		len(e.sb.TaxResidences(cust.CustomerID)) != 1 || len(e.sb.UserCustomerLinks(cust.CustomerID)) != 1 {
		t.Fatal("an object was duplicated")
	}
	// Within one process, an object a create already returned is not adopted a second time.
	_, err = creatorsFor(cust.CustomerID, userID, addr, "retail")["tax residence"](ctx, first)
	if err == nil || client.IsExists(err) || !strings.Contains(err.Error(), "declare each object once") {
		t.Fatalf("second resource for one object in one run: %v", err)
	}
}

func creatorsFor(customerID, userID string, addr Address, segment string) map[string]func(context.Context, *Client) (string, error) {
	return map[string]func(context.Context, *Client) (string, error){
		"address": func(ctx context.Context, c *Client) (string, error) {
			got, err := c.CreateAddress(ctx, bankID, customerID, addr)
			return idOf(got, err, func(a *Address) string { return a.CustomerAddressID })
		},
		"attribute": func(ctx context.Context, c *Client) (string, error) {
			got, err := c.CreateCustomerAttribute(ctx, bankID, customerID, CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: segment})
			return idOf(got, err, func(a *CustomerAttribute) string { return a.CustomerAttributeID })
		},
		"tax residence": func(ctx context.Context, c *Client) (string, error) {
			got, err := c.CreateTaxResidence(ctx, bankID, customerID, TaxResidence{Domain: "GB", TaxNumber: "AB1"})
			return idOf(got, err, func(t *TaxResidence) string { return t.TaxResidenceID })
		},
		"link": func(ctx context.Context, c *Client) (string, error) {
			got, err := c.CreateUserCustomerLink(ctx, bankID, userID, customerID)
			return idOf(got, err, func(l *UserCustomerLink) string { return l.UserCustomerLinkID })
		},
	}
}

func idOf[T any](got *T, err error, id func(*T) string) (string, error) {
	if got == nil {
		return "", errors.Join(err, errors.New("no object"))
	}
	return id(got), err
}

// Children of a customer this process made are created without a look for
// existing ones; children of another customer are looked for once per kind.
func TestChildLookOnlyForCustomersNotMadeHere(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.client(t)
	mine := e.createMinimal(t, c, "Mine", "+44 8")
	other := e.createMinimal(t, e.client(t), "Other", "+44 9")
	for _, id := range []string{mine.CustomerID, other.CustomerID} {
		for i, name := range []string{"A", "B"} {
			if _, err := c.CreateCustomerAttribute(ctx, bankID, id, CustomerAttributeRequest{Name: name, Type: "STRING", Value: "v"}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateAddress(ctx, bankID, id, Address{Line1: fmt.Sprint(i), Tags: []string{}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	looks := e.sb.RequestCount("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes") +
		e.sb.RequestCount("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses")
	if looks != 4 {
		t.Fatalf("%d list requests, want 4: two per kind for the customer made elsewhere (the list is reloaded after a create), none for ours", looks)
	}
}
