package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource                     = (*customerDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*customerDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*customerDataSource)(nil)
)

type customerDataSource struct {
	clients *clients
}

type customerDataSourceModel struct {
	customerModel
	CustomerAttributes []customerAttributeModel `tfsdk:"customer_attributes"`
}

type customerAttributeModel struct {
	CustomerAttributeID types.String `tfsdk:"customer_attribute_id"`
	Name                types.String `tfsdk:"name"`
	Type                types.String `tfsdk:"type"`
	Value               types.String `tfsdk:"value"`
}

func newCustomerDataSource() datasource.DataSource { return &customerDataSource{} }

func (d *customerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

func (d *customerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *customerDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("customer_id"), path.MatchRoot("customer_number")),
	}
}

func (d *customerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	lookup := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: desc,
			Validators: []validator.String{lengthBetween(255)}}
	}
	attrs := customerComputedAttributes()
	attrs["bank_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.", Validators: []validator.String{bankIDValidator()}}
	attrs["customer_id"] = lookup("Id of the customer. Exactly one of `customer_id` and `customer_number` must be set.")
	attrs["customer_number"] = lookup("Number of the customer at the bank.")
	attrs["customer_attributes"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "Attributes of the customer at this bank.",
		NestedObject: schema.NestedAttributeObject{Attributes: computedStrings(map[string]string{
			"customer_attribute_id": "Id of the attribute.",
			"name":                  "Name.",
			"type":                  "Type: `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.",
			"value":                 "Value.",
		})},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one customer of a bank by `customer_id` or by `customer_number`. Needs the role " +
			"`CanGetCustomersAtOneBank` (OBP-API 2026) or `CanGetCustomer` (earlier servers) at the bank.",
		Attributes: attrs,
	}
}

// customerComputedAttributes are a customer's attributes in data sources,
// without bank_id, customer_id and customer_number (each data source says
// how it takes them).
func customerComputedAttributes() map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"legal_name":          computed("Legal name."),
		"mobile_phone_number": computed("Mobile phone number."),
		"email":               computed("Email address."),
		"face_image": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Picture of the customer.",
			Attributes: map[string]schema.Attribute{"url": computed("URL of the image."), "date": computed("Date of the image.")}},
		"date_of_birth":       computed("Date of birth."),
		"relationship_status": computed("Relationship status."),
		"dependants":          schema.NumberAttribute{Computed: true, MarkdownDescription: "Number of dependants."},
		"dob_of_dependants":   schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Dates of birth of the dependants."},
		"credit_rating": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Credit rating.",
			Attributes: map[string]schema.Attribute{"rating": computed("Rating."), "source": computed("Source of the rating.")}},
		"credit_limit": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Credit limit.",
			Attributes: map[string]schema.Attribute{"currency": computed("Currency."), "amount": computed("Amount as a decimal string.")}},
		"highest_education_attained": computed("Highest education attained."),
		"employment_status":          computed("Employment status."),
		"kyc_status":                 schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether KYC checks passed."},
		"last_ok_date":               computed("Date of the last successful KYC check."),
		"title":                      computed("Title."),
		"branch_id":                  computed("Id of the customer's branch."),
		"name_suffix":                computed("Name suffix."),
		"customer_type":              computed("`INDIVIDUAL`, `CORPORATE` or `SUBSIDIARY` with `api_version = \"v6.0.0\"`; null with older versions, which have no customer type."),
		"parent_customer_id":         computed("Id of the parent customer with `api_version = \"v6.0.0\"`; null when there is none and with older versions."),
	}
}

func (d *customerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customerDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	bankID := cfg.BankID.ValueString()
	var (
		got *obp.Customer
		err error
	)
	if !cfg.CustomerID.IsNull() {
		got, err = d.clients.OBP.GetCustomer(ctx, bankID, cfg.CustomerID.ValueString())
	} else {
		got, err = d.clients.OBP.GetCustomerByNumber(ctx, bankID, cfg.CustomerNumber.ValueString())
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the OBP Customer", err)
		return
	}
	state := customerDataSourceModel{
		customerModel:      customerFromAPI(got, customerModel{BankID: cfg.BankID}),
		CustomerAttributes: customerAttributesFromAPI(got.CustomerAttributes),
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, state)...)
}

func customerAttributesFromAPI(attrs []obp.CustomerAttribute) []customerAttributeModel {
	out := make([]customerAttributeModel, len(attrs))
	for i, a := range attrs {
		out[i] = customerAttributeModel{
			CustomerAttributeID: types.StringValue(a.CustomerAttributeID),
			Name:                types.StringValue(a.Name),
			Type:                types.StringValue(a.Type),
			Value:               types.StringValue(a.Value),
		}
	}
	return out
}
