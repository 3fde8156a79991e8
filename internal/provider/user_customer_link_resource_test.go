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
)

const linkAddr = "openbanking_user_customer_link.test"

// linkConfig links the user found by username to the parent customer (or a second customer).
func (e *accEnv) linkConfig(username, customer string) string {
	return e.parentCustomer() + fmt.Sprintf(`
resource "openbanking_customer" "other" {
  bank_id             = %q
  legal_name          = "Other Customer"
  mobile_phone_number = "+44 7700 900200"
}

data "openbanking_user" "linked" {
  username = %q
}

resource "openbanking_user_customer_link" "test" {
  bank_id     = openbanking_customer.parent.bank_id
  user_id     = data.openbanking_user.linked.user_id
  customer_id = openbanking_customer.%s.customer_id
}
`, e.bankID, username, customer)
}

func (e *accEnv) linkUsername(t *testing.T) string {
	t.Helper()
	e.requireSandbox(t)
	return "sandbox.viewer"
}

func (e *accEnv) checkLinkOnServer(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		links, err := e.freshAPI(t).ListUserCustomerLinksByCustomer(context.Background(), e.bankID, stateAttr(s, linkAddr, "customer_id"))
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.UserCustomerLinkID == stateAttr(s, linkAddr, "user_customer_link_id") {
				return equal("user_id", l.UserID, stateAttr(s, linkAddr, "user_id"))
			}
		}
		return fmt.Errorf("link %s not on the server", stateAttr(s, linkAddr, "user_customer_link_id"))
	}
}

func (e *accEnv) checkLinksDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "openbanking_user_customer_link" {
				continue
			}
			links, err := e.freshAPI(t).ListUserCustomerLinksByCustomer(context.Background(), e.bankID, rs.Primary.Attributes["customer_id"])
			if err != nil || len(links) != 0 {
				return fmt.Errorf("customer %s still has %d links (err=%w)", rs.Primary.Attributes["customer_id"], len(links), err)
			}
		}
		return e.checkCustomersDestroyed(t)(s)
	}
}

func TestAccUserCustomerLinkResource(t *testing.T) {
	env := newAccEnv(t)
	username := env.linkUsername(t)
	var customerID, linkID string
	remember := func(s *terraform.State) error {
		customerID, linkID = stateAttr(s, linkAddr, "customer_id"), stateAttr(s, linkAddr, "user_customer_link_id")
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkLinksDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.linkConfig(username, "parent"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(linkAddr, tfjsonpath.New("user_id"), knownvalue.StringExact(env.sandbox.UserID(username))),
					statecheck.ExpectKnownValue(linkAddr, tfjsonpath.New("is_active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(linkAddr, tfjsonpath.New("date_inserted"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(remember, env.checkLinkOnServer(t)),
			},
			{
				ResourceName: linkAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIdentifierAttribute: "user_customer_link_id",
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return env.bankID + "/" + stateAttr(s, linkAddr, "user_customer_link_id"), nil
				},
			},
			{
				ResourceName: linkAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIdentifierAttribute: "user_customer_link_id",
				ImportStateIdFunc: importChildID(linkAddr, "user_customer_link_id"),
			},
			{
				Config: env.linkConfig(username, "other"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(linkAddr, plancheck.ResourceActionReplace),
				}},
				Check: resource.ComposeTestCheckFunc(remember, env.checkLinkOnServer(t)),
			},
			{
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					if err := env.api.DeleteUserCustomerLink(context.Background(), env.bankID, customerID, linkID); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.linkConfig(username, "other"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(linkAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkLinkOnServer(t),
			},
		},
	})
}

func TestAccUserCustomerLinkResource_errors(t *testing.T) {
	env := newAccEnv(t)
	username := env.linkUsername(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkLinksDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.parentCustomer() + `
resource "openbanking_user_customer_link" "test" {
  bank_id     = openbanking_customer.parent.bank_id
  user_id     = "no-such-user"
  customer_id = openbanking_customer.parent.customer_id
}`,
				ExpectError: regexp.MustCompile(`(?s)user_id.*OBP-20057`),
			},
			{
				Config: env.linkConfig(username, "parent") + `
resource "openbanking_user_customer_link" "twice" {
  depends_on  = [openbanking_user_customer_link.test]
  bank_id     = openbanking_customer.parent.bank_id
  user_id     = data.openbanking_user.linked.user_id
  customer_id = openbanking_customer.parent.customer_id
}`,
				ExpectError: regexp.MustCompile(`(?s)OBP-30007.*Another resource of this configuration.*declare each object once`),
			},
			{
				Config: env.linkConfig(username, "parent"), ResourceName: linkAddr, ImportState: true,
				ImportStateId: "a/b/c/d", ExpectError: regexp.MustCompile(`Expected bank_id/user_customer_link_id or`),
			},
		},
	})
}
