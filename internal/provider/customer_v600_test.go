package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// These tests set api_version themselves: customer types and children exist
// from OBP v6.0.0 on, so they run whatever OBP_API_VERSION says.

// providerConfigVersion is the provider block speaking the given OBP version.
func (e *accEnv) providerConfigVersion(version string) string {
	if e.sandbox == nil {
		return fmt.Sprintf("provider \"openbanking\" {\n  obp {\n    api_version = %q\n  }\n}\n", version)
	}
	return fmt.Sprintf(`
provider "openbanking" {
  obp {
    url          = %q
    username     = %q
    password     = %q
    consumer_key = %q
    api_version  = %q
    max_retries  = 0
  }
}
`, e.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey, version)
}

// apiV600 is an admin client speaking v6.0.0, to check types and parents on the server.
func (e *accEnv) apiV600(t *testing.T) *obp.Client {
	cfg := e.apiCfg
	cfg.APIVersion = obp.V600
	return newTestClient(t, cfg)
}

const (
	corporateAddr  = "openbanking_customer.corporate"
	subsidiaryAddr = "openbanking_customer.subsidiary"
	individualAddr = "openbanking_customer.individual"
	childrenAddr   = "data.openbanking_customer_children.kids"
)

func (e *accEnv) corporateConfig(individualType string) string {
	individual := ""
	if individualType != "" {
		individual = fmt.Sprintf("  customer_type       = %q\n", individualType)
	}
	return e.providerConfigVersion(obp.V600) + fmt.Sprintf(`
resource "openbanking_customer" "corporate" {
  bank_id             = %[1]q
  legal_name          = "Parent Holdings Ltd"
  mobile_phone_number = "+44 7700 900301"
  customer_type       = "CORPORATE"
  date_of_birth       = "1990-05-17"
}

resource "openbanking_customer" "subsidiary" {
  bank_id             = %[1]q
  legal_name          = "Parent Holdings Trading GmbH"
  mobile_phone_number = "+44 7700 900302"
  customer_type       = "SUBSIDIARY"
  parent_customer_id  = openbanking_customer.corporate.customer_id
  dependants          = 1
  dob_of_dependants   = ["2015-01-02"]
}

resource "openbanking_customer" "individual" {
  bank_id             = %[1]q
  legal_name          = "Ivy Individual"
  mobile_phone_number = "+44 7700 900303"
%[2]s}

data "openbanking_customer_children" "kids" {
  bank_id     = %[1]q
  customer_id = openbanking_customer.corporate.customer_id
  depends_on  = [openbanking_customer.subsidiary, openbanking_customer.individual]
}

data "openbanking_customer" "subsidiary" {
  bank_id     = %[1]q
  customer_id = openbanking_customer.subsidiary.customer_id
}
`, e.bankID, individual)
}

func TestAccCustomerV600CorporateAndSubsidiary(t *testing.T) {
	env := newAccEnv(t)
	api := env.apiV600(t)
	var individualID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.corporateConfig(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(corporateAddr, tfjsonpath.New("customer_type"), knownvalue.StringExact("CORPORATE")),
					statecheck.ExpectKnownValue(corporateAddr, tfjsonpath.New("parent_customer_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(corporateAddr, tfjsonpath.New("date_of_birth"), knownvalue.StringExact("1990-05-17")),
					statecheck.ExpectKnownValue(subsidiaryAddr, tfjsonpath.New("customer_type"), knownvalue.StringExact("SUBSIDIARY")),
					statecheck.CompareValuePairs(subsidiaryAddr, tfjsonpath.New("parent_customer_id"),
						corporateAddr, tfjsonpath.New("customer_id"), compareEqual),
					statecheck.ExpectKnownValue(subsidiaryAddr, tfjsonpath.New("dob_of_dependants"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("2015-01-02")})),
					// Without customer_type OBP v6.0.0 makes an INDIVIDUAL.
					statecheck.ExpectKnownValue(individualAddr, tfjsonpath.New("customer_type"), knownvalue.StringExact("INDIVIDUAL")),
					statecheck.ExpectKnownValue(individualAddr, tfjsonpath.New("parent_customer_id"), knownvalue.Null()),
					// The children are the subsidiary only.
					statecheck.ExpectKnownValue(childrenAddr, tfjsonpath.New("customers"), knownvalue.ListSizeExact(1)),
					statecheck.CompareValuePairs(childrenAddr, tfjsonpath.New("customers").AtSliceIndex(0).AtMapKey("customer_id"),
						subsidiaryAddr, tfjsonpath.New("customer_id"), compareEqual),
					statecheck.ExpectKnownValue(childrenAddr, tfjsonpath.New("customers").AtSliceIndex(0).AtMapKey("customer_type"),
						knownvalue.StringExact("SUBSIDIARY")),
					statecheck.CompareValuePairs("data.openbanking_customer.subsidiary", tfjsonpath.New("parent_customer_id"),
						corporateAddr, tfjsonpath.New("customer_id"), compareEqual),
					statecheck.ExpectKnownValue("data.openbanking_customer.subsidiary", tfjsonpath.New("customer_type"), knownvalue.StringExact("SUBSIDIARY")),
				},
				Check: func(s *terraform.State) error {
					individualID = stateAttr(s, individualAddr, "customer_id")
					sub, err := api.GetCustomer(context.Background(), env.bankID, stateAttr(s, subsidiaryAddr, "customer_id"))
					if err != nil {
						return err
					}
					if sub.CustomerType == nil || *sub.CustomerType != "SUBSIDIARY" || sub.ParentCustomerID == nil ||
						*sub.ParentCustomerID != stateAttr(s, corporateAddr, "customer_id") {
						return fmt.Errorf("server has type %v parent %v", sub.CustomerType, sub.ParentCustomerID)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName: subsidiaryAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return stateAttr(s, subsidiaryAddr, "bank_id") + "/" + stateAttr(s, subsidiaryAddr, "customer_id"), nil
				},
				ImportStateVerifyIdentifierAttribute: "customer_id",
			},
			{
				// OBP cannot change a customer's type: a new customer replaces it.
				Config: env.corporateConfig("CORPORATE"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(individualAddr, plancheck.ResourceActionReplace),
					plancheck.ExpectResourceAction(subsidiaryAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(individualAddr, tfjsonpath.New("customer_type"), knownvalue.StringExact("CORPORATE")),
				},
				Check: func(s *terraform.State) error {
					if id := stateAttr(s, individualAddr, "customer_id"); id == individualID {
						return fmt.Errorf("customer %s was kept; a new customer should replace it", id)
					}
					return nil
				},
			},
		},
	})
}

// A customer made on v5.1.0 reads on v6.0.0 without a change, and back.
func TestAccCustomerV600VersionSwitch(t *testing.T) {
	env := newAccEnv(t)
	customer := func(version string) string {
		return env.providerConfigVersion(version) + fmt.Sprintf(`
resource "openbanking_customer" "test" {
  bank_id             = %q
  legal_name          = "Version Switch"
  mobile_phone_number = "+44 7700 900304"
  date_of_birth       = "1990-05-17T00:00:00Z"
  dependants          = 1
  dob_of_dependants   = ["2015-01-02"]
}
`, env.bankID)
	}
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: customer(obp.DefaultAPIVersion),
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("customer_type", knownvalue.Null()),
					stateValue("parent_customer_id", knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:           customer(obp.V600),
				ConfigPlanChecks: empty,
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("customer_type", knownvalue.StringExact("INDIVIDUAL")),
					stateValue("date_of_birth", knownvalue.StringExact("1990-05-17T00:00:00Z")),
				},
			},
			{
				Config:           customer(obp.DefaultAPIVersion),
				ConfigPlanChecks: empty,
			},
		},
	})
}

// Wrong customer types, v6.0.0 attributes on older versions and times of
// day on v6.0.0 are refused before anything is created.
func TestAccCustomerV600BadInput(t *testing.T) {
	env := newAccEnv(t)
	withCustomer := func(version, extra string) string {
		return env.providerConfigVersion(version) + fmt.Sprintf(`
resource "openbanking_customer" "bad" {
  bank_id             = %q
  legal_name          = "Bad Input"
  mobile_phone_number = "+44 7700 900305"
%s
}
`, env.bankID, extra)
	}
	children := func(version string) string {
		return env.providerConfigVersion(version) + fmt.Sprintf(`
data "openbanking_customer_children" "kids" {
  bank_id     = %q
  customer_id = "some-customer"
}
`, env.bankID)
	}
	steps := []struct {
		config string
		want   string
	}{
		{withCustomer(obp.V600, `  customer_type = "PERSON"`),
			`(?s)customer_type.*value must be one of:.*"INDIVIDUAL".*"CORPORATE".*"SUBSIDIARY".*got: "PERSON"`},
		{withCustomer(obp.DefaultAPIVersion, `  customer_type = "CORPORATE"`),
			`(?s)customer_type Needs api_version v6\.0\.0.*provider\s+speaks\s+v5\.1\.0.*api_version\s+=\s+"v6\.0\.0"`},
		{withCustomer("v5.0.0", `  parent_customer_id = "some-parent"`),
			`(?s)parent_customer_id Needs api_version v6\.0\.0.*provider\s+speaks\s+v5\.0\.0`},
		{withCustomer(obp.V600, `  date_of_birth = "1990-05-17T10:30:00Z"`),
			`(?s)OBP v6\.0\.0 Stores Days Only.*date_of_birth\s+is\s+"1990-05-17T10:30:00Z".*YYYY-MM-DD`},
		{withCustomer(obp.V600, "  customer_type = \"SUBSIDIARY\"\n  parent_customer_id = \"no-such-parent\""),
			`(?s)parent_customer_id.*HTTP\s+404.*OBP-30046: Customer not found`},
		{children(obp.DefaultAPIVersion),
			`(?s)openbanking_customer_children Needs api_version v6\.0\.0.*provider\s+speaks\s+v5\.1\.0`},
		{children(obp.V600), `(?s)customer_id.*HTTP\s+404.*OBP-30046: Customer not found`},
	}
	test := resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, CheckDestroy: env.checkCustomersDestroyed(t)}
	for _, s := range steps {
		test.Steps = append(test.Steps, resource.TestStep{Config: s.config, ExpectError: regexp.MustCompile(s.want)})
	}
	resource.ParallelTest(t, test)
}
