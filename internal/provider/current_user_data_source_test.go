package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

func TestAccCurrentUserDataSource(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// A refused login first: the last step's configuration also destroys.
			{
				Config:      env.providerConfigAs(obpsandbox.AdminUsername, "wrong-password") + `data "openbanking_current_user" "me" {}`,
				ExpectError: regexp.MustCompile(`(?s)OBP-20004: Invalid login credentials`),
			},
			{
				Config: env.providerConfig() + `data "openbanking_current_user" "me" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.openbanking_current_user.me", tfjsonpath.New("username"), knownvalue.StringExact(obpsandbox.AdminUsername)),
					statecheck.ExpectKnownValue("data.openbanking_current_user.me", tfjsonpath.New("user_id"), knownvalue.StringExact(env.sandbox.UserID(obpsandbox.AdminUsername))),
					statecheck.ExpectKnownValue("data.openbanking_current_user.me", tfjsonpath.New("entitlements"), knownvalue.NotNull()),
				},
			},
		},
	})
}
