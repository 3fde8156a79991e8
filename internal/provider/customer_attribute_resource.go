package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ resource.Resource                   = (*customerAttributeResource)(nil)
	_ resource.ResourceWithConfigure      = (*customerAttributeResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*customerAttributeResource)(nil)
	_ resource.ResourceWithImportState    = (*customerAttributeResource)(nil)
	_ resource.ResourceWithIdentity       = (*customerAttributeResource)(nil)
	_ resource.ResourceWithValidateConfig = (*customerAttributeResource)(nil)
)

type customerAttributeResource struct {
	clients *clients
}

type customerAttributeResourceModel struct {
	ID                  types.String   `tfsdk:"id"`
	BankID              types.String   `tfsdk:"bank_id"`
	CustomerID          types.String   `tfsdk:"customer_id"`
	CustomerAttributeID types.String   `tfsdk:"customer_attribute_id"`
	Name                types.String   `tfsdk:"name"`
	Type                types.String   `tfsdk:"type"`
	Value               types.String   `tfsdk:"value"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

var attributeTypes = []string{"STRING", "INTEGER", "DOUBLE", "DATE_WITH_DAY"}

func newCustomerAttributeResource() resource.Resource { return &customerAttributeResource{} }

func (r *customerAttributeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_attribute"
}

func (r *customerAttributeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *customerAttributeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A name/type/value attribute of an OBP customer. `name`, `type` and `value` change in place " +
			"(OBP's `PUT …/attributes/{id}`); `bank_id` and `customer_id` force a new attribute. OBP does not check values " +
			"against their type; the provider does, before apply. Roles: `CanCreateCustomerAttributeAtOneBank`, " +
			"`CanUpdateCustomerAttributeAtOneBank`, `CanGetCustomerAttributeAtOneBank`, `CanDeleteCustomerAttributeAtOneBank`, " +
			"and `CanGetCustomerAttributesAtOneBank` to find an attribute whose create answer was lost. A refresh that also " +
			"reads the customer (an `openbanking_customer` in the same configuration) takes the attribute from the " +
			"customer's answer, which lists its attributes, instead of asking for it again.",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, true)},
		Attributes: map[string]schema.Attribute{
			"id":          attributeImportID.idAttribute(),
			"bank_id":     parentID("Id of the customer's bank.", bankIDValidator()),
			"customer_id": parentID("Id of the customer.", idValidator()),
			"customer_attribute_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id OBP gave the attribute.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": requiredString("Name, e.g. `TAX_NUMBER` (at most 50 characters). OBP allows several attributes with one name.", 50),
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "One of `STRING`, `INTEGER`, `DOUBLE`, `DATE_WITH_DAY` (case-sensitive).",
				Validators:          []validator.String{stringvalidator.OneOf(attributeTypes...)},
			},
			"value": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Value as a string, which must parse as the type: an integer for `INTEGER`, a number for " +
					"`DOUBLE`, `YYYY-MM-DD` for `DATE_WITH_DAY` (at most 2000 characters).",
				Validators: []validator.String{lengthAtMost(2000)},
			},
		},
	}
}

func (r *customerAttributeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var typ, value types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("type"), &typ)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("value"), &value)...)
	if resp.Diagnostics.HasError() || typ.IsNull() || typ.IsUnknown() || value.IsNull() || value.IsUnknown() {
		return
	}
	if err := checkAttributeValue(typ.ValueString(), value.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("value"), "Value Does Not Match Type", err.Error())
	}
}

// checkAttributeValue tells whether value parses as an attribute of type typ.
func checkAttributeValue(typ, value string) error {
	var err error
	switch typ {
	case "INTEGER":
		_, err = strconv.ParseInt(value, 10, 64)
	case "DOUBLE":
		_, err = strconv.ParseFloat(value, 64)
	case "DATE_WITH_DAY":
		_, err = time.Parse(obp.DayLayout, value)
	}
	if err != nil {
		return fmt.Errorf("%q is not a valid %s value (INTEGER: 123, DOUBLE: 12.1234, DATE_WITH_DAY: 2012-04-23)", value, typ)
	}
	return nil
}

// sameAttributeValue compares values as their type: numbers by value, dates by day.
func sameAttributeValue(typ, a, b string) bool {
	if a == b {
		return true
	}
	switch typ {
	case "INTEGER", "DOUBLE":
		return sameAmount(a, b)
	case "DATE_WITH_DAY":
		return sameDate(a, b)
	}
	return false
}

func (r *customerAttributeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer attributeImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan customerAttributeResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.CreateCustomerAttribute(ctx, plan.BankID.ValueString(), plan.CustomerID.ValueString(), plan.toAPI())
	if err != nil && !client.IsExists(err) {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not Create the Customer Attribute", err)
		return
	}
	saveCreated(ctx, req.Plan, resp, err, createdObject{
		typeName: "openbanking_customer_attribute", what: "customer attribute",
		importID: childImportID(plan.BankID, plan.CustomerID, got.CustomerAttributeID),
		model:    attributeFromAPI(got, plan),
	})
}

func (r *customerAttributeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer attributeImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state customerAttributeResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.GetCustomerAttribute(ctx, state.BankID.ValueString(), state.CustomerID.ValueString(), state.CustomerAttributeID.ValueString())
	if isGone(err, obp.CodeCustomerAttributeNotFound) {
		attributeImportID.removeGone(ctx, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the Customer Attribute", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, attributeFromAPI(got, state))...)
}

func (r *customerAttributeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer attributeImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan customerAttributeResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.UpdateCustomerAttribute(ctx, plan.BankID.ValueString(), plan.CustomerID.ValueString(),
		plan.CustomerAttributeID.ValueString(), plan.toAPI())
	if err != nil {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not Update the Customer Attribute", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, attributeFromAPI(got, plan))...)
}

// Delete: OBP answers 204 whether or not the attribute exists.
func (r *customerAttributeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerAttributeResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteCustomerAttribute(ctx, state.BankID.ValueString(), state.CustomerAttributeID.ValueString())
	if err != nil && !isGone(err, obp.CodeCustomerAttributeNotFound) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the Customer Attribute", err)
	}
}

var attributeImportID = importID{typeName: "openbanking_customer_attribute", parts: []string{"bank_id", "customer_id", "customer_attribute_id"}, example: "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/<customer_attribute_id>"}

func (r *customerAttributeResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	attributeImportID.identitySchema(ctx, req, resp)
}

func (r *customerAttributeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	attributeImportID.importState(ctx, req, resp)
}

func (m customerAttributeResourceModel) toAPI() obp.CustomerAttributeRequest {
	return obp.CustomerAttributeRequest{Name: m.Name.ValueString(), Type: m.Type.ValueString(), Value: m.Value.ValueString()}
}

// attributeFromAPI keeps the prior value when the server wrote the same value another way.
func attributeFromAPI(a *obp.CustomerAttribute, prior customerAttributeResourceModel) customerAttributeResourceModel {
	value := types.StringValue(a.Value)
	if !prior.Value.IsNull() && sameAttributeValue(a.Type, prior.Value.ValueString(), a.Value) {
		value = prior.Value
	}
	return customerAttributeResourceModel{
		BankID:              prior.BankID,
		CustomerID:          prior.CustomerID,
		CustomerAttributeID: types.StringValue(a.CustomerAttributeID),
		Name:                types.StringValue(a.Name),
		Type:                types.StringValue(a.Type),
		Value:               value,
		Timeouts:            prior.Timeouts,
	}
}

// ModifyPlan refuses, at plan, a bank OBP does not have.
func (r *customerAttributeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkPlannedBank(ctx, r.clients, req, resp)
}
