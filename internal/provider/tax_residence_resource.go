package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
	_ resource.Resource                = (*taxResidenceResource)(nil)
	_ resource.ResourceWithConfigure   = (*taxResidenceResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*taxResidenceResource)(nil)
	_ resource.ResourceWithImportState = (*taxResidenceResource)(nil)
	_ resource.ResourceWithIdentity    = (*taxResidenceResource)(nil)
)

type taxResidenceResource struct {
	clients *clients
}

type taxResidenceModel struct {
	ID             types.String   `tfsdk:"id"`
	BankID         types.String   `tfsdk:"bank_id"`
	CustomerID     types.String   `tfsdk:"customer_id"`
	TaxResidenceID types.String   `tfsdk:"tax_residence_id"`
	Domain         types.String   `tfsdk:"domain"`
	TaxNumber      types.String   `tfsdk:"tax_number"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

func newTaxResidenceResource() resource.Resource { return &taxResidenceResource{} }

func (r *taxResidenceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tax_residence"
}

func (r *taxResidenceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *taxResidenceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaced := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Required:            true,
			MarkdownDescription: desc + " OBP cannot change a tax residence: changing it creates a new one.",
			Validators:          []validator.String{lengthBetween(255)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A tax residence of an OBP customer. OBP has no update for tax residences: every change " +
			"creates a new one. OBP has no read-by-id either: the provider lists the customer's tax residences once per run and customer. " +
			"Roles: `CanCreateTaxResidence`, `CanGetTaxResidence`, `CanDeleteTaxResidence`.",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, false)},
		Attributes: map[string]schema.Attribute{
			"id":          taxResidenceImportID.idAttribute(),
			"bank_id":     parentID("Id of the customer's bank.", bankIDValidator()),
			"customer_id": parentID("Id of the customer.", idValidator()),
			"tax_residence_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id OBP gave the tax residence.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"domain":     replaced("Tax domain, usually a country code such as `DE`."),
			"tax_number": replaced("Tax number in that domain. One customer cannot have the same domain and number twice."),
		},
	}
}

func (r *taxResidenceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer taxResidenceImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan taxResidenceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.CreateTaxResidence(ctx, plan.BankID.ValueString(), plan.CustomerID.ValueString(),
		obp.TaxResidence{Domain: plan.Domain.ValueString(), TaxNumber: plan.TaxNumber.ValueString()})
	if err != nil && !client.IsExists(err) {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not Create the Tax Residence", err)
		return
	}
	saveCreated(ctx, req.Plan, resp, err, createdObject{
		typeName: "openbanking_tax_residence", what: "tax residence",
		importID: childImportID(plan.BankID, plan.CustomerID, got.TaxResidenceID),
		model:    taxResidenceFromAPI(got, plan),
	})
}

func (r *taxResidenceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer taxResidenceImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state taxResidenceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	all, err := r.clients.OBP.ListTaxResidences(ctx, state.BankID.ValueString(), state.CustomerID.ValueString())
	readListedChild(ctx, resp, taxResidenceImportID, "tax residences", all, err,
		func(t obp.TaxResidence) bool { return t.TaxResidenceID == state.TaxResidenceID.ValueString() },
		func(t *obp.TaxResidence) taxResidenceModel { return taxResidenceFromAPI(t, state) })
}

// Update is never called with a change: every attribute forces replacement.
func (r *taxResidenceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer taxResidenceImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	resp.Diagnostics.Append(resp.State.Set(ctx, req.Plan.Raw)...)
}

func (r *taxResidenceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state taxResidenceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteTaxResidence(ctx, state.BankID.ValueString(), state.CustomerID.ValueString(), state.TaxResidenceID.ValueString())
	if err != nil && !isGone(err, obp.CodeTaxResidenceNotFound) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the Tax Residence", err)
	}
}

var taxResidenceImportID = importID{typeName: "openbanking_tax_residence", parts: []string{"bank_id", "customer_id", "tax_residence_id"}, example: "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/<tax_residence_id>"}

func (r *taxResidenceResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	taxResidenceImportID.identitySchema(ctx, req, resp)
}

func (r *taxResidenceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	taxResidenceImportID.importState(ctx, req, resp)
}

func taxResidenceFromAPI(t *obp.TaxResidence, prior taxResidenceModel) taxResidenceModel {
	return taxResidenceModel{
		BankID:         prior.BankID,
		CustomerID:     prior.CustomerID,
		TaxResidenceID: types.StringValue(t.TaxResidenceID),
		Domain:         types.StringValue(t.Domain),
		TaxNumber:      types.StringValue(t.TaxNumber),
		Timeouts:       prior.Timeouts,
	}
}

// ModifyPlan refuses, at plan, a bank OBP does not have.
func (r *taxResidenceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkPlannedBank(ctx, r.clients, req, resp)
}
