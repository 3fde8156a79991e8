package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

const addressAddr = "openbanking_customer_address.test"

func (e *accEnv) addressConfig(city, tags, extra string) string {
	return e.parentCustomer() + fmt.Sprintf(`
resource "openbanking_customer_address" "test" {
  bank_id      = openbanking_customer.parent.bank_id
  customer_id  = openbanking_customer.parent.customer_id
  line_1       = "1 Example Street"
  line_2       = "Flat 2"
  city         = %q
  state        = "Greater London"
  postcode     = "N1 9GU"
  country_code = "GB"
  tags         = %s
%s
}
`, city, tags, extra)
}

// serverAddress reads the address in state from the server (no shared list answers).
func (e *accEnv) serverAddress(t *testing.T, s *terraform.State) (*obp.Address, error) {
	all, err := e.freshAPI(t).ListAddresses(context.Background(), e.bankID, stateAttr(s, addressAddr, "customer_id"))
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].CustomerAddressID == stateAttr(s, addressAddr, "customer_address_id") {
			return &all[i], nil
		}
	}
	return nil, fmt.Errorf("address %s not on the server", stateAttr(s, addressAddr, "customer_address_id"))
}

func (e *accEnv) checkAddress(t *testing.T, city string, tags []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := e.serverAddress(t, s)
		if err != nil {
			return err
		}
		sort.Strings(a.Tags)
		sort.Strings(tags)
		return firstErr(equal("city", a.City, city), equal("tags", fmt.Sprint(a.Tags), fmt.Sprint(tags)),
			equal("status", a.Status, "Greater London"))
	}
}

func (e *accEnv) checkAddressesDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "openbanking_customer_address" {
				continue
			}
			all, err := e.freshAPI(t).ListAddresses(context.Background(), e.bankID, rs.Primary.Attributes["customer_id"])
			if err == nil && len(all) > 0 {
				return fmt.Errorf("%d addresses left on customer %s", len(all), rs.Primary.Attributes["customer_id"])
			}
		}
		return e.checkCustomersDestroyed(t)(s)
	}
}

func TestAccCustomerAddressResource(t *testing.T) {
	env := newAccEnv(t)
	var parentID, addressID string
	remember := func(s *terraform.State) error {
		parentID, addressID = stateAttr(s, "openbanking_customer.parent", "customer_id"), stateAttr(s, addressAddr, "customer_address_id")
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkAddressesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.addressConfig("London", `["mailing", "home"]`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("status"), knownvalue.StringExact("Greater London")),
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("line_3"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("mailing"), knownvalue.StringExact("home")})),
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("insert_date"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(remember, env.checkAddress(t, "London", []string{"mailing", "home"})),
			},
			{
				ResourceName: addressAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importChildID(addressAddr, "customer_address_id"), ImportStateVerifyIdentifierAttribute: "customer_address_id",
			},
			{
				// No tags: OBP answers [""], which must not show as a change.
				Config: env.addressConfig("Leeds", "null", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addressAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addressAddr, tfjsonpath.New("customer_address_id"), knownvalue.NotNull()),
				},
				Check: env.checkAddress(t, "Leeds", []string{""}),
			},
			{
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					_, err := env.api.UpdateAddress(context.Background(), env.bankID, parentID, addressID,
						obp.Address{Line1: "elsewhere", City: "Elsewhere", CountryCode: "FR", Tags: []string{"x"}})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: env.addressConfig("Leeds", "null", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addressAddr, plancheck.ResourceActionUpdate),
				}},
				Check: env.checkAddress(t, "Leeds", []string{""}),
			},
			{
				// The parent deleted out of band: customer and address are created again, without errors.
				PreConfig: env.deleteParent(t, &parentID),
				Config:    env.addressConfig("Leeds", "null", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("openbanking_customer.parent", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(addressAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkAddress(t, "Leeds", []string{""}),
			},
		},
	})
}

func TestAccCustomerAddressResource_badInput(t *testing.T) {
	env := newAccEnv(t)
	planError := func(config, want string) resource.TestStep {
		return resource.TestStep{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError(env.addressConfig("London", "null", "")+"\n# country\n"+`
resource "openbanking_customer_address" "bad" {
  bank_id      = "demo.bank.01"
  customer_id  = "c-1"
  line_1       = "x"
  city         = "y"
  country_code = "gbr"
}`, `(?s)country_code.*ISO 3166-1 alpha-2 code of two upper-case\s+letters`),
			planError(env.addressConfig("London", `["mailing", "home", "work", "holiday"]`, ""), `(?s)tags.*these take 25`),
			planError(env.addressConfig("London", `["a,b"]`, ""), `(?s)tags.*must not contain ","`),
			planError(env.addressConfig("London", "null", fmt.Sprintf("line_3 = %q", strings.Repeat("x", 256))), `(?s)line_3 must be at most 255 characters, got 256`),
			{
				Config: env.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer_address" "test" {
  bank_id      = %q
  customer_id  = "no-such-customer"
  line_1       = "x"
  city         = "y"
  country_code = "GB"
}`, env.bankID),
				ExpectError: regexp.MustCompile(`(?s)Could Not Create the Customer Address.*OBP-30046: Customer not found`),
			},
			{
				Config: env.addressConfig("London", "null", ""), ResourceName: addressAddr, ImportState: true,
				ImportStateId: "demo.bank.01/only-two", ExpectError: regexp.MustCompile(`Expected bank_id/customer_id/customer_address_id`),
			},
		},
	})
}

// TestAccCustomerAddressResource_many: many addresses of one customer in one
// apply, refreshed with one list request.
func TestAccCustomerAddressResource_many(t *testing.T) {
	env := newAccEnv(t)
	config := env.parentCustomer() + `
resource "openbanking_customer_address" "many" {
  count        = 12
  bank_id      = openbanking_customer.parent.bank_id
  customer_id  = openbanking_customer.parent.customer_id
  line_1       = "${count.index} Example Street"
  city         = "London"
  country_code = "GB"
  tags         = ["t${count.index}"]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkAddressesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					all, err := env.freshAPI(t).ListAddresses(context.Background(), env.bankID, stateAttr(s, "openbanking_customer.parent", "customer_id"))
					if err != nil || len(all) != 12 {
						return fmt.Errorf("server has %d addresses (err=%w), want 12", len(all), err)
					}
					return nil
				},
			},
			{
				PreConfig:         env.resetCounts,
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:             env.checkRequested("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses", 1),
			},
		},
	})
}

// checkRequested asserts, on the sandbox, that the last command called the endpoint want times.
func (e *accEnv) checkRequested(endpoint string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.sandbox == nil {
			return nil
		}
		if n := e.sandbox.RequestCount(endpoint); n != want {
			return fmt.Errorf("%s was requested %d times during the refresh, want %d", endpoint, n, want)
		}
		return nil
	}
}
