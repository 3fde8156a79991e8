package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

const attributeAddr = "openbanking_customer_attribute.test"

func (e *accEnv) attributeConfig(name, typ, value string) string {
	return e.parentCustomer() + fmt.Sprintf(`
resource "openbanking_customer_attribute" "test" {
  bank_id     = openbanking_customer.parent.bank_id
  customer_id = openbanking_customer.parent.customer_id
  name        = %q
  type        = %q
  value       = %q
}
`, name, typ, value)
}

func (e *accEnv) checkAttribute(name, typ, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := e.api.GetCustomerAttribute(context.Background(), e.bankID,
			stateAttr(s, attributeAddr, "customer_id"), stateAttr(s, attributeAddr, "customer_attribute_id"))
		if err != nil {
			return err
		}
		return firstErr(equal("name", a.Name, name), equal("type", a.Type, typ), equal("value", a.Value, value))
	}
}

func (e *accEnv) checkAttributesDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "openbanking_customer_attribute" {
				continue
			}
			_, err := e.api.GetCustomerAttribute(context.Background(), e.bankID, rs.Primary.Attributes["customer_id"], rs.Primary.Attributes["customer_attribute_id"])
			if !isGone(err, obp.CodeCustomerAttributeNotFound) {
				return fmt.Errorf("attribute %s still exists (err=%w)", rs.Primary.Attributes["customer_attribute_id"], err)
			}
		}
		return e.checkCustomersDestroyed(t)(s)
	}
}

func TestAccCustomerAttributeResource(t *testing.T) {
	env := newAccEnv(t)
	var parentID, attributeID string
	remember := func(s *terraform.State) error {
		parentID, attributeID = stateAttr(s, "openbanking_customer.parent", "customer_id"), stateAttr(s, attributeAddr, "customer_attribute_id")
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkAttributesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.attributeConfig("TAX_NUMBER", "STRING", "X123"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(attributeAddr, tfjsonpath.New("customer_attribute_id"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(remember, env.checkAttribute("TAX_NUMBER", "STRING", "X123")),
			},
			{
				ResourceName: attributeAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importChildID(attributeAddr, "customer_attribute_id"), ImportStateVerifyIdentifierAttribute: "customer_attribute_id",
			},
			{
				Config: env.attributeConfig("RISK_SCORE", "DOUBLE", "12.50"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attributeAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(attributeAddr, tfjsonpath.New("value"), knownvalue.StringExact("12.50")),
				},
				Check: env.checkAttribute("RISK_SCORE", "DOUBLE", "12.50"),
			},
			{
				// The server writes the number another way: no change.
				PreConfig: func() {
					if env.sandbox != nil {
						env.sandbox.UpdateCustomerAttribute(attributeID, func(a *obpsandbox.CustomerAttribute) { a.Value = "12.5" })
					}
				},
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					_, err := env.api.UpdateCustomerAttribute(context.Background(), env.bankID, parentID, attributeID,
						obp.CustomerAttributeRequest{Name: "RISK_SCORE", Type: "DOUBLE", Value: "99"})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: env.attributeConfig("RISK_SCORE", "DOUBLE", "12.50"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attributeAddr, plancheck.ResourceActionUpdate),
				}},
				Check: env.checkAttribute("RISK_SCORE", "DOUBLE", "12.50"),
			},
			{
				PreConfig: func() {
					if err := env.api.DeleteCustomerAttribute(context.Background(), env.bankID, attributeID); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.attributeConfig("RISK_SCORE", "DOUBLE", "12.50"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attributeAddr, plancheck.ResourceActionCreate),
				}},
			},
			{
				PreConfig: env.deleteParent(t, &parentID),
				Config:    env.attributeConfig("RISK_SCORE", "DOUBLE", "12.50"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("openbanking_customer.parent", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(attributeAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkAttribute("RISK_SCORE", "DOUBLE", "12.50"),
			},
		},
	})
}

// TestAccCustomerAttributeResource_refreshedWithItsCustomer: a refresh takes
// the attributes from the customer's answer, with no request per attribute.
func TestAccCustomerAttributeResource_refreshedWithItsCustomer(t *testing.T) {
	env := newAccEnv(t)
	config := env.parentCustomer() + `
resource "openbanking_customer_attribute" "many" {
  count       = 3
  bank_id     = openbanking_customer.parent.bank_id
  customer_id = openbanking_customer.parent.customer_id
  name        = "SEGMENT_${count.index}"
  type        = "STRING"
  value       = "v${count.index}"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkAttributesDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:         env.resetCounts,
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:             env.checkRequested("GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes/{CUSTOMER_ATTRIBUTE_ID}", 0),
			},
		},
	})
}

func TestAccCustomerAttributeResource_badInput(t *testing.T) {
	env := newAccEnv(t)
	planError := func(name, typ, value, want string) resource.TestStep {
		return resource.TestStep{Config: env.attributeConfig(name, typ, value), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError("A", "TEXT", "x", `(?s)type.*value must be one of: \["STRING" "INTEGER" "DOUBLE"\s+"DATE_WITH_DAY"\]`),
			planError("A", "INTEGER", "12.5", `(?s)value.*"12.5" is not a valid INTEGER value`),
			planError("A", "DOUBLE", "twelve", `(?s)value.*"twelve" is not a valid DOUBLE value`),
			planError("A", "DATE_WITH_DAY", "23/04/2012", `(?s)value.*"23/04/2012" is not a valid DATE_WITH_DAY value`),
			planError("A_NAME_THAT_IS_MUCH_LONGER_THAN_FIFTY_CHARACTERS_ALLOWED", "STRING", "x", `(?s)name must be 1 to 50 characters, got 56`),
			{
				Config: env.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer_attribute" "test" {
  bank_id     = %q
  customer_id = "no-such-customer"
  name        = "A"
  type        = "STRING"
  value       = "x"
}`, env.bankID),
				ExpectError: regexp.MustCompile(`(?s)customer_id.*OBP-30046: Customer not found`),
			},
		},
	})
}
