package main

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openbanking/terraform-provider-openbanking/internal/provider"
)

// TestTwinAppliesTheBenchShape: a customer and its children apply, the
// children get the customer's computed id, and the plan after apply is empty.
func TestTwinAppliesTheBenchShape(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"openbanking": provider.ReleasingServer(newTwin()),
		},
		Steps: []resource.TestStep{{
			Config: `
provider "openbanking" {}

resource "openbanking_customer" "c" {
  count               = 2
  bank_id             = "bench.bank"
  legal_name          = "Customer ${count.index}"
  mobile_phone_number = "+44 7700 900000"
}

resource "openbanking_tax_residence" "t" {
  count       = 2
  bank_id     = openbanking_customer.c[count.index].bank_id
  customer_id = openbanking_customer.c[count.index].customer_id
  domain      = "GB"
  tax_number  = "AB${count.index}"
}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				// Ids are as long as the API's, and id joins them as the provider does.
				resource.TestMatchResourceAttr("openbanking_customer.c.0", "customer_id", regexp.MustCompile(`^00000000-0000-4000-8000-\d{12}$`)),
				checkJoinedID("openbanking_customer.c.0", "bank_id", "customer_id"),
				// Optional and computed, left out: null, as the provider stores it.
				resource.TestCheckNoResourceAttr("openbanking_customer.c.0", "customer_type"),
				resource.TestCheckNoResourceAttr("openbanking_customer.c.0", "parent_customer_id"),
				checkJoinedID("openbanking_tax_residence.t.1", "bank_id", "customer_id", "tax_residence_id"),
				resource.TestCheckResourceAttrPair("openbanking_tax_residence.t.1", "customer_id", "openbanking_customer.c.1", "customer_id"),
				resource.TestCheckResourceAttr("openbanking_tax_residence.t.1", "tax_number", "AB1"),
			),
		}},
	})
}

// checkJoinedID: the resource's id is its parts' values joined by "/".
func checkJoinedID(addr string, parts ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[addr].Primary.Attributes
		var want []string
		for _, p := range parts {
			want = append(want, attrs[p])
		}
		if got := attrs["id"]; got != strings.Join(want, "/") {
			return fmt.Errorf("%s id = %q, want %q", addr, got, strings.Join(want, "/"))
		}
		return nil
	}
}

func TestKnownFillsEveryUnknown(t *testing.T) {
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"s": tftypes.String, "n": tftypes.Number, "b": tftypes.Bool, "l": tftypes.List{ElementType: tftypes.String},
		"m": tftypes.Map{ElementType: tftypes.String}, "o": tftypes.Object{AttributeTypes: map[string]tftypes.Type{"x": tftypes.String}},
		"kept": tftypes.String, "left": tftypes.String,
	}}
	in := tftypes.NewValue(obj, map[string]tftypes.Value{
		"s": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "n": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"b": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue), "l": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tftypes.UnknownValue),
		"m":    tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
		"o":    tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"x": tftypes.String}}, tftypes.UnknownValue),
		"kept": tftypes.NewValue(tftypes.String, "value"),
		"left": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	})
	left := tftypes.NewAttributePath().WithAttributeName("left")
	out, err := known(in, left.Equal)
	if err != nil {
		t.Fatal(err)
	}
	if !out.IsFullyKnown() {
		t.Fatalf("still unknown: %v", out)
	}
	var got map[string]tftypes.Value
	if err := out.As(&got); err != nil {
		t.Fatal(err)
	}
	var n big.Float
	var kept string
	if err := got["n"].As(&n); err != nil || n.Sign() != 0 {
		t.Errorf("n = %v (%v), want 0", n.String(), err)
	}
	if err := got["kept"].As(&kept); err != nil || kept != "value" {
		t.Errorf("kept = %q (%v), want value", kept, err)
	}
	if !got["o"].IsNull() {
		t.Errorf("o = %v, want null", got["o"])
	}
	if !got["left"].IsNull() {
		t.Errorf("left = %v, want null", got["left"])
	}
	if got["s"].IsNull() {
		t.Errorf("s = %v, want a placeholder", got["s"])
	}
}

// The twin answers the identity its resource declares, from the state.
func TestStoreIdentityTakesTheStateAttributes(t *testing.T) {
	identityType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"bank_id": tftypes.String, "customer_id": tftypes.String}}
	stateType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"bank_id": tftypes.String, "customer_id": tftypes.String, "legal_name": tftypes.String,
	}}
	state := tftypes.NewValue(stateType, map[string]tftypes.Value{
		"bank_id":     tftypes.NewValue(tftypes.String, "b"),
		"customer_id": tftypes.NewValue(tftypes.String, "c"),
		"legal_name":  tftypes.NewValue(tftypes.String, "n"),
	})
	identity := &tfsdk.ResourceIdentity{Raw: tftypes.NewValue(identityType, nil)}
	storeIdentity(state, identity)
	want := tftypes.NewValue(identityType, map[string]tftypes.Value{
		"bank_id":     tftypes.NewValue(tftypes.String, "b"),
		"customer_id": tftypes.NewValue(tftypes.String, "c"),
	})
	if !identity.Raw.Equal(want) {
		t.Fatalf("identity %v, want %v", identity.Raw, want)
	}
}
