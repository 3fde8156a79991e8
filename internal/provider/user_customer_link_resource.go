package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ resource.Resource                = (*userCustomerLinkResource)(nil)
	_ resource.ResourceWithConfigure   = (*userCustomerLinkResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*userCustomerLinkResource)(nil)
	_ resource.ResourceWithImportState = (*userCustomerLinkResource)(nil)
	_ resource.ResourceWithIdentity    = (*userCustomerLinkResource)(nil)
)

type userCustomerLinkResource struct {
	clients *clients
}

type userCustomerLinkModel struct {
	ID                 types.String   `tfsdk:"id"`
	BankID             types.String   `tfsdk:"bank_id"`
	UserID             types.String   `tfsdk:"user_id"`
	CustomerID         types.String   `tfsdk:"customer_id"`
	UserCustomerLinkID types.String   `tfsdk:"user_customer_link_id"`
	DateInserted       types.String   `tfsdk:"date_inserted"`
	IsActive           types.Bool     `tfsdk:"is_active"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

func newUserCustomerLinkResource() resource.Resource { return &userCustomerLinkResource{} }

func (r *userCustomerLinkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_customer_link"
}

func (r *userCustomerLinkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (r *userCustomerLinkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(desc string, keep bool) schema.StringAttribute {
		a := schema.StringAttribute{Computed: true, MarkdownDescription: desc}
		if keep {
			a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		return a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Links an OBP user to a customer of a bank, so the user can act as that customer. " +
			"OBP cannot change a link: any change creates a new one. A user can be linked to a customer only once (OBP-30007). " +
			"Importing by `bank_id/user_customer_link_id` lists the bank's customers: that needs `CanGetCustomersAtOneBank` " +
			"(OBP-API 2026) or `CanGetCustomers` (earlier servers). Roles: `CanCreateUserCustomerLink`, `CanGetUserCustomerLink`, " +
			"`CanDeleteUserCustomerLink`.",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, false)},
		Attributes: map[string]schema.Attribute{
			"id":                    linkImportID.idAttribute(),
			"bank_id":               parentID("Id of the bank.", bankIDValidator()),
			"user_id":               parentID("Id of the user, e.g. from the `openbanking_user` data source.", idValidator()),
			"customer_id":           parentID("Id of the customer.", idValidator()),
			"user_customer_link_id": computed("Id OBP gave the link.", true),
			"date_inserted":         computed("When OBP created the link (RFC 3339).", true),
			"is_active": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the link is active.",
			},
		},
	}
}

func (r *userCustomerLinkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer linkImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var plan userCustomerLinkModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	got, err := r.clients.OBP.CreateUserCustomerLink(ctx, plan.BankID.ValueString(), plan.UserID.ValueString(), plan.CustomerID.ValueString())
	if client.IsExists(err) || err == nil {
		saveCreated(ctx, req.Plan, resp, err, createdObject{
			typeName: "openbanking_user_customer_link", what: "user-customer link",
			importID: childImportID(plan.BankID, plan.CustomerID, got.UserCustomerLinkID),
			model:    linkFromAPI(got, plan),
		})
		return
	}
	if client.HasCode(err, obp.CodeUserAlreadyLinked) && !errors.As(err, new(*obp.ClaimedError)) {
		resp.Diagnostics.AddAttributeError(path.Root("user_id"), "User Already Linked",
			fmt.Sprintf("OBP refused the link with %s. The user %s is already linked to a customer at bank %s, and no link "+
				"of customer %s was found: import the existing link (terraform import openbanking_user_customer_link.<NAME> "+
				"%s/<customer_id>/<user_customer_link_id>) or remove it first.",
				err.Error(), plan.UserID.ValueString(), plan.BankID.ValueString(), plan.CustomerID.ValueString(), plan.BankID.ValueString()))
		return
	}
	addAPIError(&resp.Diagnostics, linkErrorPath(err), "Could Not Link the User to the Customer", err)
}

func linkErrorPath(err error) path.Path {
	if client.HasCode(err, obp.CodeUserNotFoundByID) {
		return path.Root("user_id")
	}
	return childErrorPath(err)
}

// Read finds the link among the customer's links (OBP has no read by link id).
// After an import by bank_id/user_customer_link_id the customer is not known
// yet: the customers of the bank are searched once.
func (r *userCustomerLinkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer linkImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	var state userCustomerLinkModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "read", &resp.Diagnostics)
	defer cancel()
	got, err := r.find(ctx, state)
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the User-Customer Link", err)
		return
	}
	if got == nil {
		linkImportID.removeGone(ctx, resp)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, linkFromAPI(got, state))...)
}

func (r *userCustomerLinkResource) find(ctx context.Context, state userCustomerLinkModel) (*obp.UserCustomerLink, error) {
	bankID, linkID := state.BankID.ValueString(), state.UserCustomerLinkID.ValueString()
	customerIDs := []string{state.CustomerID.ValueString()}
	if state.CustomerID.IsNull() {
		customers, err := r.clients.OBP.ListCustomers(ctx, bankID)
		if err != nil {
			return nil, err
		}
		customerIDs = customerIDs[:0]
		for _, c := range customers {
			customerIDs = append(customerIDs, c.CustomerID)
		}
	}
	for _, customerID := range customerIDs {
		links, err := r.clients.OBP.ListUserCustomerLinksByCustomer(ctx, bankID, customerID)
		if err != nil {
			return nil, err
		}
		if found := findFirst(links, func(l obp.UserCustomerLink) bool { return l.UserCustomerLinkID == linkID }); found != nil {
			return found, nil
		}
	}
	return nil, nil
}

// Update is never called with a change: every attribute forces replacement.
func (r *userCustomerLinkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer linkImportID.track(ctx, &resp.State, resp.Identity, &resp.Diagnostics)()
	resp.Diagnostics.Append(resp.State.Set(ctx, req.Plan.Raw)...)
}

func (r *userCustomerLinkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userCustomerLinkModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.clients.bounded(ctx, state.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	err := r.clients.OBP.DeleteUserCustomerLink(ctx, state.BankID.ValueString(), state.CustomerID.ValueString(), state.UserCustomerLinkID.ValueString())
	if err != nil && !isGone(err, obp.CodeLinkNotFound) {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Delete the User-Customer Link", err)
	}
}

// ImportState accepts bank_id/user_customer_link_id (the bank's customers are
// searched) or bank_id/customer_id/user_customer_link_id (one list request),
// or an identity with or without customer_id.
var linkImportID = importID{typeName: "openbanking_user_customer_link", parts: []string{"bank_id", "customer_id", "user_customer_link_id"}, optional: map[string]bool{"customer_id": true}, example: "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/<user_customer_link_id>"}

func (r *userCustomerLinkResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	linkImportID.identitySchema(ctx, req, resp)
}

func (r *userCustomerLinkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		linkImportID.importState(ctx, req, resp)
		return
	}
	if parts, ok := splitImportID(req.ID, "bank_id", "customer_id", "user_customer_link_id"); ok {
		for i, attr := range []string{"bank_id", "customer_id", "user_customer_link_id"} {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), parts[i])...)
		}
		return
	}
	parts, ok := splitImportID(req.ID, "bank_id", "user_customer_link_id")
	if !ok {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Expected bank_id/user_customer_link_id or bank_id/customer_id/user_customer_link_id, got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bank_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_customer_link_id"), parts[1])...)
}

func linkFromAPI(l *obp.UserCustomerLink, prior userCustomerLinkModel) userCustomerLinkModel {
	inserted := types.StringNull()
	if l.DateInserted != nil && !l.DateInserted.IsZero() {
		inserted = types.StringValue(l.DateInserted.Format(obp.TimestampLayout))
	}
	return userCustomerLinkModel{
		BankID:             prior.BankID,
		Timeouts:           prior.Timeouts,
		UserID:             types.StringValue(l.UserID),
		CustomerID:         types.StringValue(l.CustomerID),
		UserCustomerLinkID: types.StringValue(l.UserCustomerLinkID),
		DateInserted:       inserted,
		IsActive:           types.BoolValue(l.IsActive),
	}
}

// ModifyPlan refuses, at plan, a bank OBP does not have.
func (r *userCustomerLinkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkPlannedBank(ctx, r.clients, req, resp)
}
