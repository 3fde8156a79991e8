package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/contract"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	sbcdr "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	sbivy "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
	sbthredd "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
	sbtruelayer "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"openbanking": ProtocolServer("test"),
}

// accEnv is where an acceptance test runs: an in-process sandbox, or the real
// OBP server named by OBP_URL (with OBP_* credentials and OBP_TEST_BANK_ID).
type accEnv struct {
	sandbox *obpsandbox.Server // nil against a real server
	all     *sandbox.All       // the sandboxes of every API (nil against a real server)
	url     string
	bankID  string
	api     *obp.Client // the admin's client, to check and change the server out of band
	apiCfg  obp.Config
	// apiVersion is the OBP version the provider speaks (OBP_API_VERSION, default v5.1.0).
	apiVersion string
}

func newAccEnv(t *testing.T) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	env := &accEnv{apiVersion: os.Getenv("OBP_API_VERSION")}
	if env.apiVersion == "" {
		env.apiVersion = obp.DefaultAPIVersion
	}
	if url := os.Getenv("OBP_URL"); url != "" {
		env.url, env.bankID = url, os.Getenv("OBP_TEST_BANK_ID")
		if env.bankID == "" {
			t.Fatal("OBP_URL is set: also set OBP_TEST_BANK_ID to a bank the test user may create customers at")
		}
		env.apiCfg = obp.Config{URL: url, APIVersion: env.apiVersion,
			Username: os.Getenv("OBP_USERNAME"), Password: os.Getenv("OBP_PASSWORD"),
			ConsumerKey: os.Getenv("OBP_CONSUMER_KEY"), Token: os.Getenv("OBP_TOKEN"), BearerToken: os.Getenv("OBP_BEARER_TOKEN")}
		env.api = newTestClient(t, env.apiCfg)
		return env
	}
	gen, err := obpsandbox.ParseGeneration(os.Getenv("SANDBOX_OBP_SERVER"))
	if err != nil {
		t.Fatal(err)
	}
	env.all = sandbox.NewAll(obpsandbox.Options{Generation: gen})
	env.sandbox = env.all.OBP
	srv := httptest.NewServer(contract.Check(t, env.all))
	t.Cleanup(srv.Close)
	env.url, env.bankID = srv.URL, obpsandbox.DefaultBankID
	env.apiCfg = obp.Config{URL: srv.URL, APIVersion: env.apiVersion, Username: obpsandbox.AdminUsername, Password: obpsandbox.AdminPassword, ConsumerKey: obpsandbox.ConsumerKey}
	env.api = newTestClient(t, env.apiCfg)
	return env
}

func newTestClient(t *testing.T, cfg obp.Config) *obp.Client {
	t.Helper()
	c, err := obp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// requireSandbox skips tests that need the sandbox's hooks (seeded users without roles).
func (e *accEnv) requireSandbox(t *testing.T) {
	t.Helper()
	if e.sandbox == nil {
		t.Skip("needs the sandbox's seeded users; not run against a real OBP server")
	}
}

// providerConfig is the provider block: the sandbox's admin, or the environment for a real server.
func (e *accEnv) providerConfig() string {
	if e.sandbox == nil {
		return `provider "openbanking" {}` + "\n"
	}
	return e.providerConfigAs(obpsandbox.AdminUsername, obpsandbox.AdminPassword)
}

func (e *accEnv) providerConfigAs(username, password string) string {
	return e.providerConfigRetrying(username, password, 0)
}

// providerConfigRetrying logs in as username and retries failed requests maxRetries times.
func (e *accEnv) providerConfigRetrying(username, password string, maxRetries int) string {
	return fmt.Sprintf(`
provider "openbanking" {
  obp {
    url          = %q
    username     = %q
    password     = %q
    consumer_key = %q
    api_version  = %q
    max_retries  = %d
  }
}
`, e.url, username, password, obpsandbox.ConsumerKey, e.apiVersion, maxRetries)
}

func (e *accEnv) customer(t *testing.T, id string) (*obp.Customer, error) {
	t.Helper()
	return e.api.GetCustomer(context.Background(), e.bankID, id)
}

// freshAPI is a new admin client: its list answers are not shared with earlier reads.
func (e *accEnv) freshAPI(t *testing.T) *obp.Client {
	t.Helper()
	return newTestClient(t, e.apiCfg)
}

// attr reads an attribute of a resource in state.
func stateAttr(s *terraform.State, addr, name string) string {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return ""
	}
	return rs.Primary.Attributes[name]
}

// importChildID builds bank_id/customer_id/<idAttr> from state.
func importChildID(addr, idAttr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		id := stateAttr(s, addr, idAttr)
		if id == "" {
			return "", fmt.Errorf("%s has no %s in state", addr, idAttr)
		}
		return stateAttr(s, addr, "bank_id") + "/" + stateAttr(s, addr, "customer_id") + "/" + id, nil
	}
}

// parentCustomer is a customer for child resources to hang off.
func (e *accEnv) parentCustomer() string {
	return e.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "parent" {
  bank_id             = %q
  legal_name          = "Parent Customer"
  mobile_phone_number = "+44 7700 900100"
  date_of_birth       = "1980-01-01"
}
`, e.bankID)
}

// deleteParent removes the parent customer (and so its children) out of band.
func (e *accEnv) deleteParent(t *testing.T, id *string) func() {
	return func() {
		if err := e.api.DeleteCustomerCascade(context.Background(), e.bankID, *id); err != nil {
			t.Fatal(err)
		}
	}
}

// accountAPIsConfig is the provider with the OBP admin and every account API of the sandbox.
func (e *accEnv) accountAPIsConfig(t *testing.T) string {
	t.Helper()
	e.requireSandbox(t)
	return fmt.Sprintf(`
provider "openbanking" {
  obp {
    url          = %[1]q
    username     = %[2]q
    password     = %[3]q
    consumer_key = %[4]q
    api_version  = %[14]q
  }
  thredd {
    url       = "%[1]s%[5]s"
    client_id = %[6]q
  }
  truelayer {
    api_url       = "%[1]s%[7]s"
    auth_url      = "%[1]s%[7]s"
    client_id     = %[8]q
    client_secret = %[9]q
  }
  cdr {
    url          = "%[1]s%[10]s"
    bearer_token = %[11]q
    page_size    = 10
  }
  ivy {
    url       = "%[1]s%[12]s"
    api_key   = %[13]q
    page_size = 10
  }
}
`, e.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey,
		sandbox.ThreddPrefix, sbthredd.ClientID, sandbox.TrueLayerPrefix, sbtruelayer.ClientID, sbtruelayer.ClientSecret,
		sandbox.CDRPrefix, sbcdr.BearerToken, sandbox.IvyPrefix, sbivy.APIKey, e.apiVersion)
}
