package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource              = (*bankDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*bankDataSource)(nil)
)

type bankDataSource struct {
	clients *clients
}

type bankDataSourceModel struct {
	BankID       types.String     `tfsdk:"bank_id"`
	BankCode     types.String     `tfsdk:"bank_code"`
	FullName     types.String     `tfsdk:"full_name"`
	Logo         types.String     `tfsdk:"logo"`
	Website      types.String     `tfsdk:"website"`
	BankRoutings []routingModel   `tfsdk:"bank_routings"`
	Attributes   []nameValueModel `tfsdk:"attributes"`
}

type nameValueModel struct {
	Name  types.String `tfsdk:"name"`
	Value types.String `tfsdk:"value"`
}

func newBankDataSource() datasource.DataSource { return &bankDataSource{} }

func (d *bankDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bank"
}

func (d *bankDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *bankDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	pair := func(desc, a, b string) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{a: computed(a), b: computed(b)}}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one bank of the OBP server.",
		Attributes: map[string]schema.Attribute{
			"bank_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.",
				Validators: []validator.String{bankIDValidator()}},
			"bank_code":     computed("Bank code."),
			"full_name":     computed("Full name."),
			"logo":          computed("URL of the logo."),
			"website":       computed("URL of the website."),
			"bank_routings": pair("Routings; the first has scheme `OBP` and the bank id as address.", "scheme", "address"),
			"attributes":    pair("Attributes of the bank.", "name", "value"),
		},
	}
}

func (d *bankDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg bankDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := d.clients.OBP.Bank(ctx, cfg.BankID.ValueString())
	if err != nil {
		at := path.Empty()
		if client.HasCode(err, obp.CodeBankNotFound) {
			at = path.Root("bank_id")
		}
		addAPIError(&resp.Diagnostics, at, "Could Not Read the OBP Bank", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, bankFromAPI(b))...)
}

func bankFromAPI(b *obp.Bank) bankDataSourceModel {
	attrs := make([]nameValueModel, len(b.Attributes))
	for i, a := range b.Attributes {
		attrs[i] = nameValueModel{Name: types.StringValue(a.Name), Value: optString(a.Value)}
	}
	return bankDataSourceModel{
		BankID:       types.StringValue(b.ID),
		BankCode:     optString(b.BankCode),
		FullName:     optString(b.FullName),
		Logo:         optString(b.Logo),
		Website:      optString(b.Website),
		BankRoutings: routingsFromAPI(b.BankRoutings),
		Attributes:   attrs,
	}
}
