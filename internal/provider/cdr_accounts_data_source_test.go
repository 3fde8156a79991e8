package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	sbcdr "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
)

func TestAccCDRAccountsDataSource(t *testing.T) {
	env := newAccEnv(t)
	provider := env.accountAPIsConfig(t)
	seeded := env.all.CDR.Accounts()
	ds := "data.openbanking_cdr_accounts.test"
	config := func(filters string) string {
		return provider + fmt.Sprintf("data \"openbanking_cdr_accounts\" \"test\" {\n%s\n}\n", filters)
	}
	count := func(keep func(sbcdr.Account) bool) int {
		n := 0
		for _, a := range seeded {
			if keep(a) {
				n++
			}
		}
		return n
	}
	cards := count(func(a sbcdr.Account) bool { return a.ProductCategory == "CRED_AND_CHRG_CARDS" })
	notOwned := count(func(a sbcdr.Account) bool { return a.IsOwned != nil && !*a.IsOwned })
	closed := count(func(a sbcdr.Account) bool { return a.OpenStatus == "CLOSED" })
	pages := (len(seeded) + 9) / 10
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Pages of 10 accounts.
				PreConfig: env.all.CDR.ResetCounts,
				Config:    config(""),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(seeded)), func(*terraform.State) error {
					if n := env.all.CDR.RequestCount("GET " + sbcdr.AccountsPath); n == 0 || n%pages != 0 {
						return fmt.Errorf("%d requests, want whole reads of %d pages", n, pages)
					}
					return nil
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("version"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("account_id"), knownvalue.StringExact(seeded[0].AccountID)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("normalized").AtMapKey("number"), knownvalue.StringExact(seeded[0].MaskedNumber)),
				},
			},
			{Config: config(`product_category = "CRED_AND_CHRG_CARDS"`), Check: countAccounts(ds, cards)},
			{Config: config(`is_owned = false`), Check: countAccounts(ds, notOwned)},
			{Config: config(`open_status = "CLOSED"`), Check: countAccounts(ds, closed)},
			{Config: config(`open_status = "SOMETIMES"`), ExpectError: regexp.MustCompile(`(?s)open_status.*value must be one of`)},
			{
				Config:      strings.Replace(config(""), sbcdr.BearerToken, sbcdr.ExpiredToken, 1),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the CDR Accounts.*HTTP\s+401`),
			},
		},
	})
}

// TestAccCDRAccountsDataSource_versions: a holder that serves only V2 is read
// as V2; one that serves neither V2 nor V3 fails with the 406 explained.
func TestAccCDRAccountsDataSource_versions(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	holder := func(versions ...int) string {
		srv := httptest.NewServer(sbcdr.New(sbcdr.Options{Versions: versions}))
		t.Cleanup(srv.Close)
		return env.providerConfig() + fmt.Sprintf(`
provider "openbanking" {
  alias = "holder"
  cdr {
    url          = %q
    bearer_token = %q
  }
}

data "openbanking_cdr_accounts" "test" {
  provider = openbanking.holder
}
`, srv.URL, sbcdr.BearerToken)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: holder(2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.openbanking_cdr_accounts.test", tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
				},
			},
			{Config: holder(4), ExpectError: regexp.MustCompile(`(?s)HTTP\s+406\s+\(urn:au-cds:error:cds-all:Header/UnsupportedVersion\).*serves neither version 3 nor\s+version 2`)},
		},
	})
}
