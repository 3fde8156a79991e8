package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	sbtruelayer "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

func TestAccTrueLayerAccountsDataSource(t *testing.T) {
	env := newAccEnv(t)
	provider := env.accountAPIsConfig(t)
	seeded := env.all.TrueLayer.Accounts(sbtruelayer.ConnectionID)
	ds := "data.openbanking_truelayer_accounts.test"
	config := func(connection string) string {
		return provider + fmt.Sprintf("data \"openbanking_truelayer_accounts\" \"test\" {\n  connection_id = %q\n  end_user_ip = \"203.0.113.7\"\n}\n", connection)
	}
	account0 := tfjsonpath.New("accounts").AtSliceIndex(0)
	tokensBefore := 0
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Five accounts over pages of two.
				PreConfig: env.all.TrueLayer.ResetCounts,
				Config:    config(sbtruelayer.ConnectionID),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(seeded)), func(*terraform.State) error {
					if n := env.all.TrueLayer.RequestCount("GET " + sbtruelayer.ConnectedAccountsPath); n == 0 || n%3 != 0 {
						return fmt.Errorf("%d account requests, want whole reads of 3 pages", n)
					}
					if ip := env.all.TrueLayer.LastEndUserIP(); ip != "203.0.113.7" {
						return fmt.Errorf("end-user IP sent = %q", ip)
					}
					tokensBefore = env.all.TrueLayer.TokenCount()
					return nil
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("id"), knownvalue.StringExact(seeded[0].ID)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("normalized").AtMapKey("currency"), knownvalue.StringExact(seeded[0].Currency)),
					statecheck.ExpectKnownValue(ds, account0.AtMapKey("normalized").AtMapKey("identifiers"), knownvalue.NotNull()),
				},
			},
			{
				// An expired token is renewed once and the read succeeds.
				PreConfig: env.all.TrueLayer.ExpireTokens,
				Config:    config(sbtruelayer.ConnectionID),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(seeded)), func(*terraform.State) error {
					if env.all.TrueLayer.TokenCount() <= tokensBefore {
						return fmt.Errorf("no new token after expiry")
					}
					return nil
				}),
			},
			{Config: config(sbtruelayer.EmptyConnectionID), Check: countAccounts(ds, 0)},
			{Config: config("00000000-0000-4000-8000-00000000dead"), ExpectError: regexp.MustCompile(`(?s)connection_id.*HTTP\s+404`)},
			{
				Config:      strings.Replace(config(sbtruelayer.ConnectionID), sbtruelayer.ClientSecret, "wrong-secret", 1),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the TrueLayer Accounts.*invalid_client`),
			},
		},
	})
}
