package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	sbivy "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
)

func TestAccIvyAccountsDataSource(t *testing.T) {
	env := newAccEnv(t)
	provider := env.accountAPIsConfig(t)
	ids := env.all.Ivy.AccountIDs()
	ds := "data.openbanking_ivy_accounts.test"
	config := func(extra string) string {
		return provider + fmt.Sprintf("data \"openbanking_ivy_accounts\" \"test\" {\n%s\n}\n", extra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				Check:  countAccounts(ds, len(ids)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(ids[0])),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("normalized").AtMapKey("id"), knownvalue.StringExact(ids[0])),
				},
			},
			{
				Config: config(fmt.Sprintf("account_id = %q", ids[3])),
				Check:  countAccounts(ds, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(ids[3])),
				},
			},
			{Config: config(`account_id = "acc_missing"`), ExpectError: regexp.MustCompile(`(?s)Could not read the Ivy accounts.*HTTP\s+404`)},
			{
				Config:      strings.Replace(config(""), sbivy.APIKey, "ivy_wrong_key", 1),
				ExpectError: regexp.MustCompile(`(?s)Could not read the Ivy accounts.*HTTP\s+401`),
			},
		},
	})
}
