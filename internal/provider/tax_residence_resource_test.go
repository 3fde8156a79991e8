package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

const taxAddr = "openbanking_tax_residence.test"

func (e *accEnv) taxConfig(domain, number string) string {
	return e.parentCustomer() + fmt.Sprintf(`
resource "openbanking_tax_residence" "test" {
  bank_id     = openbanking_customer.parent.bank_id
  customer_id = openbanking_customer.parent.customer_id
  domain      = %q
  tax_number  = %q
}
`, domain, number)
}

// serverTaxResidences lists the tax residences of the customer in state.
func (e *accEnv) serverTaxResidences(t *testing.T, s *terraform.State) (map[string]string, error) {
	all, err := e.freshAPI(t).ListTaxResidences(context.Background(), e.bankID, stateAttr(s, "openbanking_customer.parent", "customer_id"))
	out := map[string]string{}
	for _, r := range all {
		out[r.TaxResidenceID] = r.Domain + "/" + r.TaxNumber
	}
	return out, err
}

func (e *accEnv) checkTaxResidence(t *testing.T, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		all, err := e.serverTaxResidences(t, s)
		if err != nil {
			return err
		}
		if len(all) != 1 || all[stateAttr(s, taxAddr, "tax_residence_id")] != want {
			return fmt.Errorf("server has %v, want only %s", all, want)
		}
		return nil
	}
}

func TestAccTaxResidenceResource(t *testing.T) {
	env := newAccEnv(t)
	var parentID, taxID string
	remember := func(s *terraform.State) error {
		parentID, taxID = stateAttr(s, "openbanking_customer.parent", "customer_id"), stateAttr(s, taxAddr, "tax_residence_id")
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{Config: env.taxConfig("DE", "12/345/67890"), Check: resource.ComposeTestCheckFunc(remember, env.checkTaxResidence(t, "DE/12/345/67890"))},
			{
				ResourceName: taxAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importChildID(taxAddr, "tax_residence_id"), ImportStateVerifyIdentifierAttribute: "tax_residence_id",
			},
			{
				// OBP cannot update a tax residence: a change replaces it, leaving one on the server.
				Config: env.taxConfig("FR", "99 999 999 999"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(taxAddr, plancheck.ResourceActionReplace),
				}},
				Check: resource.ComposeTestCheckFunc(remember, env.checkTaxResidence(t, "FR/99 999 999 999")),
			},
			{
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					if err := env.api.DeleteTaxResidence(context.Background(), env.bankID, parentID, taxID); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.taxConfig("FR", "99 999 999 999"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(taxAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkTaxResidence(t, "FR/99 999 999 999"),
			},
			{
				PreConfig: env.deleteParent(t, &parentID),
				Config:    env.taxConfig("FR", "99 999 999 999"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("openbanking_customer.parent", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(taxAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkTaxResidence(t, "FR/99 999 999 999"),
			},
		},
	})
}

func TestAccTaxResidenceResource_badInput(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{Config: env.taxConfig("", "1"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)domain must be 1 to 255 characters, got 0`)},
			{
				Config: env.providerConfig() + fmt.Sprintf(`
resource "openbanking_tax_residence" "test" {
  bank_id     = %q
  customer_id = "no-such-customer"
  domain      = "DE"
  tax_number  = "1"
}`, env.bankID),
				ExpectError: regexp.MustCompile(`(?s)customer_id.*OBP-30046: Customer not found`),
			},
			{
				// The same domain and number twice on one customer: OBP refuses it, and the
				// existing residence belongs to the other resource of this run.
				Config: env.taxConfig("DE", "1") + `
resource "openbanking_tax_residence" "twice" {
  depends_on  = [openbanking_tax_residence.test]
  bank_id     = openbanking_customer.parent.bank_id
  customer_id = openbanking_customer.parent.customer_id
  domain      = "DE"
  tax_number  = "1"
}`,
				ExpectError: regexp.MustCompile(`(?s)Could Not Create the Tax Residence.*OBP-50200.*declare each object once`),
			},
		},
	})
}
