package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

var echoFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"openbanking": ProtocolServer("test"),
	"echo":        echoprovider.NewProviderServer(),
}

// TestAccDirectLoginTokenEphemeral: the ephemeral token reaches another
// provider and works as a DirectLogin token; a provider configured with a
// token refuses to hand one out.
func TestAccDirectLoginTokenEphemeral(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	echo := `
ephemeral "openbanking_direct_login_token" "t" {}

provider "echo" {
  data = ephemeral.openbanking_direct_login_token.t
}

resource "echo" "token" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: echoFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + echo,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("echo.token", "data.username", obpsandbox.AdminUsername),
					resource.TestMatchResourceAttr("echo.token", "data.header", regexp.MustCompile(`^token=.+`)),
					env.checkTokenWorks("echo.token"),
				),
			},
		},
	})
	token, err := env.api.DirectLoginToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: echoFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "openbanking" {
  obp {
    url   = %q
    token = %q
  }
}
`, env.url, token) + echo,
				ExpectError: regexp.MustCompile(`(?s)No DirectLogin Credentials.*needs obp.username, obp.password and\s+obp.consumer_key`),
			},
		},
	})
}

// checkTokenWorks calls the sandbox with the token an echo resource holds
// and expects the admin back.
func (e *accEnv) checkTokenWorks(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		token := stateAttr(s, addr, "data.token")
		if token == "" {
			return fmt.Errorf("%s has no data.token", addr)
		}
		if header := stateAttr(s, addr, "data.header"); header != "token="+token {
			return fmt.Errorf("header %q does not carry the token", header)
		}
		req, err := http.NewRequest(http.MethodGet, e.url+"/obp/v5.1.0/users/current", nil)
		if err != nil {
			return err
		}
		req.Header.Set("DirectLogin", "token="+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var user struct {
			Username string `json:"username"`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET /users/current with the token: HTTP %d", resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(&user); err != nil {
			return fmt.Errorf("GET /users/current with the token: %w", err)
		}
		if user.Username != obpsandbox.AdminUsername {
			return fmt.Errorf("the token belongs to %q, want %q", user.Username, obpsandbox.AdminUsername)
		}
		return nil
	}
}
