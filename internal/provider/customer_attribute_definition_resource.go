package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ resource.Resource                = (*attributeDefinitionResource)(nil)
	_ resource.ResourceWithConfigure   = (*attributeDefinitionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*attributeDefinitionResource)(nil)
	_ resource.ResourceWithImportState = (*attributeDefinitionResource)(nil)
	_ resource.ResourceWithIdentity    = (*attributeDefinitionResource)(nil)
)

type attributeDefinitionResource struct {
	clients *clients
}

type attributeDefinitionModel struct {
	ID                    types.String   `tfsdk:"id"`
	BankID                types.String   `tfsdk:"bank_id"`
	AttributeDefinitionID types.String   `tfsdk:"attribute_definition_id"`
	Name                  types.String   `tfsdk:"name"`
	Category              types.String   `tfsdk:"category"`
	Type                  types.String   `tfsdk:"type"`
	Description           types.String   `tfsdk:"description"`
	Alias                 types.String   `tfsdk:"alias"`
	CanBeSeenOnViews      []types.String `tfsdk:"can_be_seen_on_views"`
	IsActive              types.Bool     `tfsdk:"is_active"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

const customerCategory = "Customer"

func newAttributeDefinitionResource() resource.Resource { return &attributeDefinitionResource{} }

func (r *attributeDefinitionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_attribute_definition"
}

func (r *attributeDefinitionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *attributeDefinitionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaced := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A customer attribute definition of a bank. OBP keys definitions by bank, name and category " +
			"and silently updates an existing one on create: this resource refuses to take over a definition that already " +
			"exists and asks for it to be imported instead. `type`, `description`, `alias`, `can_be_seen_on_views` and " +
			"`is_active` change in place; `bank_id`, `name` and `category` force a new definition. Roles: " +
			"`CanCreateCustomerAttributeDefinitionAtOneBank`, `CanGetCustomerAttributeDefinitionAtOneBank`, " +
			"`CanDeleteCustomerAttributeDefinitionAtOneBank`.",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, true)},
		Attributes: map[string]schema.Attribute{
			"id":      definitionImportID.idAttribute(),
			"bank_id": parentID("Id of the bank.", bankIDValidator()),
			"attribute_definition_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id OBP gave the definition.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the attribute (at most 50 characters). Changing it creates a new definition.",
				Validators:          []validator.String{lengthBetween(50)},
				PlanModifiers:       replaced,
			},
			"category": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(customerCategory),
				MarkdownDescription: "Category; this resource manages `Customer` definitions only. Defaults to `Customer`.",
				Validators:          []validator.String{stringvalidator.OneOf(customerCategory)},
				PlanModifiers:       replaced,
			},
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "One of `STRING`, `INTEGER`, `DOUBLE`, `DATE_WITH_DAY`.",
				Validators:          []validator.String{stringvalidator.OneOf(attributeTypes...)},
			},
			"description": optionalString("Description (at most 256 characters).", 256),
			"alias":       optionalString("Alias (at most 50 characters).", 50),
			"can_be_seen_on_views": schema.SetAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Ids of the account views that show the attribute, e.g. `owner`. OBP stores them `;`-joined in 256 characters.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(lengthBetween(255), notContaining(";"))},
			},
			"is_active": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Whether the definition is active. Defaults to `true`.",
			},
		},
	}
}

// Create adopts a definition of the same (bank, name, category) that equals
// the plan and refuses one that differs: OBP's PUT would silently change that
// definition instead of creating one.
func (r *attributeDefinitionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer definitionImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan attributeDefinitionModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	existing, err := r.find(ctx, plan.BankID.ValueString(), func(d obp.AttributeDefinition) bool {
		return d.Name == plan.Name.ValueString() && d.Category == plan.Category.ValueString()
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not List the Attribute Definitions", err)
		return
	}
	if existing != nil {
		saveCreated(ctx, req.Plan, resp, &client.ExistsError{}, createdObject{
			typeName: "openbanking_customer_attribute_definition", what: "customer attribute definition",
			importID: plan.BankID.ValueString() + "/" + existing.AttributeDefinitionID,
			model:    definitionFromAPI(existing, plan),
		})
		return
	}
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *attributeDefinitionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer definitionImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan attributeDefinitionModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *attributeDefinitionResource) put(ctx context.Context, plan attributeDefinitionModel, state *tfsdk.State, diags *diag.Diagnostics) {
	got, err := r.clients.OBP.PutCustomerAttributeDefinition(ctx, plan.BankID.ValueString(), plan.toAPI())
	if err != nil {
		addAPIError(diags, childErrorPath(err), "Could Not Save the Attribute Definition", err)
		return
	}
	diags.Append(state.Set(ctx, definitionFromAPI(got, plan))...)
}

func (r *attributeDefinitionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer definitionImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state attributeDefinitionModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	got, err := r.find(ctx, state.BankID.ValueString(), func(d obp.AttributeDefinition) bool {
		return d.AttributeDefinitionID == state.AttributeDefinitionID.ValueString()
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the Attribute Definitions", err)
		return
	}
	if got == nil {
		definitionImportID.removeGone(ctx, resp)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, definitionFromAPI(got, state))...)
}

// find lists the definitions (OBP answers those of every bank) and returns the
// first of bankID that matches.
func (r *attributeDefinitionResource) find(ctx context.Context, bankID string, match func(obp.AttributeDefinition) bool) (*obp.AttributeDefinition, error) {
	all, err := r.clients.OBP.ListCustomerAttributeDefinitions(ctx, bankID)
	if err != nil {
		return nil, err
	}
	return findFirst(all, func(d obp.AttributeDefinition) bool { return d.BankID == bankID && match(d) }), nil
}

func (r *attributeDefinitionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state attributeDefinitionModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteCustomerAttributeDefinition(ctx, state.BankID.ValueString(), state.AttributeDefinitionID.ValueString())
	if err != nil && !isGone(err, obp.CodeAttributeDefinitionNotFound) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the Attribute Definition", err)
	}
}

var definitionImportID = importID{typeName: "openbanking_customer_attribute_definition", parts: []string{"bank_id", "attribute_definition_id"}, example: "demo.bank.01/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}

func (r *attributeDefinitionResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	definitionImportID.identitySchema(ctx, req, resp)
}

func (r *attributeDefinitionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	definitionImportID.importState(ctx, req, resp)
}

func (m attributeDefinitionModel) toAPI() obp.AttributeDefinition {
	views := make([]string, len(m.CanBeSeenOnViews))
	for i, v := range m.CanBeSeenOnViews {
		views[i] = v.ValueString()
	}
	return obp.AttributeDefinition{
		Name:             m.Name.ValueString(),
		Category:         m.Category.ValueString(),
		Type:             m.Type.ValueString(),
		Description:      m.Description.ValueString(),
		Alias:            m.Alias.ValueString(),
		CanBeSeenOnViews: views,
		IsActive:         m.IsActive.ValueBool(),
	}
}

// definitionFromAPI maps "" to null and [""] (no views) to null, unless the
// configuration wrote "" or [].
func definitionFromAPI(d *obp.AttributeDefinition, prior attributeDefinitionModel) attributeDefinitionModel {
	var views []types.String
	for _, v := range d.CanBeSeenOnViews {
		if v = strings.TrimSpace(v); v != "" {
			views = append(views, types.StringValue(v))
		}
	}
	bankID := prior.BankID
	if d.BankID != "" {
		bankID = types.StringValue(d.BankID)
	}
	return attributeDefinitionModel{
		BankID:                bankID,
		AttributeDefinitionID: types.StringValue(d.AttributeDefinitionID),
		Name:                  types.StringValue(d.Name),
		Category:              types.StringValue(d.Category),
		Type:                  types.StringValue(d.Type),
		Description:           optStringAs(d.Description, prior.Description),
		Alias:                 optStringAs(d.Alias, prior.Alias),
		CanBeSeenOnViews:      emptyAs(views, prior.CanBeSeenOnViews),
		IsActive:              types.BoolValue(d.IsActive),
		Timeouts:              prior.Timeouts,
	}
}

// ModifyPlan refuses, at plan, a bank OBP does not have.
func (r *attributeDefinitionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkPlannedBank(ctx, r.clients, req, resp)
}
