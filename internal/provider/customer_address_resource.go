package provider

import (
	"context"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	_ resource.Resource                = (*customerAddressResource)(nil)
	_ resource.ResourceWithConfigure   = (*customerAddressResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customerAddressResource)(nil)
	_ resource.ResourceWithImportState = (*customerAddressResource)(nil)
	_ resource.ResourceWithIdentity    = (*customerAddressResource)(nil)
)

type customerAddressResource struct {
	clients *clients
}

type customerAddressModel struct {
	ID                types.String   `tfsdk:"id"`
	BankID            types.String   `tfsdk:"bank_id"`
	CustomerID        types.String   `tfsdk:"customer_id"`
	CustomerAddressID types.String   `tfsdk:"customer_address_id"`
	Line1             types.String   `tfsdk:"line_1"`
	Line2             types.String   `tfsdk:"line_2"`
	Line3             types.String   `tfsdk:"line_3"`
	City              types.String   `tfsdk:"city"`
	County            types.String   `tfsdk:"county"`
	State             types.String   `tfsdk:"state"`
	Postcode          types.String   `tfsdk:"postcode"`
	CountryCode       types.String   `tfsdk:"country_code"`
	Tags              []types.String `tfsdk:"tags"`
	Status            types.String   `tfsdk:"status"`
	InsertDate        types.String   `tfsdk:"insert_date"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func newCustomerAddressResource() resource.Resource { return &customerAddressResource{} }

func (r *customerAddressResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_address"
}

func (r *customerAddressResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *customerAddressResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An address of an OBP customer. Changes are made in place (OBP's `PUT …/addresses/{id}`); " +
			"`bank_id` and `customer_id` force a new address. OBP has no read-by-id for addresses: the provider lists the " +
			"customer's addresses once per run and customer, however many addresses it refreshes. " +
			"Roles: `CanCreateCustomerAddress`, `CanGetCustomerAddress`, `CanDeleteCustomerAddress`, and `CanCreateCustomer` " +
			"for in-place changes (OBP checks it on address updates).",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, true)},
		Attributes: map[string]schema.Attribute{
			"id":          addressImportID.idAttribute(),
			"bank_id":     parentID("Id of the customer's bank.", bankIDValidator()),
			"customer_id": parentID("Id of the customer.", idValidator()),
			"customer_address_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id OBP gave the address.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"line_1":   requiredString("First address line (at most 255 characters).", 255),
			"line_2":   optionalString("Second address line (at most 255 characters).", 255),
			"line_3":   optionalString("Third address line (at most 255 characters).", 255),
			"city":     requiredString("City (at most 255 characters).", 255),
			"county":   optionalString("County (at most 255 characters).", 255),
			"state":    optionalString("State (at most 255 characters). OBP reports it as `status` too.", 255),
			"postcode": optionalString("Postcode (at most 20 characters).", 20),
			"country_code": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ISO 3166-1 alpha-2 country code in upper case, e.g. `GB`.",
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Z]{2}$`),
					"must be an ISO 3166-1 alpha-2 code of two upper-case letters, such as GB (OBP stores 2 characters)")},
			},
			"tags": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags such as `mailing` or `home`. OBP stores them comma-joined in 20 characters: " +
					"no commas, and at most 20 characters joined.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(lengthBetween(20), notContaining(",")), joinedTagsFit{}},
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "OBP ignores the status sent and reports the `state` here.",
				PlanModifiers:       []planmodifier.String{copyOf{path.Root("state")}},
			},
			"insert_date": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When OBP stored the address (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *customerAddressResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer addressImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan customerAddressModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.CreateAddress(ctx, plan.BankID.ValueString(), plan.CustomerID.ValueString(), plan.toAPI())
	if err != nil && !client.IsExists(err) {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not Create the Customer Address", err)
		return
	}
	saveCreated(ctx, req.Plan, resp, err, createdObject{
		typeName: "openbanking_customer_address", what: "customer address",
		importID: childImportID(plan.BankID, plan.CustomerID, got.CustomerAddressID),
		model:    addressFromAPI(got, plan),
	})
}

func (r *customerAddressResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer addressImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state customerAddressModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	all, err := r.clients.OBP.ListAddresses(ctx, state.BankID.ValueString(), state.CustomerID.ValueString())
	readListedChild(ctx, resp, addressImportID, "addresses", all, err,
		func(a obp.Address) bool { return a.CustomerAddressID == state.CustomerAddressID.ValueString() },
		func(a *obp.Address) customerAddressModel { return addressFromAPI(a, state) })
}

func (r *customerAddressResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer addressImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan customerAddressModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.UpdateAddress(ctx, plan.BankID.ValueString(), plan.CustomerID.ValueString(),
		plan.CustomerAddressID.ValueString(), plan.toAPI())
	if err != nil {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not Update the Customer Address", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, addressFromAPI(got, plan))...)
}

func (r *customerAddressResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerAddressModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteAddress(ctx, state.BankID.ValueString(), state.CustomerID.ValueString(), state.CustomerAddressID.ValueString())
	if err != nil && !isGone(err, obp.CodeCustomerAddressNotFound) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the Customer Address", err)
	}
}

var addressImportID = importID{typeName: "openbanking_customer_address", parts: []string{"bank_id", "customer_id", "customer_address_id"}, example: "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/<customer_address_id>"}

func (r *customerAddressResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	addressImportID.identitySchema(ctx, req, resp)
}

func (r *customerAddressResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	addressImportID.importState(ctx, req, resp)
}

// toAPI is the create/update body: OBP requires every field; status is sent as state.
func (m customerAddressModel) toAPI() obp.Address {
	tags := make([]string, len(m.Tags))
	for i, t := range m.Tags {
		tags[i] = t.ValueString()
	}
	return obp.Address{
		Line1:       m.Line1.ValueString(),
		Line2:       m.Line2.ValueString(),
		Line3:       m.Line3.ValueString(),
		City:        m.City.ValueString(),
		County:      m.County.ValueString(),
		State:       m.State.ValueString(),
		Postcode:    m.Postcode.ValueString(),
		CountryCode: m.CountryCode.ValueString(),
		Tags:        tags,
		Status:      m.State.ValueString(),
	}
}

// addressFromAPI converts OBP's address; "" is null and [""] (no tags) is
// null, unless the configuration wrote "" or [].
func addressFromAPI(a *obp.Address, prior customerAddressModel) customerAddressModel {
	var tags []types.String
	for _, t := range a.Tags {
		if t != "" {
			tags = append(tags, types.StringValue(t))
		}
	}
	insert := types.StringNull()
	if a.InsertDate != nil && !a.InsertDate.IsZero() {
		insert = types.StringValue(a.InsertDate.Format(obp.TimestampLayout))
	}
	return customerAddressModel{
		BankID:            prior.BankID,
		CustomerID:        prior.CustomerID,
		CustomerAddressID: types.StringValue(a.CustomerAddressID),
		Line1:             types.StringValue(a.Line1),
		Line2:             optStringAs(a.Line2, prior.Line2),
		Line3:             optStringAs(a.Line3, prior.Line3),
		City:              types.StringValue(a.City),
		County:            optStringAs(a.County, prior.County),
		State:             optStringAs(a.State, prior.State),
		Postcode:          optStringAs(a.Postcode, prior.Postcode),
		CountryCode:       types.StringValue(a.CountryCode),
		Tags:              emptyAs(tags, prior.Tags),
		Status:            optStringAs(a.Status, prior.Status),
		InsertDate:        insert,
		Timeouts:          prior.Timeouts,
	}
}

// joinedTagsFit: OBP stores the tags comma-joined in a 20-character column.
type joinedTagsFit struct{}

func (joinedTagsFit) Description(context.Context) string {
	return "the tags joined with commas must fit in 20 characters"
}

func (v joinedTagsFit) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (joinedTagsFit) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := -1
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() {
			return
		}
		n += utf8.RuneCountInString(s.ValueString()) + 1
	}
	if n > 20 {
		resp.Diagnostics.AddAttributeError(req.Path, "Tags Too Long",
			fmt.Sprintf("OBP stores address tags joined with commas in 20 characters; these take %d.", n))
	}
}

// ModifyPlan refuses, at plan, a bank OBP does not have.
func (r *customerAddressResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkPlannedBank(ctx, r.clients, req, resp)
}
