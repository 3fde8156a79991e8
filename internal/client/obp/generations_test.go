package obp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// The client against both OBP server generations the sandbox reproduces,
// without any setting telling it which one it talks to.

var generations = []obpsandbox.Generation{obpsandbox.Gen2024, obpsandbox.Gen2026}

// newEnvAll is a sandbox of opts behind its fault injector.
func newEnvAll(t *testing.T, opts obpsandbox.Options) (*env, *faults.Injector) {
	t.Helper()
	all := sandbox.NewAll(opts)
	ts := httptest.NewServer(all)
	t.Cleanup(ts.Close)
	return &env{sb: all.OBP, ts: ts}, all.Faults
}

// An expired token is renewed with one login, whether the server refuses it
// with 400 (2024) or 401 (2026), for reads and for creates.
func TestGenerations_expiredTokenRenewed(t *testing.T) {
	for _, gen := range generations {
		t.Run(string(gen), func(t *testing.T) {
			e, _ := newEnvAll(t, obpsandbox.Options{Generation: gen})
			c := e.client(t, func(c *Config) { c.MaxRetries = 2 })
			if _, err := c.CurrentUser(context.Background()); err != nil {
				t.Fatal(err)
			}
			e.sb.ExpireTokens()
			if _, err := c.ListCustomers(context.Background(), bankID); err != nil {
				t.Fatalf("read after expiry: %v", err)
			}
			e.sb.ExpireTokens()
			e.createMinimal(t, c, "Renewed", "1")
			if c.Logins() != 3 || len(e.sb.Customers(bankID)) != 1 {
				t.Errorf("logins %d, customers %d; want 3 and 1", c.Logins(), len(e.sb.Customers(bankID)))
			}
		})
	}
}

// A missing role is OBP-20006 on both generations, though the texts and the
// role names differ.
func TestGenerations_missingRoleByCode(t *testing.T) {
	for gen, role := range map[obpsandbox.Generation]string{obpsandbox.Gen2024: "CanGetCustomers", obpsandbox.Gen2026: "CanGetCustomersAtOneBank"} {
		e, _ := newEnvAll(t, obpsandbox.Options{Generation: gen})
		c := e.client(t, func(c *Config) { c.Username, c.Password = obpsandbox.NoRoleUsername, obpsandbox.NoRolePassword })
		_, err := c.ListCustomers(context.Background(), bankID)
		apiErr := wantAPIError(t, err, 403, CodeMissingRoles)
		if !strings.Contains(apiErr.Message, role) {
			t.Errorf("%s: message %q does not name %s", gen, apiErr.Message, role)
		}
	}
}

// An exception on the server is 500 with OBP-50015 (2024) or OBP-50000 and
// its detail (2026); a create that failed so is not sent again.
func TestGenerations_unknownError(t *testing.T) {
	for gen, want := range map[obpsandbox.Generation]string{
		obpsandbox.Gen2024: "OBP-50015: The server encountered an unexpected condition",
		obpsandbox.Gen2026: "OBP-50000: Unknown Error.: deadlock detected",
	} {
		e, _ := newEnvAll(t, obpsandbox.Options{Generation: gen})
		c := e.client(t, func(c *Config) { c.MaxRetries = 3 })
		e.sb.FailUnexpectedly(isCustomerCreate, "deadlock detected")
		_, err := c.CreateCustomer(context.Background(), bankID, CreateCustomerRequest{LegalName: "A", MobilePhoneNumber: "1"})
		apiErr := wantAPIError(t, err, 500, want[:9])
		if !strings.HasPrefix(apiErr.Message, want) || client.IsAmbiguous(err) {
			t.Errorf("%s: %v", gen, err)
		}
		if n := e.sb.RequestCount("POST /banks/{BANK_ID}/customers"); n != 1 {
			t.Errorf("%s: create sent %d times, want 1", gen, n)
		}
	}
}

// firstN matches the first n requests that match.
func firstN(n int32, match func(*http.Request) bool) func(*http.Request) bool {
	var seen atomic.Int32
	return func(r *http.Request) bool { return match(r) && seen.Add(1) <= n }
}

func isCustomerList(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/customers")
}

func isCustomerCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/customers")
}

// OBP-API 2026's endpoint timeout (504 without a code) is retried on reads.
func TestEndpointTimeoutRetried(t *testing.T) {
	e, in := newEnvAll(t, obpsandbox.Options{})
	c := e.client(t, func(c *Config) { c.MaxRetries = 3 })
	in.Set(faults.Config{ErrorRates: map[int]float64{504: 1}, Match: firstN(2, isCustomerList)})
	if _, err := c.ListCustomers(context.Background(), bankID); err != nil {
		t.Fatal(err)
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers"); n != 3 {
		t.Errorf("list handled %d times, want 3", n)
	}
}

// When the retries run out, the error quotes the server's message, with no
// code invented.
func TestEndpointTimeoutExhausted(t *testing.T) {
	e, in := newEnvAll(t, obpsandbox.Options{})
	c := e.client(t, func(c *Config) { c.MaxRetries = 1 })
	in.Set(faults.Config{ErrorRates: map[int]float64{504: 1}, Match: isCustomerList})
	_, err := c.ListCustomers(context.Background(), bankID)
	apiErr := wantAPIError(t, err, 504, "")
	const want = "returned HTTP 504: Request timeout: backend service did not respond within 55000ms."
	if len(apiErr.Codes) != 0 || !strings.HasSuffix(err.Error(), want) || strings.Contains(err.Error(), "OBP-") {
		t.Errorf("error %q (codes %v), want it to end %q", err, apiErr.Codes, want)
	}
	if n := e.sb.RequestCount("GET /banks/{BANK_ID}/customers"); n != 2 {
		t.Errorf("list handled %d times, want 2", n)
	}
}

// A create answered 504 was made by the server: the client finds it instead
// of sending it again, on both generations (the 2024 server ignores the
// Idempotency-Key, so a blind resend would make a second customer).
func TestEndpointTimeoutOnCreateAdopted(t *testing.T) {
	for _, gen := range generations {
		t.Run(string(gen), func(t *testing.T) {
			e, in := newEnvAll(t, obpsandbox.Options{Generation: gen})
			c := e.client(t, func(c *Config) { c.MaxRetries = 3 })
			in.Set(faults.Config{ErrorRates: map[int]float64{504: 1}, Match: isCustomerCreate})
			cust := e.createMinimal(t, c, "Timed out", "+44 1")
			got := e.sb.Customers(bankID)
			if len(got) != 1 || got[0].CustomerID != cust.CustomerID {
				t.Fatalf("customers %+v, created %+v", got, cust)
			}
			if n := e.sb.RequestCount("POST /banks/{BANK_ID}/customers"); n != 1 {
				t.Errorf("create sent %d times, want 1", n)
			}
		})
	}
}

// Many concurrent requests share one login: the 2026 login limiter (here 6
// a minute) never refuses them.
func TestLoginLimiterNotTripped(t *testing.T) {
	e, _ := newEnvAll(t, obpsandbox.Options{LoginLimitPerMinute: 6})
	c := e.client(t, func(c *Config) { c.MaxRetries = 3 })
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ListCustomers(context.Background(), bankID)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if c.Logins() != 1 || e.sb.LoginCount() != 1 || e.sb.LoginsLimited() != 0 {
		t.Errorf("logins client %d sandbox %d, limited %d; want 1, 1, 0", c.Logins(), e.sb.LoginCount(), e.sb.LoginsLimited())
	}
}

// A login the limiter refuses after the retries is an error that says when
// to try again, and is not remembered as a refused login: the next login
// is sent.
func TestLoginLimiterExhausted(t *testing.T) {
	e, _ := newEnvAll(t, obpsandbox.Options{LoginLimitPerMinute: 1})
	first := e.client(t)
	if err := first.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := e.client(t, func(c *Config) { c.MaxRetries = 0 })
	err := c.Login(context.Background())
	apiErr := wantAPIError(t, err, 429, CodeLoginRateLimited)
	if IsLoginRefused(err) || apiErr.RetryIn < 50*time.Second || !strings.Contains(err.Error(), "try again then") {
		t.Errorf("error %v (refused %v, retry in %v)", err, IsLoginRefused(err), apiErr.RetryIn)
	}
	_ = c.Login(context.Background())
	if n := e.sb.LoginsLimited(); n != 2 {
		t.Errorf("the limiter saw %d refused logins, want 2 (the second login was sent)", n)
	}
}
