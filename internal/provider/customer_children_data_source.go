package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource              = (*customerChildrenDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*customerChildrenDataSource)(nil)
)

type customerChildrenDataSource struct {
	clients *clients
}

type customerChildrenModel struct {
	BankID     types.String         `tfsdk:"bank_id"`
	CustomerID types.String         `tfsdk:"customer_id"`
	Customers  []customerChildModel `tfsdk:"customers"`
}

type customerChildModel struct {
	CustomerID        types.String `tfsdk:"customer_id"`
	CustomerNumber    types.String `tfsdk:"customer_number"`
	LegalName         types.String `tfsdk:"legal_name"`
	MobilePhoneNumber types.String `tfsdk:"mobile_phone_number"`
	Email             types.String `tfsdk:"email"`
	DateOfBirth       types.String `tfsdk:"date_of_birth"`
	CustomerType      types.String `tfsdk:"customer_type"`
	ParentCustomerID  types.String `tfsdk:"parent_customer_id"`
}

func newCustomerChildrenDataSource() datasource.DataSource { return &customerChildrenDataSource{} }

func (d *customerChildrenDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_children"
}

func (d *customerChildrenDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *customerChildrenDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the children of a customer: the customers whose `parent_customer_id` is `customer_id`, " +
			"e.g. the `SUBSIDIARY` customers of a `CORPORATE` one (OBP's `GET …/customers/{CUSTOMER_ID}/children`). " +
			"Needs `api_version = \"v6.0.0\"`; older OBP versions have no parent customers.",
		Attributes: map[string]schema.Attribute{
			"bank_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.", Validators: []validator.String{bankIDValidator()}},
			"customer_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the parent customer.",
				Validators: []validator.String{idValidator()}},
			"customers": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The children, in the server's order; empty when the customer has none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"customer_id":         computed("Id of the child customer."),
					"customer_number":     computed("Customer number."),
					"legal_name":          computed("Legal name."),
					"mobile_phone_number": computed("Mobile phone number."),
					"email":               computed("Email address; null when unset."),
					"date_of_birth":       computed("Date of birth, `YYYY-MM-DD`; null when unset."),
					"customer_type":       computed("`INDIVIDUAL`, `CORPORATE` or `SUBSIDIARY`."),
					"parent_customer_id":  computed("Id of the parent: `customer_id`."),
				}},
			},
		},
	}
}

func (d *customerChildrenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customerChildrenModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !d.clients.OBP.IsV600() {
		resp.Diagnostics.AddError("openbanking_customer_children Needs api_version v6.0.0",
			fmt.Sprintf("OBP lists the children of a customer from v6.0.0 on, and the provider speaks %s. "+
				"Set api_version = \"v6.0.0\" in the provider's obp block (or "+obpSettings.env("api_version")+"=v6.0.0).", d.clients.OBP.APIVersion()))
		return
	}
	children, err := d.clients.OBP.CustomerChildren(ctx, cfg.BankID.ValueString(), cfg.CustomerID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, childErrorPath(err), "Could Not List the Children of the OBP Customer", err)
		return
	}
	cfg.Customers = customerChildrenFromAPI(children)
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func customerChildrenFromAPI(list []obp.Customer) []customerChildModel {
	out := make([]customerChildModel, len(list))
	for i := range list {
		c := &list[i]
		out[i] = customerChildModel{
			CustomerID:        types.StringValue(c.CustomerID),
			CustomerNumber:    optString(c.CustomerNumber),
			LegalName:         types.StringValue(c.LegalName),
			MobilePhoneNumber: types.StringValue(c.MobilePhoneNumber),
			Email:             optString(c.Email),
			DateOfBirth:       dateValue(c.DateOfBirth, types.StringNull()),
			CustomerType:      v600Value(c.CustomerType, types.StringNull()),
			ParentCustomerID:  v600Value(c.ParentCustomerID, types.StringNull()),
		}
	}
	return out
}
