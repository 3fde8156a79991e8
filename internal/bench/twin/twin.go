package main

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	obprovider "github.com/openbanking/terraform-provider-openbanking/internal/provider"
)

// twinProvider has the provider's name, provider schema and resources, but
// configures nothing.
type twinProvider struct{ real provider.Provider }

func newTwin() provider.Provider { return &twinProvider{real: obprovider.New("twin")()} }

func (p *twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "openbanking"
}

func (p *twinProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *twinProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// Resources are the provider's resources, each behind a twin.
func (p *twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newReal := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return &twinResource{real: newReal()} })
	}
	return out
}

// twinResource has a resource's type name, schema and identity schema;
// create and update store the plan with every unknown value made known, read
// keeps the state, all three answer the identity from the state, and delete
// forgets it.
type twinResource struct{ real resource.Resource }

var _ resource.ResourceWithIdentity = (*twinResource)(nil)

func (r *twinResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *twinResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

// IdentitySchema is the real resource's, when it has one.
func (r *twinResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if withIdentity, ok := r.real.(resource.ResourceWithIdentity); ok {
		withIdentity.IdentitySchema(ctx, req, resp)
	}
}

func (r *twinResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	storePlan(req.Plan.Raw, leftOut(ctx, req.Plan.Schema.AttributeAtTerraformPath), &resp.State, &resp.Diagnostics)
	resp.State.Raw = joinedID(resp.State.Raw, resp.Identity)
	storeIdentity(resp.State.Raw, resp.Identity)
}

func (r *twinResource) Read(_ context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	storeIdentity(resp.State.Raw, resp.Identity)
}

func (r *twinResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	storePlan(req.Plan.Raw, leftOut(ctx, req.Plan.Schema.AttributeAtTerraformPath), &resp.State, &resp.Diagnostics)
	storeIdentity(resp.State.Raw, resp.Identity)
}

// storeIdentity answers the identity made of the state's attributes of the
// same names, as the provider's resources do.
func storeIdentity(state tftypes.Value, identity *tfsdk.ResourceIdentity) {
	objType, ok := identityType(identity)
	var attrs map[string]tftypes.Value
	if !ok || state.As(&attrs) != nil {
		return
	}
	values := make(map[string]tftypes.Value, len(objType.AttributeTypes))
	for name, typ := range objType.AttributeTypes {
		v, found := attrs[name]
		if !found || !v.Type().Equal(typ) {
			return
		}
		values[name] = v
	}
	identity.Raw = tftypes.NewValue(objType, values)
}

// identityType is the type of the resource's identity; false when it has none.
func identityType(identity *tfsdk.ResourceIdentity) (tftypes.Object, bool) {
	if identity == nil || identity.Raw.Type() == nil {
		return tftypes.Object{}, false
	}
	objType, ok := identity.Raw.Type().(tftypes.Object)
	return objType, ok
}

// storePlan makes the plan, with every unknown value known, the new state.
func storePlan(plan tftypes.Value, null func(*tftypes.AttributePath) bool, state *tfsdk.State, diags *diag.Diagnostics) {
	raw, err := known(plan, null)
	if err != nil {
		diags.AddError("Twin Could Not Store the Plan", err.Error())
		return
	}
	state.Raw = raw
}

func (r *twinResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// serial numbers the placeholder strings, so that every computed id differs.
var serial atomic.Int64

// placeholderPrefix starts every placeholder string. The placeholders are
// as long as the API's ids (UUIDs).
const placeholderPrefix = "00000000-0000-4000-8000-"

// known replaces every unknown value in v with null where null says so, and
// with a placeholder of its type elsewhere.
func known(v tftypes.Value, null func(*tftypes.AttributePath) bool) (tftypes.Value, error) {
	return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		switch {
		case v.IsKnown():
			return v, nil
		case null(p):
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return placeholder(v.Type()), nil
	})
}

// optionality is what a schema attribute says of its configuration.
type optionality interface {
	IsOptional() bool
	IsComputed() bool
}

// leftOut reports whether the schema's attribute at a path is optional and
// computed. The configuration leaves such an attribute out, the API answers
// nothing for it and the provider stores null (customer_type and
// parent_customer_id in the bench), so the twin's state is as large as the
// provider's. find is the plan's schema's AttributeAtTerraformPath.
func leftOut[A optionality](ctx context.Context, find func(context.Context, *tftypes.AttributePath) (A, error)) func(*tftypes.AttributePath) bool {
	return func(p *tftypes.AttributePath) bool {
		attr, err := find(ctx, p)
		return err == nil && attr.IsOptional() && attr.IsComputed()
	}
}

// placeholder is a known value of t: a unique string, zero, false, an empty
// collection, or null for an object.
func placeholder(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, fmt.Sprintf("%s%012d", placeholderPrefix, serial.Add(1)))
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, new(big.Float))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}), t.Is(tftypes.Tuple{}):
		return tftypes.NewValue(t, []tftypes.Value{})
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(t, nil)
}

// idParts lead the attributes the provider joins with "/" into a resource's
// id: bank_id/customer_id/<the resource's own id>.
var idParts = []string{"bank_id", "customer_id"}

// joinedID sets a created resource's id as the provider builds it: its
// identity's attributes joined by "/", bank_id and customer_id first. The
// state is then as large as the provider's, and terraform's cost of writing
// it the same.
func joinedID(state tftypes.Value, identity *tfsdk.ResourceIdentity) tftypes.Value {
	objType, ok := identityType(identity)
	var attrs map[string]tftypes.Value
	if !ok || state.As(&attrs) != nil {
		return state
	}
	if _, hasID := attrs["id"]; !hasID {
		return state
	}
	var parts []string
	for _, name := range identityOrder(objType) {
		var s string
		if v, found := attrs[name]; found && v.As(&s) == nil && s != "" {
			parts = append(parts, s)
		}
	}
	attrs["id"] = tftypes.NewValue(tftypes.String, strings.Join(parts, "/"))
	return tftypes.NewValue(state.Type(), attrs)
}

// identityOrder lists the identity's attributes: idParts first, then the rest sorted.
func identityOrder(identity tftypes.Object) []string {
	var head, rest []string
	for _, name := range idParts {
		if _, ok := identity.AttributeTypes[name]; ok {
			head = append(head, name)
		}
	}
	for name := range identity.AttributeTypes {
		if !slices.Contains(idParts, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	return append(head, rest...)
}
