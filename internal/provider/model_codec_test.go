package provider

import (
	"context"
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every model decodes and encodes through its codec exactly as the
// framework's reflection does, for values with every attribute set, null,
// empty or unknown; where the framework refuses a value the codec leaves it
// to the framework.
func TestModelCodecMatchesTheFramework(t *testing.T) {
	cases := map[string]func(*testing.T){
		"customer":                      codecCase[customerResourceModel](resourceSchema(newCustomerResource)),
		"customer_address":              codecCase[customerAddressModel](resourceSchema(newCustomerAddressResource)),
		"customer_attribute":            codecCase[customerAttributeResourceModel](resourceSchema(newCustomerAttributeResource)),
		"tax_residence":                 codecCase[taxResidenceModel](resourceSchema(newTaxResidenceResource)),
		"customer_attribute_definition": codecCase[attributeDefinitionModel](resourceSchema(newAttributeDefinitionResource)),
		"user_customer_link":            codecCase[userCustomerLinkModel](resourceSchema(newUserCustomerLinkResource)),
		"data customer":                 codecCase[customerDataSourceModel](dataSourceSchema(newCustomerDataSource)),
		"data customer_children":        codecCase[customerChildrenModel](dataSourceSchema(newCustomerChildrenDataSource)),
		"data banks":                    codecCase[banksDataSourceModel](dataSourceSchema(newBanksDataSource)),
		"data bank":                     codecCase[bankDataSourceModel](dataSourceSchema(newBankDataSource)),
		"data user":                     codecCase[userDataSourceModel](dataSourceSchema(newUserDataSource)),
		"data current_user":             codecCase[userModel](dataSourceSchema(newCurrentUserDataSource)),
		"data account":                  codecCase[accountDataSourceModel](dataSourceSchema(newAccountDataSource)),
		"data accounts":                 codecCase[accountsDataSourceModel](dataSourceSchema(newAccountsDataSource)),
		"data thredd_accounts":          codecCase[threddAccountsModel](dataSourceSchema(newThreddAccountsDataSource)),
		"data truelayer_accounts":       codecCase[trueLayerAccountsModel](dataSourceSchema(newTrueLayerAccountsDataSource)),
		"data cdr_accounts":             codecCase[cdrAccountsModel](dataSourceSchema(newCDRAccountsDataSource)),
		"data ivy_accounts":             codecCase[ivyAccountsModel](dataSourceSchema(newIvyAccountsDataSource)),
		"data customers":                codecCase[customersDataSourceModel](dataSourceSchema(newCustomersDataSource)),
	}
	for name, check := range cases {
		t.Run(name, check)
	}
}

// resourceSchema is an empty state of the resource's schema.
func resourceSchema(newResource func() resource.Resource) tfsdk.State {
	var resp resource.SchemaResponse
	newResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return tfsdk.State{Schema: resp.Schema}
}

// dataSourceSchema is an empty state of the data source's schema.
func dataSourceSchema(newDataSource func() datasource.DataSource) tfsdk.State {
	var resp datasource.SchemaResponse
	newDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	return tfsdk.State{Schema: resp.Schema}
}

// sampleKind is how sampleValue fills the attributes of the top object.
type sampleKind int

const (
	sampleFull sampleKind = iota
	sampleNull
	sampleEmpty
	sampleUnknown
)

func codecCase[T any](s tfsdk.State) func(*testing.T) {
	return func(t *testing.T) {
		ctx := context.Background()
		objType := s.Schema.Type().TerraformType(ctx)
		if codecFor(ctx, reflect.TypeFor[T](), objType, s.Schema) == nil {
			t.Fatalf("%s has no codec", reflect.TypeFor[T]())
		}
		for kind, name := range []string{"full", "null", "empty", "unknown"} {
			raw := sampleObject(objType.(tftypes.Object), sampleKind(kind))
			t.Run(name, func(t *testing.T) { compareCodec[T](t, s, raw) })
		}
	}
}

func compareCodec[T any](t *testing.T, s tfsdk.State, raw tftypes.Value) {
	ctx := context.Background()
	var want, got T
	wantDiags := (tfsdk.State{Schema: s.Schema, Raw: raw}).Get(ctx, &want)
	decoded := decodeModel(ctx, raw, s.Schema, &got)
	if wantDiags.HasError() {
		if decoded {
			t.Fatalf("the codec decoded a value the framework refuses: %v", wantDiags)
		}
		return
	}
	if !decoded {
		t.Fatal("the codec refused a value the framework decodes")
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded\n%#v\nwant\n%#v", got, want)
	}
	framework := tfsdk.State{Schema: s.Schema, Raw: tftypes.NewValue(raw.Type(), nil)}
	if diags := framework.Set(ctx, want); diags.HasError() {
		t.Fatalf("framework Set: %v", diags)
	}
	encoded, ok := encodeModel(ctx, raw.Type(), s.Schema, want)
	if !ok {
		t.Fatal("the codec refused a model the framework encodes")
	}
	if !encoded.Equal(framework.Raw) {
		t.Fatalf("encoded\n%s\nwant\n%s", encoded, framework.Raw)
	}
}

// sampleObject is an object of typ whose attributes are all of kind.
func sampleObject(typ tftypes.Object, kind sampleKind) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		attrs[name] = sampleValue(attrType, kind)
	}
	return tftypes.NewValue(typ, attrs)
}

// sampleValue is a value of typ: set (collections of one element), null,
// empty (collections) or unknown.
func sampleValue(typ tftypes.Type, kind sampleKind) tftypes.Value {
	switch kind {
	case sampleNull:
		return tftypes.NewValue(typ, nil)
	case sampleUnknown:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	switch t := typ.(type) {
	case tftypes.Object:
		return sampleObject(t, kind)
	case tftypes.List:
		return tftypes.NewValue(t, sampleElements(t.ElementType, kind))
	case tftypes.Set:
		return tftypes.NewValue(t, sampleElements(t.ElementType, kind))
	case tftypes.Map:
		if kind == sampleEmpty {
			return tftypes.NewValue(t, map[string]tftypes.Value{})
		}
		return tftypes.NewValue(t, map[string]tftypes.Value{"k": sampleValue(t.ElementType, kind)})
	}
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, "sample")
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(7))
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, true)
	}
	return tftypes.NewValue(typ, nil)
}

func sampleElements(elem tftypes.Type, kind sampleKind) []tftypes.Value {
	if kind == sampleEmpty {
		return []tftypes.Value{}
	}
	return []tftypes.Value{sampleValue(elem, sampleFull)}
}

// A value of the wrong type in a model is refused by the codec, so the
// framework reports its own error instead of a panic.
func TestModelCodecLeavesMismatchesToTheFramework(t *testing.T) {
	ctx := context.Background()
	state := resourceSchema(newTaxResidenceResource)
	state.Raw = tftypes.NewValue(state.Schema.Type().TerraformType(ctx), nil)
	diags := setState(ctx, &state, taxResidenceModel{BankID: types.StringValue("b")})
	if !diags.HasError() {
		t.Fatal("a model with a zero timeouts value was written")
	}
}
