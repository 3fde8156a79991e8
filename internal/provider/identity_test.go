package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// Resource identity (Terraform 1.12+) is tested at the protocol level: the
// terraform on this machine (1.11) does not send identities.

func TestIdentitySchemas(t *testing.T) {
	server, err := ProtocolServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetResourceIdentitySchemas: %v %v", err, resp.Diagnostics)
	}
	want := map[string][]string{
		"openbanking_customer":                      {"bank_id", "customer_id"},
		"openbanking_customer_address":              {"bank_id", "customer_address_id", "customer_id"},
		"openbanking_customer_attribute":            {"bank_id", "customer_attribute_id", "customer_id"},
		"openbanking_tax_residence":                 {"bank_id", "customer_id", "tax_residence_id"},
		"openbanking_customer_attribute_definition": {"attribute_definition_id", "bank_id"},
		"openbanking_user_customer_link":            {"bank_id", "customer_id", "user_customer_link_id"},
	}
	if len(resp.IdentitySchemas) != len(want) {
		t.Errorf("%d identity schemas, want %d", len(resp.IdentitySchemas), len(want))
	}
	for typeName, parts := range want {
		s, ok := resp.IdentitySchemas[typeName]
		if !ok {
			t.Errorf("%s has no identity schema", typeName)
			continue
		}
		var got []string
		for _, a := range s.IdentityAttributes {
			got = append(got, a.Name)
			optional := typeName == "openbanking_user_customer_link" && a.Name == "customer_id"
			if a.RequiredForImport == optional || a.OptionalForImport != optional {
				t.Errorf("%s.%s: required %v, optional %v", typeName, a.Name, a.RequiredForImport, a.OptionalForImport)
			}
		}
		sort.Strings(got)
		if len(got) != len(parts) {
			t.Errorf("%s identity %v, want %v", typeName, got, parts)
			continue
		}
		for i := range got {
			if got[i] != parts[i] {
				t.Errorf("%s identity %v, want %v", typeName, got, parts)
			}
		}
	}
}

// TestIdentityImportAndRead: importing by identity then reading gives the
// object's attributes, `id` equal to the import id, and the same identity.
func TestIdentityImportAndRead(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	ctx := context.Background()
	c, err := env.api.CreateCustomer(ctx, env.bankID, obp.CreateCustomerRequest{LegalName: "Identity", MobilePhoneNumber: "+44 7700 900111", CustomerNumber: randomNumber()})
	if err != nil {
		t.Fatal(err)
	}
	tax, err := env.api.CreateTaxResidence(ctx, env.bankID, c.CustomerID, obp.TaxResidence{Domain: "GB", TaxNumber: "ID1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.sandbox.DeleteCustomer(c.CustomerID) })
	server := configuredServer(t, env)
	for _, tc := range []struct {
		typeName, checkAttr, checkValue string
		identity                        map[string]string
	}{
		{"openbanking_customer", "legal_name", "Identity", map[string]string{"bank_id": env.bankID, "customer_id": c.CustomerID}},
		{"openbanking_tax_residence", "tax_number", "ID1", map[string]string{"bank_id": env.bankID, "customer_id": c.CustomerID, "tax_residence_id": tax.TaxResidenceID}},
	} {
		schemas, _ := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
		identity := identityValue(t, schemas.IdentitySchemas[tc.typeName], tc.identity)
		imported, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: tc.typeName, Identity: identity})
		if err != nil || len(imported.Diagnostics) > 0 || len(imported.ImportedResources) != 1 {
			t.Fatalf("%s: ImportResourceState: %v %v", tc.typeName, err, imported.Diagnostics)
		}
		im := imported.ImportedResources[0]
		read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: tc.typeName, CurrentState: im.State, CurrentIdentity: im.Identity})
		if err != nil || len(read.Diagnostics) > 0 {
			t.Fatalf("%s: ReadResource: %v %v", tc.typeName, err, read.Diagnostics)
		}
		state := decodeState(t, server, tc.typeName, read.NewState)
		wantID := env.bankID + "/" + c.CustomerID
		if tc.identity["tax_residence_id"] != "" {
			wantID += "/" + tax.TaxResidenceID
		}
		if state["id"] != wantID || state[tc.checkAttr] != tc.checkValue {
			t.Errorf("%s: read id %q %s %q, want %q and %q", tc.typeName, state["id"], tc.checkAttr, state[tc.checkAttr], wantID, tc.checkValue)
		}
		if read.NewIdentity == nil || !dynamicEqual(t, schemas.IdentitySchemas[tc.typeName], read.NewIdentity.IdentityData, identity.IdentityData) {
			t.Errorf("%s: identity after read differs from the imported one", tc.typeName)
		}
	}
}

// configuredServer is the provider's protocol server configured from the
// environment (OBP_* variables) for the acceptance environment.
func configuredServer(t *testing.T, env *accEnv) tfprotov6.ProviderServer {
	t.Helper()
	t.Setenv("OBP_URL", env.url)
	t.Setenv("OBP_USERNAME", obpsandbox.AdminUsername)
	t.Setenv("OBP_PASSWORD", obpsandbox.AdminPassword)
	t.Setenv("OBP_CONSUMER_KEY", obpsandbox.ConsumerKey)
	t.Setenv("OBP_API_VERSION", env.apiVersion)
	server, err := ProtocolServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schema.Provider.ValueType().(tftypes.Object)
	nulls := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		nulls[name] = tftypes.NewValue(at, nil)
	}
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nulls))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.12.0", Config: &config})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return server
}

func identityType(s *tfprotov6.ResourceIdentitySchema) tftypes.Object {
	attrs := map[string]tftypes.Type{}
	for _, a := range s.IdentityAttributes {
		attrs[a.Name] = a.Type
	}
	return tftypes.Object{AttributeTypes: attrs}
}

func identityValue(t *testing.T, s *tfprotov6.ResourceIdentitySchema, parts map[string]string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	typ := identityType(s)
	values := map[string]tftypes.Value{}
	for name := range typ.AttributeTypes {
		var v any
		if p, ok := parts[name]; ok {
			v = p
		}
		values[name] = tftypes.NewValue(tftypes.String, v)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &dv}
}

func dynamicEqual(t *testing.T, s *tfprotov6.ResourceIdentitySchema, a, b *tfprotov6.DynamicValue) bool {
	t.Helper()
	typ := identityType(s)
	va, err1 := a.Unmarshal(typ)
	vb, err2 := b.Unmarshal(typ)
	return err1 == nil && err2 == nil && va.Equal(vb)
}

// decodeState returns the top-level string attributes of a resource state.
func decodeState(t *testing.T, server tfprotov6.ProviderServer, typeName string, dv *tfprotov6.DynamicValue) map[string]string {
	t.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := dv.Unmarshal(schemas.ResourceSchemas[typeName].ValueType())
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
		if a.Type().Is(tftypes.String) && a.IsKnown() && !a.IsNull() && a.As(&s) == nil {
			out[name] = s
		}
	}
	return out
}

// TestAccIdentityImportBlock imports with `import { identity = {...} }` under
// terraform 1.12 or later (skipped by older terraform binaries).
func TestAccIdentityImportBlock(t *testing.T) {
	env := newAccEnv(t)
	config := env.taxConfig("DE", "IDENT-1")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, ResourceName: "openbanking_customer.parent", ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{Config: config, ResourceName: taxAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestReadOfDeletedObjectWarns: a refresh that finds an object deleted
// outside Terraform removes it from state with a warning naming it.
func TestReadOfDeletedObjectWarns(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	ctx := context.Background()
	c, err := env.api.CreateCustomer(ctx, env.bankID, obp.CreateCustomerRequest{LegalName: "Gone", MobilePhoneNumber: "+44 7700 900112", CustomerNumber: randomNumber()})
	if err != nil {
		t.Fatal(err)
	}
	tax, err := env.api.CreateTaxResidence(ctx, env.bankID, c.CustomerID, obp.TaxResidence{Domain: "GB", TaxNumber: "GONE1"})
	if err != nil {
		t.Fatal(err)
	}
	server := configuredServer(t, env)
	schemas, _ := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	objects := []struct {
		typeName string
		identity map[string]string
	}{
		{"openbanking_customer", map[string]string{"bank_id": env.bankID, "customer_id": c.CustomerID}},
		{"openbanking_tax_residence", map[string]string{"bank_id": env.bankID, "customer_id": c.CustomerID, "tax_residence_id": tax.TaxResidenceID}},
	}
	imported := make([]*tfprotov6.ImportedResource, len(objects))
	for i, o := range objects {
		resp, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
			TypeName: o.typeName, Identity: identityValue(t, schemas.IdentitySchemas[o.typeName], o.identity)})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("%s: ImportResourceState: %v %v", o.typeName, err, resp.Diagnostics)
		}
		imported[i] = resp.ImportedResources[0]
	}
	env.sandbox.DeleteCustomer(c.CustomerID)
	for i, o := range objects {
		read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: o.typeName, CurrentState: imported[i].State, CurrentIdentity: imported[i].Identity})
		if err != nil {
			t.Fatal(err)
		}
		if state := decodeState(t, server, o.typeName, read.NewState); len(state) > 0 {
			t.Errorf("%s: state after the read %v, want removed", o.typeName, state)
		}
		id := env.bankID + "/" + c.CustomerID
		if o.identity["tax_residence_id"] != "" {
			id += "/" + tax.TaxResidenceID
		}
		want := fmt.Sprintf("%s %q no longer exists on the server", o.typeName, id)
		if len(read.Diagnostics) != 1 || read.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
			read.Diagnostics[0].Summary != "Object Deleted Outside Terraform" || !strings.Contains(read.Diagnostics[0].Detail, want) {
			t.Errorf("%s: diagnostics %+v, want one warning saying %s", o.typeName, read.Diagnostics, want)
		}
	}
}
