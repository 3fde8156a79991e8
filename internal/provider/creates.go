package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// createdObject is what a create answered, ready for state.
type createdObject struct {
	typeName string // resource type, e.g. openbanking_customer
	what     string // for messages, e.g. "customer"
	importID string // the resource's import ID for the object
	model    any    // the state built from the server's object
}

// saveCreated records a create's object in state. An object that already
// existed (err is a *client.ExistsError) is adopted only when it matches the
// plan; otherwise the error shows how to import it. A create interrupted
// after the server made the object is recorded with a warning.
func saveCreated(ctx context.Context, plan tfsdk.Plan, resp *resource.CreateResponse, err error, obj createdObject) {
	if client.IsExists(err) {
		adoptExisting(ctx, plan, resp, obj)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, obj.model)...)
	if ctx.Err() != nil {
		resp.Diagnostics.AddWarning("Operation Interrupted After the "+obj.what+" Was Created",
			fmt.Sprintf("The create was interrupted (%v) after the server created the %s %s; the provider found it "+
				"and recorded it in the state, so nothing is left behind.", context.Cause(ctx), obj.what, obj.importID))
	}
}

// adoptExisting records an object the server already had when the state it
// gives equals the plan, and refuses it otherwise.
func adoptExisting(ctx context.Context, plan tfsdk.Plan, resp *resource.CreateResponse, obj createdObject) {
	found := tfsdk.State{Schema: plan.Schema, Raw: tftypes.NewValue(plan.Raw.Type(), nil)}
	resp.Diagnostics.Append(setState(ctx, &found, obj.model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !matchesPlan(plan.Raw, found.Raw) {
		resp.Diagnostics.AddError("The "+obj.what+" Already Exists", alreadyExistsDetail(obj))
		return
	}
	tflog.Info(ctx, "adopting the existing object that matches the configuration", map[string]any{
		"resource_type": obj.typeName, "import_id": obj.importID,
	})
	resp.State.Raw = found.Raw
}

// matchesPlan: every attribute the plan knows has the same value in state.
func matchesPlan(plan, state tftypes.Value) bool {
	var planned, got map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&got) != nil {
		return false
	}
	for name, v := range planned {
		if v.IsFullyKnown() && !v.Equal(got[name]) {
			return false
		}
	}
	return true
}

// alreadyExistsDetail tells how to bring an existing object under management.
func alreadyExistsDetail(obj createdObject) string {
	return fmt.Sprintf("The server already has a %[1]s with this configuration's identifying values (import ID %[3]s), "+
		"but its other values differ from the configuration, so it was not adopted. Import it and then "+
		"reconcile the configuration, or change the identifying values:\n\n"+
		"  terraform import %[2]s.<NAME> %[3]s\n\nor add an import block:\n\n"+
		"import {\n  to = %[2]s.<NAME>\n  id = %[3]q\n}\n\nwhere <NAME> is this resource's name in the configuration.",
		obj.what, obj.typeName, obj.importID)
}

// childImportID is the import ID bank_id/customer_id/child_id.
func childImportID(bankID, customerID types.String, childID string) string {
	return bankID.ValueString() + "/" + customerID.ValueString() + "/" + childID
}
