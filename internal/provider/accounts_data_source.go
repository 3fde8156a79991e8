package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource              = (*accountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*accountsDataSource)(nil)
)

type accountsDataSource struct {
	clients *clients
}

type accountsDataSourceModel struct {
	BankID      types.String            `tfsdk:"bank_id"`
	HeldOnly    types.Bool              `tfsdk:"held_only"`
	ProductCode types.String            `tfsdk:"product_code"`
	Attributes  map[string]types.String `tfsdk:"attributes"`
	Accounts    []accountsItemModel     `tfsdk:"accounts"`
}

type accountsItemModel struct {
	ID     types.String `tfsdk:"id"`
	ViewID types.String `tfsdk:"view_id"`
	obpAccountModel
}

func newAccountsDataSource() datasource.DataSource { return &accountsDataSource{} }

func (d *accountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_accounts"
}

func (d *accountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *accountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := obpAccountAttributes()
	item["id"] = computedString("Id of the account.")
	item["view_id"] = computedString("View the account was read through: `owner` when the caller may use it, else the first view available.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OBP accounts the caller can see at a bank (all pages), or only those it holds, " +
			"each read in full through a view. One request per account follows the list.",
		Attributes: map[string]schema.Attribute{
			"bank_id":   schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.", Validators: []validator.String{bankIDValidator()}},
			"held_only": schema.BoolAttribute{Optional: true, MarkdownDescription: "Only the accounts the caller holds (`accounts-held`)."},
			"product_code": schema.StringAttribute{Optional: true, MarkdownDescription: "Only accounts of this product code (account type).",
				Validators: []validator.String{lengthBetween(255)}},
			"attributes": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only accounts whose attributes have these values (name = value); OBP filters them. Not with `held_only`."},
			"accounts": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The accounts.",
				NestedObject: schema.NestedAttributeObject{Attributes: item}},
		},
	}
}

func (d *accountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accountsDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.HeldOnly.ValueBool() && len(cfg.Attributes) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("attributes"), "Filter Not Available",
			"OBP filters by attributes only the accounts the caller can see, not the accounts held: remove held_only or attributes.")
		return
	}
	bankID := cfg.BankID.ValueString()
	summaries, err := d.list(ctx, cfg)
	if err != nil {
		addAPIError(&resp.Diagnostics, accountErrorPath(err), "Could Not List the OBP Accounts", err)
		return
	}
	cfg.Accounts = []accountsItemModel{}
	for _, s := range summaries {
		view := pickView(s)
		a, err := d.clients.OBP.Account(ctx, bankID, s.ID, view)
		if err != nil {
			addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the OBP Account "+s.ID, err)
			return
		}
		if !cfg.ProductCode.IsNull() && a.ProductCode != cfg.ProductCode.ValueString() {
			continue
		}
		cfg.Accounts = append(cfg.Accounts, accountsItemModel{ID: types.StringValue(a.ID), ViewID: types.StringValue(view),
			obpAccountModel: obpAccountFromAPI(a, bankID, view)})
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func (d *accountsDataSource) list(ctx context.Context, cfg accountsDataSourceModel) ([]obp.AccountSummary, error) {
	if cfg.HeldOnly.ValueBool() {
		return d.clients.OBP.AccountsHeld(ctx, cfg.BankID.ValueString())
	}
	filters := map[string]string{}
	for k, v := range cfg.Attributes {
		filters[k] = v.ValueString()
	}
	return d.clients.OBP.ListAccounts(ctx, cfg.BankID.ValueString(), filters)
}

// pickView prefers the owner view; held accounts list no views and are read as owner.
func pickView(s obp.AccountSummary) string {
	for _, v := range s.ViewsAvailable {
		if v.ID == ownerView {
			return ownerView
		}
	}
	if len(s.ViewsAvailable) > 0 {
		return s.ViewsAvailable[0].ID
	}
	return ownerView
}
