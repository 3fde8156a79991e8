package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// List resources (Terraform 1.14+, `terraform query`) are tested at the
// protocol level: the terraform on this machine (1.11) has no query command.

func listConfig(t *testing.T, server tfprotov6.ProviderServer, typeName string, values map[string]string) *tfprotov6.DynamicValue {
	t.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := schemas.ListResourceSchemas[typeName]
	if !ok {
		t.Fatalf("no list resource %s", typeName)
	}
	typ := s.ValueType().(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		var v any
		if s, ok := values[name]; ok {
			v = s
		}
		attrs[name] = tftypes.NewValue(at, v)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// listAll runs ListResource and returns its results, failing on diagnostics.
func listAll(t *testing.T, server tfprotov6.ProviderServer, req *tfprotov6.ListResourceRequest) []tfprotov6.ListResourceResult {
	t.Helper()
	stream, err := server.(listingServer).ListResource(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		if len(r.Diagnostics) > 0 {
			t.Fatalf("%s: %s: %s", req.TypeName, r.Diagnostics[0].Summary, r.Diagnostics[0].Detail)
		}
		out = append(out, r)
	}
	return out
}

func identityParts(t *testing.T, server tfprotov6.ProviderServer, typeName string, id *tfprotov6.ResourceIdentityData) map[string]string {
	t.Helper()
	schemas, _ := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	v, err := id.IdentityData.Unmarshal(identityType(schemas.IdentitySchemas[typeName]))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, a := range attrs {
		var s string
		if a.As(&s) == nil {
			out[name] = s
		}
	}
	return out
}

// TestListResourceCustomers: every customer of the bank comes back once,
// across pages, with its identity and, when asked, its state; Limit stops early.
func TestListResourceCustomers(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	ctx := context.Background()
	for i := range customerListPageSize + 20 {
		_, err := env.api.CreateCustomer(ctx, env.bankID, obp.CreateCustomerRequest{
			LegalName: fmt.Sprintf("Listed %03d", i), MobilePhoneNumber: "+44 7700 900222", CustomerNumber: randomNumber()})
		if err != nil {
			t.Fatal(err)
		}
	}
	server := configuredServer(t, env)
	config := listConfig(t, server, "openbanking_customer", map[string]string{"bank_id": env.bankID})

	results := listAll(t, server, &tfprotov6.ListResourceRequest{TypeName: "openbanking_customer", Config: config, IncludeResource: true})
	want := map[string]string{}
	for _, c := range env.sandbox.Customers(env.bankID) {
		want[c.CustomerID] = c.LegalName
	}
	if len(results) != len(want) {
		t.Fatalf("%d results, want the bank's %d customers", len(results), len(want))
	}
	seen := map[string]bool{}
	for _, r := range results {
		id := identityParts(t, server, "openbanking_customer", r.Identity)
		name, ok := want[id["customer_id"]]
		if !ok || id["bank_id"] != env.bankID || seen[id["customer_id"]] {
			t.Fatalf("identity %v: unknown or repeated customer", id)
		}
		seen[id["customer_id"]] = true
		state := decodeState(t, server, "openbanking_customer", r.Resource)
		if state["legal_name"] != name || state["id"] != env.bankID+"/"+id["customer_id"] {
			t.Errorf("state of %s: legal_name %q id %q", id["customer_id"], state["legal_name"], state["id"])
		}
	}

	limited := listAll(t, server, &tfprotov6.ListResourceRequest{TypeName: "openbanking_customer", Config: config, Limit: 3})
	if len(limited) != 3 || limited[0].Resource != nil {
		t.Errorf("Limit 3 without resources: %d results, resource %v", len(limited), limited[0].Resource)
	}
}

// TestListResourceChildren: the children of one customer, with identities
// that import them.
func TestListResourceChildren(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	customerID := env.existingObjects(t, randomNumber(), "retail")
	t.Cleanup(func() { env.sandbox.DeleteCustomer(customerID) })
	server := configuredServer(t, env)
	scope := map[string]string{"bank_id": env.bankID, "customer_id": customerID}
	for typeName, idAttr := range map[string]string{
		"openbanking_customer_address":   "customer_address_id",
		"openbanking_tax_residence":      "tax_residence_id",
		"openbanking_customer_attribute": "customer_attribute_id",
	} {
		results := listAll(t, server, &tfprotov6.ListResourceRequest{TypeName: typeName, Config: listConfig(t, server, typeName, scope), IncludeResource: true})
		if len(results) != 1 {
			t.Fatalf("%s: %d results, want 1", typeName, len(results))
		}
		id := identityParts(t, server, typeName, results[0].Identity)
		state := decodeState(t, server, typeName, results[0].Resource)
		if id["customer_id"] != customerID || id[idAttr] == "" || state["id"] != env.bankID+"/"+customerID+"/"+id[idAttr] {
			t.Errorf("%s: identity %v, id %q", typeName, id, state["id"])
		}
	}
}

// TestValidateListResourceConfig: a malformed bank id is refused before listing.
func TestValidateListResourceConfig(t *testing.T) {
	server, err := ProtocolServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.(listingServer).ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "openbanking_customer", Config: listConfig(t, server, "openbanking_customer", map[string]string{"bank_id": "has space"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("diagnostics %v, want one error about bank_id", resp.Diagnostics)
	}
}

// TestAccListResourceQuery runs `terraform query` over a customer's tax
// residences under terraform 1.14 or later (skipped by older binaries).
func TestAccListResourceQuery(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	customerID := env.existingObjects(t, randomNumber(), "retail")
	t.Cleanup(func() { env.sandbox.DeleteCustomer(customerID) })
	residence := env.sandbox.TaxResidences(customerID)[0]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Query: true,
			Config: env.providerConfig() + fmt.Sprintf(`
list "openbanking_tax_residence" "all" {
  provider = openbanking
  config {
    bank_id     = %q
    customer_id = %q
  }
}
`, env.bankID, customerID),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("openbanking_tax_residence.all", 1),
				querycheck.ExpectIdentity("openbanking_tax_residence.all", map[string]knownvalue.Check{
					"bank_id":          knownvalue.StringExact(env.bankID),
					"customer_id":      knownvalue.StringExact(customerID),
					"tax_residence_id": knownvalue.StringExact(residence.TaxResidenceID),
				}),
			},
		}},
	})
}
