package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
)

func TestAccUserDataSources(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	viewerID := env.sandbox.UserID(sandbox.NoRoleUsername)
	config := env.providerConfig() + fmt.Sprintf(`
data "openbanking_user" "by_name" {
  username = %q
}

data "openbanking_user" "by_id" {
  user_id = data.openbanking_user.by_name.user_id
}

data "openbanking_current_user" "me" {}
`, sandbox.NoRoleUsername)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `data "openbanking_user" "x" {
  username = "nobody"
}`,
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+404.*OBP-20027`),
			},
			{
				Config: env.providerConfig() + `data "openbanking_user" "x" {
  user_id = "no-such-id"
}`,
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+400.*OBP-20057`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.openbanking_user.by_name", tfjsonpath.New("user_id"), knownvalue.StringExact(viewerID)),
					statecheck.ExpectKnownValue("data.openbanking_user.by_name", tfjsonpath.New("entitlements"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.openbanking_user.by_name", tfjsonpath.New("is_locked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.openbanking_user.by_id", tfjsonpath.New("username"), knownvalue.StringExact(sandbox.NoRoleUsername)),
					statecheck.ExpectKnownValue("data.openbanking_user.by_id", tfjsonpath.New("identity_provider"), knownvalue.StringRegexp(regexp.MustCompile(`^http://127\.0\.0\.1:`))),
					statecheck.ExpectKnownValue("data.openbanking_current_user.me", tfjsonpath.New("username"), knownvalue.StringExact(sandbox.AdminUsername)),
					statecheck.ExpectKnownValue("data.openbanking_current_user.me", tfjsonpath.New("entitlements"), knownvalue.NotNull()),
				},
			},
		},
	})
}

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
	resource.Test(t, resource.TestCase{
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
