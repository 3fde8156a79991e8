package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccEmptyValues: "" for optional strings and [] for lists and sets, as
// real configurations write them, apply as OBP's unset and never show a
// change; lengths count characters, not bytes.
func TestAccEmptyValues(t *testing.T) {
	env := newAccEnv(t)
	name := "EMPTY_" + randomNumber()
	config := env.parentCustomer() + fmt.Sprintf(`
resource "openbanking_customer" "empty" {
  bank_id                    = %q
  legal_name                 = %q
  mobile_phone_number        = "+44 7700 900200"
  email                      = ""
  title                      = ""
  name_suffix                = ""
  branch_id                  = ""
  relationship_status        = %q
  highest_education_attained = ""
  employment_status          = ""
  dob_of_dependants          = []
  credit_rating              = { rating = %q, source = "s" }
}
`, env.bankID, strings.Repeat("名", 255), strings.Repeat("名", 16), strings.Repeat("名", 100)) +
		childHCL("openbanking_customer_address", "empty", "  line_1 = \"1 Main St\"\n  line_2 = \"\"\n  line_3 = \"\"\n  county = \"\"\n  state = \"\"\n  postcode = \"\"\n  city = \"Leeds\"\n  country_code = \"GB\"\n  tags = []") +
		fmt.Sprintf(`
resource "openbanking_customer_attribute_definition" "empty" {
  bank_id              = %q
  name                 = %q
  category             = "Customer"
  type                 = "STRING"
  description          = ""
  alias                = ""
  can_be_seen_on_views = []
}
`, env.bankID, name)
	empty := func(addr, attr string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact(""))
	}
	none := func(addr, attr string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.ListSizeExact(0))
	}
	noneSet := func(addr, attr string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.SetSizeExact(0))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					empty("openbanking_customer.empty", "email"), empty("openbanking_customer.empty", "branch_id"),
					none("openbanking_customer.empty", "dob_of_dependants"),
					statecheck.ExpectKnownValue("openbanking_customer.empty", tfjsonpath.New("relationship_status"), knownvalue.StringExact(strings.Repeat("名", 16))),
					empty("openbanking_customer_address.empty", "line_2"), empty("openbanking_customer_address.empty", "status"),
					noneSet("openbanking_customer_address.empty", "tags"),
					empty("openbanking_customer_attribute_definition.empty", "description"),
					noneSet("openbanking_customer_attribute_definition.empty", "can_be_seen_on_views"),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
