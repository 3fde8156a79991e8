package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

const definitionAddr = "openbanking_customer_attribute_definition.test"

func (e *accEnv) definitionConfig(name, typ, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer_attribute_definition" "test" {
  bank_id = %q
  name    = %q
  type    = %q
%s
}
`, e.bankID, name, typ, extra)
}

// serverDefinition reads a definition of the test bank by id.
func (e *accEnv) serverDefinition(t *testing.T, id string) (*obp.AttributeDefinition, error) {
	all, err := e.freshAPI(t).ListCustomerAttributeDefinitions(context.Background(), e.bankID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].AttributeDefinitionID == id && all[i].BankID == e.bankID {
			return &all[i], nil
		}
	}
	return nil, nil
}

func (e *accEnv) checkDefinition(t *testing.T, want func(d *obp.AttributeDefinition) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		d, err := e.serverDefinition(t, stateAttr(s, definitionAddr, "attribute_definition_id"))
		if err != nil || d == nil {
			return fmt.Errorf("definition not on the server (err=%w)", err)
		}
		return want(d)
	}
}

func (e *accEnv) checkDefinitionsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "openbanking_customer_attribute_definition" {
				continue
			}
			if d, err := e.serverDefinition(t, rs.Primary.Attributes["attribute_definition_id"]); err != nil || d != nil {
				return fmt.Errorf("definition %s still exists (err=%w)", rs.Primary.Attributes["attribute_definition_id"], err)
			}
		}
		return nil
	}
}

func TestAccCustomerAttributeDefinitionResource(t *testing.T) {
	env := newAccEnv(t)
	name := "TF_ACC_" + acctest.RandStringFromCharSet(8, acctest.CharSetAlphaNum)
	var id string
	remember := func(s *terraform.State) error {
		id = stateAttr(s, definitionAddr, "attribute_definition_id")
		return nil
	}
	full := "description = \"Tax number\"\nalias = \"tax\"\ncan_be_seen_on_views = [\"owner\", \"accountant\"]"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDefinitionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.definitionConfig(name, "STRING", full),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(definitionAddr, tfjsonpath.New("category"), knownvalue.StringExact("Customer")),
					statecheck.ExpectKnownValue(definitionAddr, tfjsonpath.New("is_active"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(remember, env.checkDefinition(t, func(d *obp.AttributeDefinition) error {
					return firstErr(equal("description", d.Description, "Tax number"), equal("category", d.Category, "Customer"))
				})),
			},
			{
				ResourceName: definitionAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return env.bankID + "/" + stateAttr(s, definitionAddr, "attribute_definition_id"), nil
				},
				ImportStateVerifyIdentifierAttribute: "attribute_definition_id",
			},
			{
				// Everything but name and category changes in place and keeps the id.
				Config: env.definitionConfig(name, "INTEGER", "is_active = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(definitionAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(definitionAddr, tfjsonpath.New("can_be_seen_on_views"), knownvalue.Null()),
					statecheck.ExpectKnownValue(definitionAddr, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: env.checkDefinition(t, func(d *obp.AttributeDefinition) error {
					return firstErr(equal("id", d.AttributeDefinitionID, id), equal("type", d.Type, "INTEGER"),
						equal("is_active", fmt.Sprint(d.IsActive), "false"))
				}),
			},
			{
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					_, err := env.api.PutCustomerAttributeDefinition(context.Background(), env.bankID, obp.AttributeDefinition{
						Name: name, Category: "Customer", Type: "DOUBLE", CanBeSeenOnViews: []string{""}, IsActive: true})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: env.definitionConfig(name, "INTEGER", "is_active = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(definitionAddr, plancheck.ResourceActionUpdate),
				}},
				Check: env.checkDefinition(t, func(d *obp.AttributeDefinition) error { return equal("type", d.Type, "INTEGER") }),
			},
			{
				Config: env.definitionConfig(name+"_2", "INTEGER", "is_active = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(definitionAddr, plancheck.ResourceActionReplace),
				}},
				Check: remember,
			},
			{
				PreConfig: func() {
					if err := env.api.DeleteCustomerAttributeDefinition(context.Background(), env.bankID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.definitionConfig(name+"_2", "INTEGER", "is_active = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(definitionAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccCustomerAttributeDefinitionResource_alreadyExists(t *testing.T) {
	env := newAccEnv(t)
	name := "TF_ACC_" + acctest.RandStringFromCharSet(8, acctest.CharSetAlphaNum)
	var existing *obp.AttributeDefinition
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				var err error
				existing, err = env.api.PutCustomerAttributeDefinition(context.Background(), env.bankID, obp.AttributeDefinition{
					Name: name, Category: "Customer", Type: "STRING", Description: "made elsewhere", CanBeSeenOnViews: []string{"owner"}, IsActive: true})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config:      env.definitionConfig(name, "INTEGER", ""),
			ExpectError: regexp.MustCompile(`(?s)customer attribute definition Already Exists.*terraform import\s+openbanking_customer_attribute_definition.<NAME>\s+` + env.bankID + `/`),
		}},
	})
	d, err := env.serverDefinition(t, existing.AttributeDefinitionID)
	if err != nil || d == nil || d.Type != "STRING" || d.Description != "made elsewhere" {
		t.Fatalf("the existing definition was changed: %+v (err=%v)", d, err)
	}
	if err := env.api.DeleteCustomerAttributeDefinition(context.Background(), env.bankID, existing.AttributeDefinitionID); err != nil {
		t.Fatal(err)
	}
}

func TestAccCustomerAttributeDefinitionResource_badInput(t *testing.T) {
	env := newAccEnv(t)
	planError := func(name, typ, extra, want string) resource.TestStep {
		return resource.TestStep{Config: env.definitionConfig(name, typ, extra), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError("A", "TEXT", "", `(?s)type.*value must be one of`),
			planError("A", "STRING", `category = "Account"`, `(?s)category.*value must be one of: \["Customer"\]`),
			planError("A_NAME_THAT_IS_MUCH_LONGER_THAN_FIFTY_CHARACTERS_ALLOWED", "STRING", "", `(?s)name must be 1 to 50 characters, got 56`),
			planError("A", "STRING", `can_be_seen_on_views = ["a;b"]`, `(?s)can_be_seen_on_views.*must not contain ";"`),
			{
				Config:       env.definitionConfig("A", "STRING", "") + "\n# unknown bank\n",
				ResourceName: definitionAddr, ImportState: true, ImportStateId: "only-one-part",
				ExpectError: regexp.MustCompile(`Expected bank_id/attribute_definition_id`),
			},
		},
	})
}
