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
	counter := &cdrCounter{sb: env.all.CDR, pages: pages}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Pages of 10 accounts.
				PreConfig: counter.start,
				Config:    config(""),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(seeded)), counter.check(false),
					resource.TestCheckNoResourceAttr(ds, "accounts.0.current_balance"),
					resource.TestCheckNoResourceAttr(ds, "accounts.0.normalized.balance")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("version"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("account_id"), knownvalue.StringExact(seeded[0].AccountID)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("normalized").AtMapKey("number"), knownvalue.StringExact(seeded[0].MaskedNumber)),
				},
			},
			{
				// One balances request per page of accounts.
				PreConfig: counter.start,
				Config:    config("include_balances = true"),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(seeded)), counter.check(true),
					seededBalances(ds, env.all.CDR.Balances())),
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

// cdrCounter counts the requests a step sends to the CDR sandbox.
type cdrCounter struct {
	sb    *sbcdr.Server
	pages int
}

func (c *cdrCounter) start() { c.sb.ResetCounts() }

// check wants whole reads of the pages of accounts and, withBalances, one
// balances request per page of accounts, else none.
func (c *cdrCounter) check(withBalances bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		accounts := c.sb.RequestCount("GET " + sbcdr.AccountsPath)
		balances := c.sb.RequestCount("POST " + sbcdr.BalancesPath)
		want := 0
		if withBalances {
			want = accounts
		}
		if accounts == 0 || accounts%c.pages != 0 || balances != want {
			return fmt.Errorf("%d accounts requests and %d balances requests, want whole reads of %d pages and %d balances requests",
				accounts, balances, c.pages, want)
		}
		return nil
	}
}

// seededBalances checks the balances of every account against the holder's.
func seededBalances(addr string, balances []sbcdr.Balance) resource.TestCheckFunc {
	var checks []resource.TestCheckFunc
	for i, b := range balances {
		currency := b.Currency
		if currency == "" {
			currency = "AUD"
		}
		at := fmt.Sprintf("accounts.%d.", i)
		checks = append(checks,
			resource.TestCheckResourceAttr(addr, at+"account_id", b.AccountID),
			resource.TestCheckResourceAttr(addr, at+"current_balance", b.CurrentBalance),
			resource.TestCheckResourceAttr(addr, at+"available_balance", b.AvailableBalance),
			resource.TestCheckResourceAttr(addr, at+"currency", currency),
			resource.TestCheckResourceAttr(addr, at+"normalized.balance", b.CurrentBalance),
			resource.TestCheckResourceAttr(addr, at+"normalized.currency", currency))
	}
	return resource.ComposeTestCheckFunc(checks...)
}

// TestAccCDRAccountsDataSource_versions: a holder that serves only V2 is read
// as V2; one that serves neither V2 nor V3 fails with the 406 explained; one
// that refuses the balances version fails on include_balances.
func TestAccCDRAccountsDataSource_versions(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	holder := func(opts sbcdr.Options, arguments string) string {
		srv := httptest.NewServer(sbcdr.New(opts))
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
  %s
}
`, srv.URL, sbcdr.BearerToken, arguments)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: holder(sbcdr.Options{Versions: []int{2}}, "include_balances = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.openbanking_cdr_accounts.test", tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.openbanking_cdr_accounts.test", tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("normalized").AtMapKey("balance"),
						knownvalue.StringExact(sbcdr.New(sbcdr.Options{}).Balances()[0].CurrentBalance)),
				},
			},
			{Config: holder(sbcdr.Options{Versions: []int{4}}, ""),
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+406\s+\(urn:au-cds:error:cds-all:Header/UnsupportedVersion\).*version 3\s+or\s+2\s+of\s+Get\s+Accounts`)},
			{Config: holder(sbcdr.Options{BalanceVersions: []int{2}}, "include_balances = true"),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the CDR Balances.*include_balances\s+=\s+true.*POST\s+/cds-au/v1/banking/accounts/balances\s+answered\s+HTTP\s+406\s+` +
					`\(urn:au-cds:error:cds-all:Header/UnsupportedVersion\).*Unsupported\s+Version:\s+minimum\s+version:\s+2,\s+maximum\s+version:\s+2`)},
		},
	})
}
