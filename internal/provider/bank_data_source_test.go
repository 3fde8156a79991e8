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

func TestAccBankDataSource(t *testing.T) {
	env := newAccEnv(t)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.openbanking_bank.b", tfjsonpath.New("bank_id"), knownvalue.StringExact(env.bankID)),
	}
	if env.sandbox != nil {
		checks = append(checks,
			statecheck.ExpectKnownValue("data.openbanking_bank.b", tfjsonpath.New("bank_code"), knownvalue.StringExact("DEMO01")),
			statecheck.ExpectKnownValue("data.openbanking_bank.b", tfjsonpath.New("logo"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.openbanking_bank.b", tfjsonpath.New("bank_routings").AtSliceIndex(1),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"scheme": knownvalue.StringExact("BIC"), "address": knownvalue.StringExact("DEMOGB2L")})))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `data "openbanking_bank" "b" {
  bank_id = "no.such.bank"
}`,
				ExpectError: regexp.MustCompile(`(?s)bank_id.*OBP-30001: Bank not found`),
			},
			{Config: env.providerConfig() + fmt.Sprintf("data \"openbanking_bank\" \"b\" {\n  bank_id = %q\n}\n", env.bankID), ConfigStateChecks: checks},
		},
	})
}
