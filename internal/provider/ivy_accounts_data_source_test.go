package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Pages of 10 accounts.
				PreConfig: env.all.Ivy.ResetCounts,
				Config:    config(""),
				Check: resource.ComposeTestCheckFunc(countAccounts(ds, len(ids)), func(*terraform.State) error {
					pages := (len(ids) + 9) / 10
					if n := env.all.Ivy.RequestCount("POST /api/services/data/accounts/list"); n == 0 || n%pages != 0 {
						return fmt.Errorf("%d list requests, want whole reads of %d pages", n, pages)
					}
					return nil
				}),
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
			{Config: config(`account_id = "acc_missing"`), ExpectError: regexp.MustCompile(`(?s)Could Not Read the Ivy Accounts.*Read\s+\(POST\s+/api/services/data/accounts/retrieve\)\s+answered\s+HTTP\s+404`)},
			{
				// A proxy's HTML page instead of JSON.
				Config:      env.providerConfig() + fmt.Sprintf("provider \"openbanking\" {\n  alias = \"html\"\n  ivy {\n    url = %q\n    api_key = \"k\"\n  }\n}\ndata \"openbanking_ivy_accounts\" \"test\" {\n  provider = openbanking.html\n}\n", htmlServer(t)),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the Ivy Accounts.*<html>`),
			},
			{
				Config:      strings.Replace(config(""), sbivy.APIKey, "ivy_wrong_key", 1),
				ExpectError: regexp.MustCompile(`(?s)Could Not Read the Ivy Accounts.*HTTP\s+401`),
			},
		},
	})
}

// htmlServer answers every request with an HTML page and status 200.
func htmlServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Gateway login</body></html>"))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
