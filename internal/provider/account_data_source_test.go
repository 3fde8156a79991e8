package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// adminAccounts are the sandbox accounts of a bank the admin owns.
func (e *accEnv) adminAccounts(bankID string) []obpsandbox.Account {
	admin := e.sandbox.UserID(obpsandbox.AdminUsername)
	var out []obpsandbox.Account
	for _, a := range e.sandbox.Accounts(bankID) {
		if slices.Contains(a.OwnerUserIDs, admin) {
			out = append(out, a)
		}
	}
	return out
}

func TestAccAccountDataSource(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	owned := env.adminAccounts(env.bankID)[0]
	ds := "data.openbanking_account.test"
	config := func(account, view string) string {
		return env.providerConfig() + fmt.Sprintf("data \"openbanking_account\" \"test\" {\n  bank_id = %q\n  account_id = %q\n%s}\n", env.bankID, account, view)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(owned.AccountID, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("view_id"), knownvalue.StringExact("owner")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("label"), knownvalue.StringExact(owned.Label)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("product_code"), knownvalue.StringExact(owned.ProductCode)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("balance_amount"), knownvalue.StringExact(owned.Balance)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("account_routings"), knownvalue.ListSizeExact(len(owned.Routings))),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("tags"), knownvalue.ListSizeExact(len(owned.Tags))),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact(owned.Tags[0])),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("user_display_name"), knownvalue.StringExact("sandbox.admin")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("normalized").AtMapKey("currency"), knownvalue.StringExact(owned.Currency)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("normalized").AtMapKey("owned"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("normalized").AtMapKey("institution_id"), knownvalue.StringExact(env.bankID)),
				},
			},
			{
				// The public view hides the balance.
				Config: config(obpsandbox.PublicAccountID, "view_id = \"public\"\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("balance_amount"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("normalized").AtMapKey("balance"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("normalized").AtMapKey("owned"), knownvalue.Null()),
				},
			},
			{Config: config(obpsandbox.PublicAccountID, ""), ExpectError: regexp.MustCompile(`(?s)accounts/demo-public-01/owner/account\s+answered HTTP 403.*OBP-20017: Current user does not have access to the view`)},
			{Config: config("no-such-account", ""), ExpectError: regexp.MustCompile(`(?s)account_id.*HTTP\s+404.*OBP-30018`)},
			{
				Config: env.providerConfig() + `data "openbanking_account" "test" {
  bank_id    = "no.such.bank"
  account_id = "x"
}`,
				ExpectError: regexp.MustCompile(`(?s)bank_id.*OBP-30001`),
			},
		},
	})
}
