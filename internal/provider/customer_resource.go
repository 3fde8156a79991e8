package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ resource.Resource                = (*customerResource)(nil)
	_ resource.ResourceWithConfigure   = (*customerResource)(nil)
	_ resource.ResourceWithImportState = (*customerResource)(nil)
	_ resource.ResourceWithIdentity    = (*customerResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customerResource)(nil)
)

type customerResource struct {
	clients *clients
}

// customerResourceModel is the customer's state plus the resource's timeouts.
type customerResourceModel struct {
	ID types.String `tfsdk:"id"`
	customerModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// with returns the model holding c and the same timeouts.
func (m customerResourceModel) with(c customerModel) customerResourceModel {
	return customerResourceModel{customerModel: c, Timeouts: m.Timeouts}
}

func newCustomerResource() resource.Resource { return &customerResource{} }

func (r *customerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

func (r *customerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *customerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer customerImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan customerResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	body, err := plan.createRequest()
	if err != nil {
		resp.Diagnostics.AddError("Invalid Customer", err.Error())
		return
	}
	created, err := r.clients.OBP.CreateCustomer(ctx, plan.BankID.ValueString(), body)
	if err != nil && !client.IsExists(err) {
		addAPIError(&resp.Diagnostics, createErrorPath(err, plan.customerModel), "Could Not Create the OBP Customer", err)
		return
	}
	saveCreated(ctx, req.Plan, resp, err, createdObject{
		typeName: "openbanking_customer", what: "customer",
		importID: plan.BankID.ValueString() + "/" + created.CustomerID,
		model:    plan.with(customerFromAPI(created, plan.customerModel)),
	})
}

// createErrorPath points a create error at the attribute it is about, when known.
func createErrorPath(err error, plan customerModel) path.Path {
	switch {
	case client.HasCode(err, "OBP-30001"):
		return path.Root("bank_id")
	case client.HasCode(err, "OBP-10020"):
		return path.Root("dependants")
	case client.HasCode(err, "OBP-30051") && !plan.CustomerNumber.IsUnknown():
		return path.Root("customer_number")
	case client.HasCode(err, "OBP-30272"):
		return path.Root("customer_type")
	case client.HasCode(err, obp.CodeCustomerNotFound) && !plan.ParentCustomerID.IsNull():
		return path.Root("parent_customer_id")
	}
	var version *obp.VersionError
	if errors.As(err, &version) {
		return path.Root(version.Feature)
	}
	return path.Empty()
}

func (r *customerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer customerImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state customerResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.GetCustomer(ctx, state.BankID.ValueString(), state.CustomerID.ValueString())
	if client.IsNotFound(err) {
		customerImportID.removeGone(ctx, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the OBP Customer", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, state.with(customerFromAPI(got, state.customerModel)))...)
}

// Update calls only the PUT sub-resources whose attributes changed. If one
// fails, the state is refreshed from the server so it records what did change.
func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer customerImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan, prior customerResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	state := prior.customerModel
	bankID, customerID := state.BankID.ValueString(), state.CustomerID.ValueString()
	for _, u := range changedUpdates(plan.customerModel, state) {
		updated, err := u.call(ctx, r.clients.OBP, bankID, customerID, plan.customerModel)
		if err != nil {
			addAPIError(&resp.Diagnostics, u.path(), fmt.Sprintf("Could Not Update the OBP Customer (PUT …/%s)", u.endpoint), err)
			r.refreshAfterFailure(ctx, prior.with(state), resp)
			return
		}
		state = customerFromAPI(updated, plan.customerModel)
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, plan.with(state))...)
}

// refreshAfterFailure records what a failed update changed, keeping the
// timeouts of the prior state.
func (r *customerResource) refreshAfterFailure(ctx context.Context, state customerResourceModel, resp *resource.UpdateResponse) {
	got, err := r.clients.OBP.GetCustomer(ctx, state.BankID.ValueString(), state.CustomerID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(setState(ctx, &resp.State, state)...)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, state.with(customerFromAPI(got, state.customerModel)))...)
}

func (r *customerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteCustomerCascade(ctx, state.BankID.ValueString(), state.CustomerID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the OBP Customer", err)
	}
}

var customerImportID = importID{typeName: "openbanking_customer", parts: []string{"bank_id", "customer_id"}, example: "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455"}

func (r *customerResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	customerImportID.identitySchema(ctx, req, resp)
}

func (r *customerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	customerImportID.importState(ctx, req, resp)
}

// ModifyPlan checks what OBP enforces across attributes and marks changes
// OBP cannot make in place.
func (r *customerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.checkAPIVersion(ctx, req, resp)
	checkPlannedBank(ctx, r.clients, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		resp.Diagnostics.Append(checkDependants(ctx, req.Plan)...)
		return
	}
	// PUT …/identity requires date_of_birth and PUT …/data requires face_image.date.
	replaceIfChangedWithout(req, resp, identityAttrs, "date_of_birth")
	replaceIfChangedWithout(req, resp, dataAttrs, "face_image")
}

// v600Attrs exist from OBP v6.0.0 on.
var v600Attrs = []string{"customer_type", "parent_customer_id"}

// checkAPIVersion refuses customer_type and parent_customer_id when the
// provider speaks an OBP version without them (and plans them null when not
// configured, so older versions show no change), and dates with a time of
// day when it speaks v6.0.0, which stores days only.
func (r *customerResource) checkAPIVersion(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.clients == nil || r.clients.OBP == nil {
		return
	}
	api := r.clients.OBP
	if !api.IsV600() {
		for _, name := range v600Attrs {
			if !rawAttr(req.Config.Raw, name).IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(name), name+" Needs api_version v6.0.0",
					fmt.Sprintf("OBP has %s from v6.0.0 on, and the provider speaks %s. Set api_version = \"v6.0.0\" in the "+
						"provider's obp block (or %s=v6.0.0) to use it, or remove %s.", name, api.APIVersion(), obpSettings.env("api_version"), name))
				continue
			}
			if rawAttr(req.State.Raw, name).IsNull() {
				resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringNull())...)
			}
		}
		return
	}
	resp.Diagnostics.Append(checkDays(ctx, req.Plan)...)
}

// checkDays: OBP v6.0.0 stores date_of_birth and dob_of_dependants as days,
// so a time of day would come back lost.
func checkDays(ctx context.Context, plan tfsdk.Plan) diag.Diagnostics {
	var diags diag.Diagnostics
	var dob types.String
	var dobs types.List
	diags.Append(plan.GetAttribute(ctx, path.Root("date_of_birth"), &dob)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("dob_of_dependants"), &dobs)...)
	if diags.HasError() {
		return diags
	}
	check := func(at path.Path, v types.String) {
		if v.IsNull() || v.IsUnknown() {
			return
		}
		t, err := parseDate(v.ValueString())
		if err == nil && !t.Equal(t.Truncate(24*time.Hour)) {
			diags.AddAttributeError(at, "OBP v6.0.0 Stores Days Only",
				fmt.Sprintf("%s is %q, which has a time of day; OBP v6.0.0 keeps only the day. Give the date as YYYY-MM-DD.", at, v.ValueString()))
		}
	}
	check(path.Root("date_of_birth"), dob)
	if !dobs.IsNull() && !dobs.IsUnknown() {
		for i, e := range dobs.Elements() {
			if s, ok := e.(types.String); ok {
				check(path.Root("dob_of_dependants").AtListIndex(i), s)
			}
		}
	}
	return diags
}

// replaceIfChangedWithout requires replacement for the changed attributes of a
// group when the attribute the group's update endpoint needs is null.
func replaceIfChangedWithout(req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, group []string, needed string) {
	if !rawAttr(req.Plan.Raw, needed).IsNull() {
		return
	}
	for _, name := range group {
		if !rawAttr(req.Plan.Raw, name).Equal(rawAttr(req.State.Raw, name)) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
		}
	}
}

func rawAttr(v tftypes.Value, name string) tftypes.Value {
	got, _, err := tftypes.WalkAttributePath(v, tftypes.NewAttributePath().WithAttributeName(name))
	if err != nil {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	}
	value, ok := got.(tftypes.Value)
	if !ok {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	}
	return value
}

// checkDependants: OBP refuses to create a customer whose dependants differs
// from the number of dob_of_dependants (OBP-10020).
func checkDependants(ctx context.Context, plan tfsdk.Plan) diag.Diagnostics {
	var m struct {
		Dependants      *int64    `tfsdk:"dependants"`
		DobOfDependants *[]string `tfsdk:"dob_of_dependants"`
	}
	var diags diag.Diagnostics
	deps := rawAttr(plan.Raw, "dependants")
	dobs := rawAttr(plan.Raw, "dob_of_dependants")
	if !deps.IsFullyKnown() || !dobs.IsFullyKnown() {
		return diags
	}
	diags.Append(plan.GetAttribute(ctx, path.Root("dependants"), &m.Dependants)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("dob_of_dependants"), &m.DobOfDependants)...)
	if diags.HasError() || m.Dependants == nil {
		return diags
	}
	count := 0
	if m.DobOfDependants != nil {
		count = len(*m.DobOfDependants)
	}
	if int64(count) != *m.Dependants {
		diags.AddAttributeError(path.Root("dependants"), "dependants Does Not Match dob_of_dependants",
			fmt.Sprintf("OBP creates a customer only when dependants (%d) equals the number of dob_of_dependants (%d); "+
				"otherwise it answers OBP-10020. Give one date of birth per dependant.", *m.Dependants, count))
	}
	return diags
}
