package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// convergeConfig is a customer with a chosen number and one child of each
// kind that needs no other user.
func (e *accEnv) convergeConfig(number string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "c" {
  bank_id             = %q
  customer_number     = %q
  legal_name          = "Converge"
  mobile_phone_number = "+44 7700 900321"
}

resource "openbanking_customer_address" "a" {
  bank_id      = openbanking_customer.c.bank_id
  customer_id  = openbanking_customer.c.customer_id
  line_1       = "1 Converge Street"
  city         = "Leeds"
  country_code = "GB"
}

resource "openbanking_customer_attribute" "x" {
  bank_id     = openbanking_customer.c.bank_id
  customer_id = openbanking_customer.c.customer_id
  name        = "SEGMENT"
  type        = "STRING"
  value       = "retail"
}

resource "openbanking_tax_residence" "t" {
  bank_id     = openbanking_customer.c.bank_id
  customer_id = openbanking_customer.c.customer_id
  domain      = "GB"
  tax_number  = "CV1"
}
`, e.bankID, number)
}

// lostThenUncheckable loses the answer of the first POST whose path ends with
// postSuffix, after the server made the object, and then every check whose
// path ends with checkSuffix: the provider cannot tell what happened, like a
// process killed mid-create.
func lostThenUncheckable(postSuffix, checkSuffix string) func(*http.Request) bool {
	var posted atomic.Bool
	return func(r *http.Request) bool {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, postSuffix) {
			return posted.CompareAndSwap(false, true)
		}
		return posted.Load() && strings.HasSuffix(r.URL.Path, checkSuffix)
	}
}

// After creates that reached the server but were never recorded, a plain
// apply converges: no duplicate, no orphan, state equals the server, empty plan.
func TestAccInterruptedCreateConverges(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	number := randomNumber()
	config := env.convergeConfig(number)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.all.Faults.Set(faults.Config{ResetAfter: 1, Match: lostThenUncheckable("/customers", "/customer-number")})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)could not check whether\s+the server made the object`),
			},
			{
				PreConfig: func() {
					env.all.Faults.Set(faults.Config{ResetAfter: 1, Match: lostThenUncheckable("/attribute", "/attributes")})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)could not check whether\s+the server made the object`),
			},
			{
				PreConfig: func() { env.all.Faults.Set(faults.Config{}) },
				Config:    config,
				Check:     env.checkConverged(number),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// checkConverged: the server has exactly the objects of the configuration, and they are the ones in state.
func (e *accEnv) checkConverged(number string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var matching []obpsandbox.Customer
		for _, c := range e.sandbox.Customers(e.bankID) {
			if c.CustomerNumber == number {
				matching = append(matching, c)
			}
		}
		if len(matching) != 1 {
			return fmt.Errorf("%d customers with number %s, want 1", len(matching), number)
		}
		id := matching[0].CustomerID
		addresses, attributes, residences := e.sandbox.Addresses(id), e.sandbox.CustomerAttributes(id), e.sandbox.TaxResidences(id)
		if len(addresses) != 1 || len(attributes) != 1 || len(residences) != 1 {
			return fmt.Errorf("customer has %d addresses, %d attributes, %d tax residences; want 1 each",
				len(addresses), len(attributes), len(residences))
		}
		return firstErr(
			equal("customer_id", stateAttr(s, "openbanking_customer.c", "customer_id"), id),
			equal("customer_address_id", stateAttr(s, "openbanking_customer_address.a", "customer_address_id"), addresses[0].CustomerAddressID),
			equal("customer_attribute_id", stateAttr(s, "openbanking_customer_attribute.x", "customer_attribute_id"), attributes[0].CustomerAttributeID),
			equal("tax_residence_id", stateAttr(s, "openbanking_tax_residence.t", "tax_residence_id"), residences[0].TaxResidenceID),
		)
	}
}

// A create interrupted (here by its timeout) after the server made the
// object records the object instead of leaving it behind.
func TestAccInterruptedCreateIsRecorded(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		interrupted := false
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/customers") {
			once.Do(func() { interrupted = true })
		}
		if !interrupted {
			env.all.ServeHTTP(w, r)
			return
		}
		env.all.ServeHTTP(httptest.NewRecorder(), r) // the server makes the customer ...
		<-r.Context().Done()                         // ... and answers only once the client gave up
	}))
	t.Cleanup(srv.Close)
	env.url = srv.URL
	number := randomNumber()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{{
			Config: env.minimalCustomerConfig("Interrupted", fmt.Sprintf(`
  customer_number = %q
  timeouts {
    create = "2s"
  }`, number)),
			Check: func(s *terraform.State) error {
				got, err := env.api.GetCustomerByNumber(context.Background(), env.bankID, number)
				if err != nil {
					return err
				}
				return equal("customer_id", stateAttr(s, customerAddr, "customer_id"), got.CustomerID)
			},
		}},
	})
}

// existingObjects makes, out of band, the objects convergeConfig declares;
// differentValue changes the attribute's value.
func (e *accEnv) existingObjects(t *testing.T, number, value string) string {
	t.Helper()
	ctx := context.Background()
	c, err := e.api.CreateCustomer(ctx, e.bankID, obp.CreateCustomerRequest{
		LegalName: "Converge", MobilePhoneNumber: "+44 7700 900321", CustomerNumber: number})
	if err != nil {
		t.Fatal(err)
	}
	api := e.freshAPI(t)
	_, err1 := api.CreateAddress(ctx, e.bankID, c.CustomerID, obp.Address{Line1: "1 Converge Street", City: "Leeds", CountryCode: "GB", Tags: []string{}})
	_, err2 := api.CreateCustomerAttribute(ctx, e.bankID, c.CustomerID, obp.CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: value})
	_, err3 := api.CreateTaxResidence(ctx, e.bankID, c.CustomerID, obp.TaxResidence{Domain: "GB", TaxNumber: "CV1"})
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c.CustomerID
}

// Objects the server already has that match the configuration are adopted.
func TestAccAdoptsMatchingObjects(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	number := randomNumber()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{{
			PreConfig: func() { env.existingObjects(t, number, "retail") },
			Config:    env.convergeConfig(number),
			Check:     env.checkConverged(number),
		}},
	})
}

// An existing object that differs from the configuration is not adopted: the
// error gives the import command and an import block.
func TestAccRefusesDifferingObjects(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	number, otherNumber := randomNumber(), randomNumber()
	var customerID, otherID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { customerID = env.existingObjects(t, number, "private") },
				Config:    env.convergeConfig(number),
				ExpectError: regexp.MustCompile(`(?s)customer attribute Already Exists.*terraform import\s+openbanking_customer_attribute.<NAME>\s+` +
					regexp.QuoteMeta(env.bankID) + `/[0-9a-f-]+/[0-9a-f-]+.*import\s+\{\s+to\s+=\s+openbanking_customer_attribute.<NAME>\s+id\s+=\s+"`),
			},
			{
				// A customer the state does not hold (the one above is
				// destroyed by this step, in parallel with the create).
				PreConfig: func() {
					if n := len(env.sandbox.CustomerAttributes(customerID)); n != 1 {
						t.Fatalf("%d attributes, want the existing one only", n)
					}
					otherID = env.existingObjects(t, otherNumber, "private")
				},
				Config: env.minimalCustomerConfig("Someone Else", fmt.Sprintf("customer_number = %q", otherNumber)),
				ExpectError: regexp.MustCompile(`(?s)customer Already Exists.*terraform import\s+openbanking_customer.<NAME>\s+` +
					regexp.QuoteMeta(env.bankID) + `/[0-9a-f-]+`),
			},
		},
	})
	env.sandbox.DeleteCustomer(customerID)
	env.sandbox.DeleteCustomer(otherID)
}
