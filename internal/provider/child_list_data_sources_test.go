package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// childListsConfig reads every list of one customer and of its bank.
func (e *accEnv) childListsConfig(customerID string) string {
	return e.providerConfig() + fmt.Sprintf(`
locals {
  bank_id     = %q
  customer_id = %q
}

data "openbanking_customer_addresses" "c" {
  bank_id     = local.bank_id
  customer_id = local.customer_id
}

data "openbanking_tax_residences" "c" {
  bank_id     = local.bank_id
  customer_id = local.customer_id
}

data "openbanking_customer_attributes" "c" {
  bank_id     = local.bank_id
  customer_id = local.customer_id
}

data "openbanking_user_customer_links" "c" {
  bank_id     = local.bank_id
  customer_id = local.customer_id
}

data "openbanking_customer_attribute_definitions" "bank" {
  bank_id = local.bank_id
}

data "openbanking_user_customer_links" "admin" {
  bank_id = local.bank_id
  user_id = %q
}
`, e.bankID, customerID, e.sandbox.UserID(obpsandbox.AdminUsername))
}

// adoptionConfig adopts the customer and its children with for_each import
// blocks driven by the list data sources (the terraform 1.11 workflow).
func (e *accEnv) adoptionConfig(customerID, number string) string {
	return e.childListsConfig(customerID) + fmt.Sprintf(`
data "openbanking_customers" "c" {
  bank_id         = local.bank_id
  customer_number = %q
}

locals {
  customers = { for c in data.openbanking_customers.c.customers : c.customer_id => c }
}

import {
  for_each = local.customers
  to       = openbanking_customer.c[each.key]
  id       = each.value.import_id
}

resource "openbanking_customer" "c" {
  for_each            = local.customers
  bank_id             = each.value.bank_id
  customer_number     = each.value.customer_number
  legal_name          = each.value.legal_name
  mobile_phone_number = each.value.mobile_phone_number
}

locals {
  addresses = { for a in data.openbanking_customer_addresses.c.addresses : a.customer_address_id => a }
  residences = { for r in data.openbanking_tax_residences.c.tax_residences : r.tax_residence_id => r }
  attributes = { for a in data.openbanking_customer_attributes.c.attributes : a.customer_attribute_id => a }
}

import {
  for_each = local.addresses
  to       = openbanking_customer_address.a[each.key]
  id       = each.value.import_id
}

resource "openbanking_customer_address" "a" {
  for_each     = local.addresses
  bank_id      = local.bank_id
  customer_id  = local.customer_id
  line_1       = each.value.line_1
  city         = each.value.city
  country_code = each.value.country_code
}

import {
  for_each = local.residences
  to       = openbanking_tax_residence.r[each.key]
  id       = each.value.import_id
}

resource "openbanking_tax_residence" "r" {
  for_each    = local.residences
  bank_id     = local.bank_id
  customer_id = local.customer_id
  domain      = each.value.domain
  tax_number  = each.value.tax_number
}

import {
  for_each = local.attributes
  to       = openbanking_customer_attribute.x[each.key]
  id       = each.value.import_id
}

resource "openbanking_customer_attribute" "x" {
  for_each    = local.attributes
  bank_id     = local.bank_id
  customer_id = local.customer_id
  name        = each.value.name
  type        = each.value.type
  value       = each.value.value
}
`, number)
}

// TestAccChildListDataSources: the lists carry each object's attributes
// and import id; driving for_each import blocks with them adopts every
// object without writing to the server, and the next plan is empty.
func TestAccChildListDataSources(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	number := randomNumber()
	customerID := env.existingObjects(t, number, "retail")
	env.fillBank(t, customerListPageSize+1) // the lists span pages
	link, err := env.api.CreateUserCustomerLink(context.Background(), env.bankID, env.sandbox.UserID(obpsandbox.AdminUsername), customerID)
	if err != nil {
		t.Fatal(err)
	}
	def, err := env.api.PutCustomerAttributeDefinition(context.Background(), env.bankID, obp.AttributeDefinition{
		Name: "LIST_" + strings.ToUpper(number[4:]), Category: "Customer", Type: "STRING", Description: "listed", Alias: "l", CanBeSeenOnViews: []string{"owner"}, IsActive: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		env.sandbox.DeleteCustomer(customerID)
		env.sandbox.DeleteAttributeDefinition(def.AttributeDefinitionID)
	})
	prefix := env.bankID + "/" + customerID + "/"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.childListsConfig(customerID),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.openbanking_customer_addresses.c", "addresses.#", "1"),
					resource.TestCheckResourceAttr("data.openbanking_customer_addresses.c", "addresses.0.line_1", "1 Converge Street"),
					resource.TestCheckResourceAttr("data.openbanking_customer_addresses.c", "addresses.0.city", "Leeds"),
					resource.TestMatchResourceAttr("data.openbanking_customer_addresses.c", "addresses.0.import_id", regexp.MustCompile("^"+regexp.QuoteMeta(prefix)+"[0-9a-f-]+$")),
					resource.TestCheckResourceAttr("data.openbanking_tax_residences.c", "tax_residences.#", "1"),
					resource.TestCheckResourceAttr("data.openbanking_tax_residences.c", "tax_residences.0.tax_number", "CV1"),
					resource.TestCheckResourceAttr("data.openbanking_customer_attributes.c", "attributes.#", "1"),
					resource.TestCheckResourceAttr("data.openbanking_customer_attributes.c", "attributes.0.value", "retail"),
					resource.TestCheckResourceAttr("data.openbanking_user_customer_links.c", "user_customer_links.#", "1"),
					resource.TestCheckResourceAttr("data.openbanking_user_customer_links.c", "user_customer_links.0.import_id", prefix+link.UserCustomerLinkID),
					resource.TestCheckTypeSetElemNestedAttrs("data.openbanking_user_customer_links.admin", "user_customer_links.*", map[string]string{
						"user_customer_link_id": link.UserCustomerLinkID, "customer_id": customerID, "import_id": prefix + link.UserCustomerLinkID,
					}),
					resource.TestCheckTypeSetElemNestedAttrs("data.openbanking_customer_attribute_definitions.bank", "definitions.*", map[string]string{
						"attribute_definition_id": def.AttributeDefinitionID, "name": def.Name, "type": "STRING", "alias": "l",
						"can_be_seen_on_views.0": "owner", "import_id": env.bankID + "/" + def.AttributeDefinitionID,
					}),
					env.checkImportIDsMatchServer(customerID),
				),
			},
			{
				Config: env.customersConfig(number),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.openbanking_customers.by_number", "customers.#", "1"),
					resource.TestCheckResourceAttr("data.openbanking_customers.by_number", "customers.0.customer_id", customerID),
					resource.TestCheckResourceAttr("data.openbanking_customers.by_number", "customers.0.legal_name", "Converge"),
					resource.TestCheckResourceAttr("data.openbanking_customers.by_number", "customers.0.import_id", env.bankID+"/"+customerID),
					resource.TestCheckResourceAttr("data.openbanking_customers.nobody", "customers.#", "0"),
					env.checkAllCustomersListed("data.openbanking_customers.all"),
				),
			},
			{
				PreConfig: env.resetCounts,
				Config:    env.adoptionConfig(customerID, number),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(`openbanking_customer.c["`+customerID+`"]`, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(`openbanking_customer_address.a["`+env.sandbox.Addresses(customerID)[0].CustomerAddressID+`"]`, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(`openbanking_tax_residence.r["`+env.sandbox.TaxResidences(customerID)[0].TaxResidenceID+`"]`, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(`openbanking_customer_attribute.x["`+env.sandbox.CustomerAttributes(customerID)[0].CustomerAttributeID+`"]`, plancheck.ResourceActionNoop),
				}},
				// Check needs a state without for_each keys: a state check instead.
				ConfigStateChecks: []statecheck.StateCheck{stateCheckFunc(env.checkNoWrites)},
			},
			{Config: env.adoptionConfig(customerID, number), PlanOnly: true},
			{
				Config: env.providerConfig() + fmt.Sprintf(`
data "openbanking_user_customer_links" "both" {
  bank_id     = %q
  customer_id = %q
  user_id     = "someone"
}
`, env.bankID, customerID),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*customer_id.*user_id`),
			},
			// Out of the state again, so that destroy leaves the objects to the cleanup.
			{Config: env.childListsConfig(customerID) + removedBlocks, PreConfig: env.resetCounts,
				ConfigStateChecks: []statecheck.StateCheck{stateCheckFunc(env.checkNoWrites)}},
		},
	})
}

const removedBlocks = `
removed {
  from = openbanking_customer.c
  lifecycle { destroy = false }
}
removed {
  from = openbanking_customer_address.a
  lifecycle { destroy = false }
}
removed {
  from = openbanking_tax_residence.r
  lifecycle { destroy = false }
}
removed {
  from = openbanking_customer_attribute.x
  lifecycle { destroy = false }
}
`

// fillBank adds customers until the bank has at least n.
func (e *accEnv) fillBank(t *testing.T, n int) {
	t.Helper()
	for i := len(e.sandbox.Customers(e.bankID)); i < n; i++ {
		_, err := e.api.CreateCustomer(context.Background(), e.bankID, obp.CreateCustomerRequest{
			LegalName: fmt.Sprintf("Filler %03d", i), MobilePhoneNumber: "+44 7700 900333", CustomerNumber: randomNumber()})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func (e *accEnv) customersConfig(number string) string {
	return e.providerConfig() + fmt.Sprintf(`
data "openbanking_customers" "by_number" {
  bank_id         = %[1]q
  customer_number = %[2]q
}

data "openbanking_customers" "nobody" {
  bank_id    = %[1]q
  legal_name = "No Such Customer Name"
}

data "openbanking_customers" "all" {
  bank_id = %[1]q
}
`, e.bankID, number)
}

// checkAllCustomersListed: the unfiltered list is the bank's customers, across pages.
func (e *accEnv) checkAllCustomersListed(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := len(e.sandbox.Customers(e.bankID))
		if got := stateAttr(s, addr, "customers.#"); got != strconv.Itoa(want) {
			return fmt.Errorf("%s lists %s customers, the bank has %d", addr, got, want)
		}
		return nil
	}
}

// checkImportIDsMatchServer: each list's import ids are the server's objects.
func (e *accEnv) checkImportIDsMatchServer(customerID string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		prefix := e.bankID + "/" + customerID + "/"
		want := map[string]string{
			"data.openbanking_customer_addresses.c:addresses.0.import_id":   prefix + e.sandbox.Addresses(customerID)[0].CustomerAddressID,
			"data.openbanking_tax_residences.c:tax_residences.0.import_id":  prefix + e.sandbox.TaxResidences(customerID)[0].TaxResidenceID,
			"data.openbanking_customer_attributes.c:attributes.0.import_id": prefix + e.sandbox.CustomerAttributes(customerID)[0].CustomerAttributeID,
		}
		for key, id := range want {
			addr, attr, _ := strings.Cut(key, ":")
			if got := stateAttr(s, addr, attr); got != id {
				return fmt.Errorf("%s.%s = %q, want %q", addr, attr, got, id)
			}
		}
		return nil
	}
}

// stateCheckFunc runs a check that needs no state.
type stateCheckFunc func() error

func (f stateCheckFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// checkNoWrites: the last apply sent no POST, PUT or DELETE.
func (e *accEnv) checkNoWrites() error {
	for endpoint, n := range e.sandbox.RequestCounts() {
		if !strings.HasPrefix(endpoint, "GET ") && !strings.Contains(endpoint, "logins/direct") && n > 0 {
			return fmt.Errorf("%s was called %d times during an adoption", endpoint, n)
		}
	}
	return nil
}
