package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// providerClients returns the provider's clients (nil before the provider is configured).
func providerClients(data any, diags *diag.Diagnostics) *clients {
	if data == nil {
		return nil
	}
	c, ok := data.(*clients)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("expected *clients, got %T", data))
		return nil
	}
	return c
}

// obpClients returns the provider's clients for a resource or data source of
// OBP, with an error when the provider has no OBP configuration.
func obpClients(data any, diags *diag.Diagnostics) *clients {
	c := providerClients(data, diags)
	if c != nil && c.OBP == nil {
		diags.AddAttributeError(path.Root("obp"), "OBP Is Not Configured",
			"This resource or data source manages an OBP server: "+obpSettings.notConfigured())
	}
	return c
}

// accountAPI returns the client of an account API, with an error naming the
// provider block to add when that API is not configured.
func accountAPI[T any](data any, diags *diag.Diagnostics, block providerBlock, pick func(*clients) *T) *T {
	c := providerClients(data, diags)
	if c == nil {
		return nil
	}
	api := pick(c)
	if api == nil {
		diags.AddAttributeError(block.root(), block.name+" Is Not Configured",
			fmt.Sprintf("This data source reads the %s API: %s", block.name, block.notConfigured()))
	}
	return api
}

// checkPlannedBank fails, at plan, a new object (or a move to another bank)
// whose known bank_id OBP does not have, naming bank_id, instead of waiting
// for the apply. One read per bank and process; failures other than
// not-found are left to the operations.
func checkPlannedBank(ctx context.Context, c *clients, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || c.OBP == nil || req.Plan.Raw.IsNull() {
		return
	}
	var planned, current types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("bank_id"), &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("bank_id"), &current)...)
	}
	if resp.Diagnostics.HasError() || planned.IsUnknown() || planned.IsNull() || planned.Equal(current) {
		return
	}
	if err := c.OBP.CheckBank(ctx, planned.ValueString()); client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, path.Root("bank_id"), "Bank Not Found", err)
	}
}
