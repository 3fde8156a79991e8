package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccCustomerDataSource(t *testing.T) {
	env := newAccEnv(t)
	number := randomNumber()
	config := env.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "test" {
  bank_id             = %[1]q
  customer_number     = %[2]q
  legal_name          = "Data Source Example"
  mobile_phone_number = "+44 7700 900555"
  date_of_birth       = "1970-01-02"
  credit_limit        = { currency = "EUR", amount = "100" }
}

data "openbanking_customer" "by_number" {
  bank_id         = openbanking_customer.test.bank_id
  customer_number = openbanking_customer.test.customer_number
}

data "openbanking_customer" "by_id" {
  bank_id     = openbanking_customer.test.bank_id
  customer_id = openbanking_customer.test.customer_id
}
`, env.bankID, number)
	same := func(ds, attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs("data.openbanking_customer."+ds, tfjsonpath.New(attr),
			customerAddr, tfjsonpath.New(attr), compareEqual)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:      env.providerConfig() + fmt.Sprintf(`data "openbanking_customer" "x" { bank_id = %q }`, env.bankID),
				ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured:\s+\[customer_id,customer_number\]`),
			},
			{
				Config: env.providerConfig() + fmt.Sprintf(`data "openbanking_customer" "x" {
  bank_id = %q
  customer_number = "no-such-number-%s"
}`, env.bankID, number),
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+404.*OBP-30002: Customer not found`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					same("by_number", "customer_id"),
					same("by_id", "customer_number"),
					same("by_number", "legal_name"),
					same("by_id", "credit_limit"),
					statecheck.ExpectKnownValue("data.openbanking_customer.by_id", tfjsonpath.New("date_of_birth"), knownvalue.StringExact("1970-01-02")),
					statecheck.ExpectKnownValue("data.openbanking_customer.by_id", tfjsonpath.New("email"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.openbanking_customer.by_id", tfjsonpath.New("customer_attributes"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
