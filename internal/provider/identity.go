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
	parts, _ := p.values(ctx, &resp.State, &resp.Diagnostics)
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
// (a removed resource) is left alone.
func (p importID) record(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if state.Raw.IsNull() || diags.HasError() {
		return
	}
	values, ok := p.values(ctx, state, diags)
	if !ok {
		return
	}
	for i, part := range p.parts {
		if identity != nil {
			diags.Append(identity.SetAttribute(ctx, path.Root(part), values[i])...)
		}
	}
	diags.Append(state.SetAttribute(ctx, path.Root("id"), strings.Join(values, "/"))...)
}

// values are the parts of the import ID in state; ok is false while one is
// unknown or null.
func (p importID) values(ctx context.Context, state *tfsdk.State, diags *diag.Diagnostics) (values []string, ok bool) {
	values = make([]string, len(p.parts))
	for i, part := range p.parts {
		var v types.String
		diags.Append(state.GetAttribute(ctx, path.Root(part), &v)...)
		if v.IsUnknown() || v.IsNull() {
			return values, false
		}
		values[i] = v.ValueString()
	}
	return values, true
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
