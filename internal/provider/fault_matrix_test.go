package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// faultMatrixCustomers customers with one address, attribute and tax
// residence each: 4 × 50 = 200 objects.
const faultMatrixCustomers = 50

// faultMix is the fault mix the README documents: every kind of failure
// the provider must survive with its default settings, at rates that hit
// hundreds of requests.
const faultMix = "503=0.1,429=0.05,rate-limit-reset=1,reset-before=0.02,reset-after=0.02," +
	"slow-body=50ms,latency=20ms,expire-tokens=0.02"

// faultSeeds make three different sequences of faults.
var faultSeeds = []uint64{20261121, 7, 424242}

func faultMatrix(t *testing.T, seed uint64) faults.Config {
	t.Helper()
	cfg, err := faults.Parse(faultMix)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Seed = seed
	return cfg
}

// faultMatrixConfig uses the provider's default settings: no retries,
// timeouts or intervals are tuned for the faults.
func (e *accEnv) faultMatrixConfig() string {
	return fmt.Sprintf(`
provider "openbanking" {
  obp {
    url          = %[3]q
    username     = %[4]q
    password     = %[5]q
    consumer_key = %[6]q
    api_version  = %[7]q
  }
}

resource "openbanking_customer" "c" {
  count               = %[2]d
  bank_id             = %[1]q
  legal_name          = "Fault Matrix ${count.index}"
  mobile_phone_number = format("+44 7700 9%%05d", count.index)

}

resource "openbanking_customer_address" "a" {
  count        = %[2]d
  bank_id      = openbanking_customer.c[count.index].bank_id
  customer_id  = openbanking_customer.c[count.index].customer_id
  line_1       = "${count.index} Fault Street"
  city         = "Leeds"
  country_code = "GB"
}

resource "openbanking_customer_attribute" "x" {
  count       = %[2]d
  bank_id     = openbanking_customer.c[count.index].bank_id
  customer_id = openbanking_customer.c[count.index].customer_id
  name        = "SEGMENT"
  type        = "STRING"
  value       = "retail-${count.index}"
}

resource "openbanking_tax_residence" "t" {
  count       = %[2]d
  bank_id     = openbanking_customer.c[count.index].bank_id
  customer_id = openbanking_customer.c[count.index].customer_id
  domain      = "GB"
  tax_number  = "FM${count.index}"
}
`, e.bankID, faultMatrixCustomers, e.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey, e.apiVersion)
}

// TestAccFaultMatrix applies and destroys 200 objects with the provider's
// default settings while the server answers 429 and 503, resets connections
// before and after handling requests, expires tokens and answers slowly, for
// three seeds. It proves that nothing was duplicated, the state equals the
// server, a refreshed plan is empty and the destroy left nothing behind.
func TestAccFaultMatrix(t *testing.T) {
	for _, seed := range faultSeeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) { testFaultMatrix(t, seed) })
	}
}

func testFaultMatrix(t *testing.T, seed uint64) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	env.all.Faults.Set(faultMatrix(t, seed))
	var customerIDs []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.faultMatrixConfig(),
				Check: resource.ComposeTestCheckFunc(
					env.checkNoDuplicates,
					env.checkStateEqualsServer(&customerIDs),
				),
			},
			{
				Config:           env.faultMatrixConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            env.checkFaultsInjected,
			},
		},
		CheckDestroy: func(*terraform.State) error { return env.checkNothingLeft(customerIDs) },
	})
	t.Logf("faults injected over apply, refresh and destroy: %v; requests handled: %d",
		env.all.Faults.Counts(), sumCounts(env.sandbox.RequestCounts()))
}

func sumCounts(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// faultCustomers returns the sandbox's customers made by the fault matrix.
func (e *accEnv) faultCustomers() []obpsandbox.Customer {
	var out []obpsandbox.Customer
	for _, c := range e.sandbox.Customers(e.bankID) {
		if strings.HasPrefix(c.LegalName, "Fault Matrix ") {
			out = append(out, c)
		}
	}
	return out
}

func (e *accEnv) checkNoDuplicates(*terraform.State) error {
	customers := e.faultCustomers()
	names := map[string]bool{}
	for _, c := range customers {
		if names[c.LegalName] {
			return fmt.Errorf("the server has %q twice", c.LegalName)
		}
		names[c.LegalName] = true
		if n := [3]int{len(e.sandbox.Addresses(c.CustomerID)), len(e.sandbox.CustomerAttributes(c.CustomerID)),
			len(e.sandbox.TaxResidences(c.CustomerID))}; n != [3]int{1, 1, 1} {
			return fmt.Errorf("%s has %d addresses, %d attributes, %d tax residences; want 1 each", c.LegalName, n[0], n[1], n[2])
		}
	}
	if len(customers) != faultMatrixCustomers {
		return fmt.Errorf("the server has %d fault-matrix customers, want %d", len(customers), faultMatrixCustomers)
	}
	return nil
}

// checkStateEqualsServer compares every object in state with the server and
// records the customers' ids.
func (e *accEnv) checkStateEqualsServer(ids *[]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		*ids = nil
		for i := range faultMatrixCustomers {
			customerID := stateAttr(s, fmt.Sprintf("openbanking_customer.c.%d", i), "customer_id")
			c, ok := e.sandbox.Customer(customerID)
			if !ok || c.LegalName != fmt.Sprintf("Fault Matrix %d", i) {
				return fmt.Errorf("customer %d: state has id %q, server has %+v", i, customerID, c.LegalName)
			}
			*ids = append(*ids, customerID)
			if err := e.checkChildrenInState(s, i, customerID); err != nil {
				return err
			}
		}
		return nil
	}
}

func (e *accEnv) checkChildrenInState(s *terraform.State, i int, customerID string) error {
	addr, attr, tax := e.sandbox.Addresses(customerID), e.sandbox.CustomerAttributes(customerID), e.sandbox.TaxResidences(customerID)
	if len(addr) != 1 || len(attr) != 1 || len(tax) != 1 {
		return fmt.Errorf("customer %d: %d addresses, %d attributes, %d tax residences", i, len(addr), len(attr), len(tax))
	}
	checks := []struct{ addr, attr, want string }{
		{fmt.Sprintf("openbanking_customer_address.a.%d", i), "customer_address_id", addr[0].CustomerAddressID},
		{fmt.Sprintf("openbanking_customer_address.a.%d", i), "line_1", addr[0].Line1},
		{fmt.Sprintf("openbanking_customer_attribute.x.%d", i), "customer_attribute_id", attr[0].CustomerAttributeID},
		{fmt.Sprintf("openbanking_customer_attribute.x.%d", i), "value", attr[0].Value},
		{fmt.Sprintf("openbanking_tax_residence.t.%d", i), "tax_residence_id", tax[0].TaxResidenceID},
		{fmt.Sprintf("openbanking_tax_residence.t.%d", i), "tax_number", tax[0].TaxNumber},
	}
	for _, c := range checks {
		if got := stateAttr(s, c.addr, c.attr); got != c.want {
			return fmt.Errorf("%s.%s is %q in state, %q on the server", c.addr, c.attr, got, c.want)
		}
	}
	return nil
}

// checkFaultsInjected proves the run met every kind of fault.
func (e *accEnv) checkFaultsInjected(*terraform.State) error {
	counts := e.all.Faults.Counts()
	for _, kind := range []string{"status 429", "status 503",
		faults.KindResetBefore, faults.KindResetAfter, faults.KindExpireTokens} {
		if counts[kind] == 0 {
			return fmt.Errorf("no %s was injected (%v): the test proves nothing about it", kind, counts)
		}
	}
	return nil
}

func (e *accEnv) checkNothingLeft(customerIDs []string) error {
	if left := e.faultCustomers(); len(left) != 0 {
		return fmt.Errorf("%d fault-matrix customers left after destroy, e.g. %s", len(left), left[0].LegalName)
	}
	if len(customerIDs) != faultMatrixCustomers {
		return fmt.Errorf("recorded %d customer ids, want %d", len(customerIDs), faultMatrixCustomers)
	}
	for _, id := range customerIDs {
		if n := len(e.sandbox.Addresses(id)) + len(e.sandbox.CustomerAttributes(id)) + len(e.sandbox.TaxResidences(id)); n != 0 {
			return fmt.Errorf("customer %s left %d children behind", id, n)
		}
	}
	return nil
}

// TestAccWrongPasswordLogsInOnce: twenty resources configured with a wrong
// password make one login request, however many requests need a token, so a
// typo never locks the account; the right password still logs in afterwards.
func TestAccWrongPasswordLogsInOnce(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	config := env.providerConfigAs(obpsandbox.AdminUsername, "wrong-password-123") + fmt.Sprintf(`
resource "openbanking_customer" "c" {
  count               = 20
  bank_id             = %q
  legal_name          = "Lockout ${count.index}"
  mobile_phone_number = format("+44 7700 8%%05d", count.index)
}
`, env.bankID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)OBP-20004: Invalid login credentials`),
		}},
	})
	if n := env.sandbox.RequestCount("POST /my/logins/direct"); n != 1 { // one route name for the bare and the v6.0.0 path
		t.Errorf("the server received %d login requests, want 1", n)
	}
	if err := env.api.Login(context.Background()); err != nil {
		t.Errorf("the right password no longer logs in: %v", err)
	}
}
