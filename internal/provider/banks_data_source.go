package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource              = (*banksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*banksDataSource)(nil)
)

type banksDataSource struct {
	clients *clients
}

type banksDataSourceModel struct {
	Banks []bankModel `tfsdk:"banks"`
}

type bankModel struct {
	ID           types.String   `tfsdk:"id"`
	ShortName    types.String   `tfsdk:"short_name"`
	FullName     types.String   `tfsdk:"full_name"`
	Logo         types.String   `tfsdk:"logo"`
	Website      types.String   `tfsdk:"website"`
	BankRoutings []routingModel `tfsdk:"bank_routings"`
}

type routingModel struct {
	Scheme  types.String `tfsdk:"scheme"`
	Address types.String `tfsdk:"address"`
}

func newBanksDataSource() datasource.DataSource { return &banksDataSource{} }

func (d *banksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_banks"
}

func (d *banksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *banksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the banks of the OBP server.",
		Attributes: map[string]schema.Attribute{
			"banks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The banks, in the server's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Bank id, used as `bank_id` by the resources."),
					"short_name": computed("Short name (null with `api_version = \"v6.0.0\"`, whose bank list has none)."),
					"full_name":  computed("Full name."),
					"logo":       computed("URL of the logo."),
					"website":    computed("URL of the website."),
					"bank_routings": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Routings of the bank; the first has scheme `OBP` and the bank id as address.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"scheme":  computed("Routing scheme, e.g. `OBP` or `BIC`."),
							"address": computed("Routing address."),
						}},
					},
				}},
			},
		},
	}
}

func (d *banksDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	banks, err := d.clients.OBP.Banks(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not List the OBP Banks", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, banksDataSourceModel{Banks: banksFromAPI(banks)})...)
}

func banksFromAPI(banks []obp.Bank) []bankModel {
	out := make([]bankModel, len(banks))
	for i, b := range banks {
		out[i] = bankModel{
			ID:           types.StringValue(b.ID),
			ShortName:    optString(b.ShortName),
			FullName:     optString(b.FullName),
			Logo:         optString(b.Logo),
			Website:      optString(b.Website),
			BankRoutings: routingsFromAPI(b.BankRoutings),
		}
	}
	return out
}
