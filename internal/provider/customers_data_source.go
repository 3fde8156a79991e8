package provider

import (
	"strconv"

	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*customersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*customersDataSource)(nil)
)

// customersDataSource lists the customers of a bank, for adopting them.
type customersDataSource struct {
	clients *clients
}

type customersDataSourceModel struct {
	BankID         types.String       `tfsdk:"bank_id"`
	CustomerNumber types.String       `tfsdk:"customer_number"`
	LegalName      types.String       `tfsdk:"legal_name"`
	Customers      []customerListItem `tfsdk:"customers"`
}

type customerListItem struct {
	customerModel
	ImportID types.String `tfsdk:"import_id"`
}

func newCustomersDataSource() datasource.DataSource { return &customersDataSource{} }

func (d *customersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customers"
}

func (d *customersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *customersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := customerComputedAttributes()
	item["bank_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the bank."}
	item["customer_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the customer."}
	item["customer_number"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Number of the customer at the bank."}
	item["import_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: importIDDescription}
	filter := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{lengthBetween(255)}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The customers of a bank, every page (one list request per " + strconv.Itoa(customerListPageSize) +
			" customers), each with the attributes `openbanking_customer` needs and its import id. The filters are applied to the listed pages.",
		Attributes: map[string]schema.Attribute{
			"bank_id":         schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.", Validators: []validator.String{bankIDValidator()}},
			"customer_number": filter("Only the customer with this number."),
			"legal_name":      filter("Only customers with exactly this legal name."),
			"customers": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The customers, in the server's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: item}},
		},
	}
}

func (d *customersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customersDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	bankID := cfg.BankID.ValueString()
	cfg.Customers = []customerListItem{}
	for offset := 0; ; offset += customerListPageSize {
		page, err := d.clients.OBP.ListCustomersPage(ctx, bankID, customerListPageSize, offset)
		if err != nil {
			addAPIError(&resp.Diagnostics, path.Empty(), "Could Not List the Bank's Customers", err)
			return
		}
		for i := range page {
			c := &page[i]
			if matches(cfg.CustomerNumber, c.CustomerNumber) && matches(cfg.LegalName, c.LegalName) {
				cfg.Customers = append(cfg.Customers, customerListItem{
					customerModel: customerFromAPI(c, customerModel{BankID: cfg.BankID}),
					ImportID:      importIDOf(bankID, c.CustomerID),
				})
			}
		}
		if len(page) < customerListPageSize {
			break
		}
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

// matches: an unset filter matches everything.
func matches(filter types.String, value string) bool {
	return filter.IsNull() || filter.ValueString() == value
}
