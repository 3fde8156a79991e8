package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// TestAccCustomersUnderLoginLimit: OBP-API 2026 can limit DirectLogins to 6
// a minute per user (AuthRateLimiter in enforce mode). A configuration of
// many resources logs in once per terraform command, so a whole test —
// plan, apply, the harness's further plans and refreshes, destroy — stays
// under the limit, and every create of the apply uses the one token.
func TestAccCustomersUnderLoginLimit(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	gen, err := obpsandbox.ParseGeneration(os.Getenv("SANDBOX_OBP_SERVER"))
	if err != nil {
		t.Fatal(err)
	}
	env.all = sandbox.NewAll(obpsandbox.Options{Generation: gen, LoginLimitPerMinute: 6})
	env.sandbox = env.all.OBP
	var mu sync.Mutex
	createTokens := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && !strings.HasSuffix(r.URL.Path, "/customer-number") && strings.Contains(r.URL.Path, "/customers") {
			mu.Lock()
			createTokens[r.Header.Get("DirectLogin")]++
			mu.Unlock()
		}
		env.all.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	env.url = srv.URL

	var processes atomic.Int32
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"openbanking": func() (tfprotov6.ProviderServer, error) {
			processes.Add(1)
			return testAccProtoV6ProviderFactories["openbanking"]()
		},
	}
	const n = 10
	config := env.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "many" {
  count               = %[1]d
  bank_id             = %[2]q
  legal_name          = "Limited ${count.index}"
  mobile_phone_number = "+44 7700 900${count.index}"
}

resource "openbanking_tax_residence" "many" {
  count       = %[1]d
  bank_id     = openbanking_customer.many[count.index].bank_id
  customer_id = openbanking_customer.many[count.index].customer_id
  domain      = "GB"
  tax_number  = "TAX-${count.index}"
}
`, n, env.bankID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(*terraform.State) error {
			if got := len(env.sandbox.Customers(env.bankID)); got != 0 {
				return fmt.Errorf("%d customers left after destroy", got)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: config,
			Check: func(*terraform.State) error {
				mu.Lock()
				defer mu.Unlock()
				creates := 0
				for _, count := range createTokens {
					creates += count
				}
				if len(createTokens) != 1 || creates != 2*n {
					return fmt.Errorf("the %d creates used %d tokens, want %d creates with one token", creates, len(createTokens), 2*n)
				}
				if got := len(env.sandbox.Customers(env.bankID)); got != n {
					return fmt.Errorf("%d customers, want %d", got, n)
				}
				return nil
			},
		}},
	})
	if limited := env.sandbox.LoginsLimited(); limited != 0 {
		t.Errorf("the login limiter refused %d logins", limited)
	}
	if logins, procs := env.sandbox.LoginCount(), int(processes.Load()); logins > procs || logins > 6 {
		t.Errorf("%d logins for %d provider processes, want at most one each and at most 6", logins, procs)
	}
	t.Logf("%d logins, %d provider processes", env.sandbox.LoginCount(), processes.Load())
}
