package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// importID names the attributes whose values, joined with "/", are a
// resource's import id. They are its `id` attribute and, on Terraform 1.12
// and later, its resource identity.
type importID struct {
	typeName string
	parts    []string
	// optional parts may be left out of an identity import (the read finds them).
	optional map[string]bool
	example  string
}

func (p importID) format() string { return strings.Join(p.parts, "/") }

// idAttribute is the computed `id`.
func (p importID) idAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "Import id, `" + p.format() + "`.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func (p importID) identitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	attrs := make(map[string]identityschema.Attribute, len(p.parts))
	for _, part := range p.parts {
		attrs[part] = identityschema.StringAttribute{
			RequiredForImport: !p.optional[part],
			OptionalForImport: p.optional[part],
			Description:       strings.ReplaceAll(part, "_", " ") + ".",
		}
	}
	resp.IdentitySchema = identityschema.Schema{Attributes: attrs}
}

// removeGone drops a resource the server no longer has from the state, with a
// warning naming it: a refresh never loses an object silently.
func (p importID) removeGone(ctx context.Context, resp *resource.ReadResponse) {
	_, parts, _ := p.values(resp.State.Raw)
	resp.Diagnostics.AddWarning("Object Deleted Outside Terraform",
		fmt.Sprintf("%s %q no longer exists on the server, so it was removed from the Terraform state; "+
			"the next apply creates it again unless its block is removed.", p.typeName, strings.Join(parts, "/")))
	resp.State.RemoveResource(ctx)
}

// track returns the recording of `id` and the identity for the end of the
// operation. Create, Read and Update run `defer track(...)()`. A read that
// removes the resource must still answer an identity, so a state without
// one (written before identities existed) gets it from the state it starts
// from, now.
func (p importID) track(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) func() {
	if identity != nil && identity.Raw.IsFullyNull() {
		p.record(ctx, state, identity, diags)
	}
	return func() { p.record(ctx, state, identity, diags) }
}

// record writes `id` and the identity from the parts in state; a null state
// (a removed resource) is left alone. It builds both values directly: it
// runs after every read, and path-based gets and sets walk the schema.
func (p importID) record(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if state.Raw.IsNull() || diags.HasError() {
		return
	}
	attrs, values, ok := p.values(state.Raw)
	if !ok {
		return
	}
	attrs["id"] = tftypes.NewValue(tftypes.String, strings.Join(values, "/"))
	state.Raw = tftypes.NewValue(state.Raw.Type(), attrs)
	if identity != nil {
		p.recordIdentity(ctx, identity, values, diags)
	}
}

// recordIdentity makes values the identity.
func (p importID) recordIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, values []string, diags *diag.Diagnostics) {
	attrs := make(map[string]tftypes.Value, len(p.parts))
	for i, part := range p.parts {
		attrs[part] = tftypes.NewValue(tftypes.String, values[i])
	}
	raw := tftypes.NewValue(tftypes.Object{AttributeTypes: identityTypes(p.parts)}, attrs)
	if identity.Raw.Type() == nil || !identity.Raw.Type().Equal(raw.Type()) {
		for i, part := range p.parts {
			diags.Append(identity.SetAttribute(ctx, path.Root(part), values[i])...)
		}
		return
	}
	identity.Raw = raw
}

// identityTypes is the terraform type of an identity of string parts.
func identityTypes(parts []string) map[string]tftypes.Type {
	attrTypes := make(map[string]tftypes.Type, len(parts))
	for _, part := range parts {
		attrTypes[part] = tftypes.String
	}
	return attrTypes
}

// values are the attributes of state and the parts of its import ID; ok is
// false while one is unknown or null.
func (p importID) values(state tftypes.Value) (attrs map[string]tftypes.Value, values []string, ok bool) {
	if err := state.As(&attrs); err != nil {
		return nil, nil, false
	}
	values = make([]string, len(p.parts))
	for i, part := range p.parts {
		v := attrs[part]
		if !v.IsKnown() || v.IsNull() || v.As(&values[i]) != nil {
			return attrs, values, false
		}
	}
	return attrs, values, true
}

// importState imports by identity, or by the string id in the parts' order.
func (p importID) importState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil {
		for _, part := range p.parts {
			var v types.String
			resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(part), &v)...)
			if !v.IsNull() {
				resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(part), v)...)
			}
		}
		return
	}
	values, ok := splitImportID(req.ID, p.parts...)
	if !ok {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Expected %s (e.g. %s), got %q.", p.format(), p.example, req.ID))
		return
	}
	for i, part := range p.parts {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(part), values[i])...)
	}
}

// splitImportID splits "a/b[/c]" into exactly len(names) non-empty parts.
func splitImportID(id string, names ...string) ([]string, bool) {
	parts := strings.Split(id, "/")
	if len(parts) != len(names) {
		return nil, false
	}
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
	}
	return parts, true
}
