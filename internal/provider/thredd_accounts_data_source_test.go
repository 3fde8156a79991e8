package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	sbthredd "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
)

func TestAccThreddAccountsDataSource(t *testing.T) {
	env := newAccEnv(t)
	provider := env.accountAPIsConfig(t)
	seeded, _ := env.all.Thredd.Accounts(sbthredd.CustomerID)
	first := seeded[0]
	ds := "data.openbanking_thredd_accounts.test"
	config := func(customer string) string {
		return provider + fmt.Sprintf("data \"openbanking_thredd_accounts\" \"test\" {\n  customer_id = %q\n}\n", customer)
	}
	account0 := tfjsonpath.New("accounts").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(sbthredd.CustomerID),
				Check:  countAccounts(ds, len(seeded)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("id"), knownvalue.StringExact(first.ID)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("type"), knownvalue.StringExact(first.Type)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("currency"), knownvalue.StringExact(first.Currency)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("normalized").AtMapKey("id"), knownvalue.StringExact(first.ID)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("normalized").AtMapKey("type"), knownvalue.StringExact(threddType(first.Type))),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("created_date"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				},
			},
			{Config: config(sbthredd.EmptyCustomerID), Check: countAccounts(ds, 0)},
			{Config: config("no-such-customer"), ExpectError: regexp.MustCompile(`(?s)customer_id.*HTTP\s+404`)},
			{
				Config:      env.providerConfig() + `data "openbanking_thredd_accounts" "test" { customer_id = "1" }`,
				ExpectError: regexp.MustCompile(`(?s)thredd Is Not Configured.*THREDD_URL`),
			},
			{
				Config:      regexp.MustCompile(`client_id = "[^"]*"`).ReplaceAllString(config(sbthredd.CustomerID), `client_id = "wrong"`),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the Thredd Accounts.*HTTP\s+401`),
			},
		},
	})
}
