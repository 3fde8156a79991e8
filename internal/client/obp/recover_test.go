package obp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// faultEnv is a sandbox behind a fault injector.
type faultEnv struct {
	*env
	faults *faults.Injector
}

func newFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	sb := obpsandbox.New(obpsandbox.Options{})
	in := faults.New(sb, sb.ExpireTokens)
	ts := httptest.NewServer(in)
	t.Cleanup(ts.Close)
	return &faultEnv{env: &env{sb: sb, ts: ts}, faults: in}
}

func withRetries(c *Config) { c.MaxRetries = 3 }

// firstPostTo matches only the first POST whose path ends with suffix.
func firstPostTo(suffix string) func(*http.Request) bool {
	var seen atomic.Int32
	return func(r *http.Request) bool {
		return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, suffix) && seen.Add(1) == 1
	}
}

// createCase creates one object and returns how many objects of its kind the customer has.
type createCase struct {
	name   string
	suffix string
	route  string
	create func(ctx context.Context, c *Client, customerID string) error
	count  func(ctx context.Context, c *Client, customerID string) (int, error)
}

func createCases() []createCase {
	return []createCase{
		{"address", "/address", "POST " + "/banks/{BANK_ID}/customers/{CUSTOMER_ID}/address",
			func(ctx context.Context, c *Client, id string) error {
				_, err := c.CreateAddress(ctx, bankID, id, Address{Line1: "1 Main St", City: "Leeds", CountryCode: "GB", Tags: []string{"home", "mail"}})
				return err
			},
			func(ctx context.Context, c *Client, id string) (int, error) {
				l, err := c.listAddresses(ctx, bankID, id)
				return len(l), err
			}},
		{"tax residence", "/tax-residence", "POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax-residence",
			func(ctx context.Context, c *Client, id string) error {
				_, err := c.CreateTaxResidence(ctx, bankID, id, TaxResidence{Domain: "GB", TaxNumber: "AB123456C"})
				return err
			},
			func(ctx context.Context, c *Client, id string) (int, error) {
				l, err := c.listTaxResidences(ctx, bankID, id)
				return len(l), err
			}},
		{"attribute", "/attribute", "POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attribute",
			func(ctx context.Context, c *Client, id string) error {
				_, err := c.CreateCustomerAttribute(ctx, bankID, id, CustomerAttributeRequest{Name: "segment", Type: "STRING", Value: "retail"})
				return err
			},
			func(ctx context.Context, c *Client, id string) (int, error) {
				l, err := c.ListCustomerAttributes(ctx, bankID, id)
				return len(l), err
			}},
	}
}

func TestLostCreateAnswersNeverDuplicate(t *testing.T) {
	for _, fault := range []struct {
		name string
		set  func(match func(*http.Request) bool) faults.Config
		// wantHandled is how many times the create reached the server.
		wantHandled int
	}{
		{"reset after the server made it", func(m func(*http.Request) bool) faults.Config {
			return faults.Config{ResetAfter: 1, Match: m}
		}, 1},
		{"reset before the server saw it", func(m func(*http.Request) bool) faults.Config {
			return faults.Config{ResetBefore: 1, Match: m}
		}, 1},
		{"gateway 502 before the server saw it", func(m func(*http.Request) bool) faults.Config {
			return faults.Config{ErrorRates: map[int]float64{502: 1}, Match: m}
		}, 1},
	} {
		for _, cc := range createCases() {
			t.Run(fault.name+"/"+cc.name, func(t *testing.T) {
				e := newFaultEnv(t)
				ctx := context.Background()
				c := e.client(t, withRetries)
				customer := e.createMinimal(t, c, "Lost Answer", "+44 7700 900001")
				e.faults.Set(fault.set(firstPostTo(cc.suffix)))
				if err := cc.create(ctx, c, customer.CustomerID); err != nil {
					t.Fatalf("create: %v", err)
				}
				n, err := cc.count(ctx, c, customer.CustomerID)
				if err != nil || n != 1 {
					t.Fatalf("customer has %d, err %v; want exactly 1", n, err)
				}
				if got := e.sb.RequestCount(cc.route); got != fault.wantHandled {
					t.Errorf("server handled the create %d times, want %d", got, fault.wantHandled)
				}
				if e.faults.Counts()[faults.KindStatus]+e.faults.Counts()[faults.KindResetAfter]+e.faults.Counts()[faults.KindResetBefore] != 1 {
					t.Errorf("fault not injected: %v", e.faults.Counts())
				}
			})
		}
	}
}

func TestLostCustomerCreateIsFoundByNumber(t *testing.T) {
	for _, number := range []string{"", "77001"} {
		e := newFaultEnv(t)
		ctx := context.Background()
		c := e.client(t, withRetries)
		e.faults.Set(faults.Config{ResetAfter: 1, Match: firstPostTo("/customers")})
		got, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Lost Customer", MobilePhoneNumber: "+44 1", CustomerNumber: number})
		if err != nil {
			t.Fatalf("number %q: %v", number, err)
		}
		if number != "" && got.CustomerNumber != number {
			t.Errorf("adopted customer number %q, want %q", got.CustomerNumber, number)
		}
		list, err := c.ListCustomers(ctx, bankID)
		if err != nil {
			t.Fatal(err)
		}
		matches := 0
		for _, cu := range list {
			if cu.LegalName == "Lost Customer" {
				matches++
				if cu.CustomerID != got.CustomerID {
					t.Errorf("adopted %s, server has %s", got.CustomerID, cu.CustomerID)
				}
			}
		}
		if matches != 1 || e.sb.RequestCount("POST /banks/{BANK_ID}/customers") != 1 {
			t.Errorf("number %q: %d customers, %d creates; want 1 and 1", number, matches, e.sb.RequestCount("POST /banks/{BANK_ID}/customers"))
		}
	}
}

func TestLostLinkCreateIsAdopted(t *testing.T) {
	e := newFaultEnv(t)
	ctx := context.Background()
	c := e.client(t, withRetries)
	customer := e.createMinimal(t, c, "Linked", "+44 2")
	userID := e.sb.UserID(obpsandbox.NoRoleUsername)
	e.faults.Set(faults.Config{ResetAfter: 1, Match: firstPostTo("/user_customer_links")})
	link, err := c.CreateUserCustomerLink(ctx, bankID, userID, customer.CustomerID)
	if err != nil || link.UserID != userID || link.UserCustomerLinkID == "" {
		t.Fatalf("link %+v, err %v", link, err)
	}
	links, err := c.listLinks(ctx, bankID, customer.CustomerID)
	if err != nil || len(links) != 1 {
		t.Fatalf("%d links, err %v; want 1", len(links), err)
	}
}

func TestLostCreateWithoutRoleToCheck(t *testing.T) {
	e := newFaultEnv(t)
	ctx := context.Background()
	c := e.client(t, withRetries)
	e.faults.Set(faults.Config{ResetAfter: 1, Match: func(r *http.Request) bool {
		return r.Method == http.MethodPost && !strings.HasSuffix(r.URL.Path, "/direct")
	}})
	_, err := c.CreateCustomer(ctx, bankID, CreateCustomerRequest{LegalName: "Unknown Fate", MobilePhoneNumber: "+44 3"})
	if !client.IsAmbiguous(err) || !strings.Contains(err.Error(), "checking whether the server made the object anyway failed too") {
		t.Fatalf("want an ambiguous error saying the check failed, got %v", err)
	}
}

func TestCreateRetriedAfterRateLimit(t *testing.T) {
	e := newFaultEnv(t)
	c := e.client(t, withRetries)
	e.faults.Set(faults.Config{ErrorRates: map[int]float64{429: 1}, RateLimitReset: 0, Match: firstPostTo("/customers")})
	if _, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "Limited", MobilePhoneNumber: "+44 4"}); err != nil {
		t.Fatal(err)
	}
	if e.sb.RequestCount("POST /banks/{BANK_ID}/customers") != 1 || e.sb.RequestCount("POST /banks/{BANK_ID}/customers/customer-number") != 0 {
		t.Errorf("counts %v: a 429 is retried without a check", e.sb.RequestCounts())
	}
}
