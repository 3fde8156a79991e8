package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccBanksDataSource(t *testing.T) {
	env := newAccEnv(t)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.openbanking_banks.all", tfjsonpath.New("banks"), knownvalue.NotNull()),
	}
	if env.sandbox != nil {
		checks = append(checks,
			statecheck.ExpectKnownValue("data.openbanking_banks.all", tfjsonpath.New("banks"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue("data.openbanking_banks.all", tfjsonpath.New("banks").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact("demo.bank.01")),
			statecheck.ExpectKnownValue("data.openbanking_banks.all", tfjsonpath.New("banks").AtSliceIndex(0).AtMapKey("bank_routings").AtSliceIndex(0),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"scheme": knownvalue.StringExact("OBP"), "address": knownvalue.StringExact("demo.bank.01")})),
			statecheck.ExpectKnownValue("data.openbanking_banks.all", tfjsonpath.New("banks").AtSliceIndex(1).AtMapKey("website"), knownvalue.Null()),
		)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            env.providerConfig() + `data "openbanking_banks" "all" {}`,
			ConfigStateChecks: checks,
		}},
	})
}
