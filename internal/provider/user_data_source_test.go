package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

func TestAccUserDataSources(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	viewerID := env.sandbox.UserID(obpsandbox.NoRoleUsername)
	config := env.providerConfig() + fmt.Sprintf(`
data "openbanking_user" "by_name" {
  username = %q
}

data "openbanking_user" "by_id" {
  user_id = data.openbanking_user.by_name.user_id
}
`, obpsandbox.NoRoleUsername)
	resource.ParallelTest(t, resource.TestCase{
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
					statecheck.ExpectKnownValue("data.openbanking_user.by_id", tfjsonpath.New("username"), knownvalue.StringExact(obpsandbox.NoRoleUsername)),
					statecheck.ExpectKnownValue("data.openbanking_user.by_id", tfjsonpath.New("identity_provider"), knownvalue.StringRegexp(regexp.MustCompile(`^http://127\.0\.0\.1:`))),
				},
			},
		},
	})
}
