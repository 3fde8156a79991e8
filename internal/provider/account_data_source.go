package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource              = (*accountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*accountDataSource)(nil)
)

type accountDataSource struct {
	clients *clients
}

type accountDataSourceModel struct {
	BankID    types.String `tfsdk:"bank_id"`
	AccountID types.String `tfsdk:"account_id"`
	ViewID    types.String `tfsdk:"view_id"`
	obpAccountModel
}

// obpAccountModel is an OBP account as the account data sources show it.
type obpAccountModel struct {
	Label           types.String            `tfsdk:"label"`
	Number          types.String            `tfsdk:"number"`
	ProductCode     types.String            `tfsdk:"product_code"`
	BalanceCurrency types.String            `tfsdk:"balance_currency"`
	BalanceAmount   types.String            `tfsdk:"balance_amount"`
	Owners          []accountOwnerModel     `tfsdk:"owners"`
	Routings        []routingModel          `tfsdk:"account_routings"`
	Attributes      []accountAttrModel      `tfsdk:"account_attributes"`
	Tags            []accountTagModel       `tfsdk:"tags"`
	Views           []types.String          `tfsdk:"views_available"`
	Normalized      *normalizedAccountModel `tfsdk:"normalized"`
}

type accountOwnerModel struct {
	ID          types.String `tfsdk:"id"`
	Provider    types.String `tfsdk:"identity_provider"`
	DisplayName types.String `tfsdk:"display_name"`
}

type accountTagModel struct {
	ID              types.String `tfsdk:"id"`
	Value           types.String `tfsdk:"value"`
	Date            types.String `tfsdk:"date"`
	UserID          types.String `tfsdk:"user_id"`
	UserDisplayName types.String `tfsdk:"user_display_name"`
}

type accountAttrModel struct {
	ID    types.String `tfsdk:"account_attribute_id"`
	Name  types.String `tfsdk:"name"`
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
}

const ownerView = "owner"

func newAccountDataSource() datasource.DataSource { return &accountDataSource{} }

func (d *accountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account"
}

func (d *accountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *accountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := obpAccountAttributes()
	attrs["bank_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bank.", Validators: []validator.String{bankIDValidator()}}
	attrs["account_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the account.", Validators: []validator.String{lengthBetween(255)}}
	attrs["view_id"] = schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: "View to read the account through. Defaults to `owner`; other views may hide the balance."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one OBP account through a view, with its routings, owners, balance, attributes and tags.",
		Attributes:          attrs,
	}
}

// obpAccountAttributes are the attributes of an OBP account.
func obpAccountAttributes() map[string]schema.Attribute {
	list := func(desc string, attrs ...string) schema.ListNestedAttribute {
		nested := map[string]schema.Attribute{}
		for _, a := range attrs {
			nested[a] = computedString(strings.ReplaceAll(a, "_", " ") + ".")
		}
		return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: schema.NestedAttributeObject{Attributes: nested}}
	}
	strs := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"label":              computedString("Label of the account."),
		"number":             computedString("Account number."),
		"product_code":       computedString("Product code (the account type), null when the view hides it."),
		"balance_currency":   computedString("Currency of the balance, null when the view hides it."),
		"balance_amount":     computedString("Balance as a decimal string, null when the view hides it."),
		"owners":             list("Owners of the account.", "id", "identity_provider", "display_name"),
		"account_routings":   list("Routings: scheme (`IBAN`, `BBAN`, …) and address.", "scheme", "address"),
		"account_attributes": list("Attributes of the account's product.", "account_attribute_id", "name", "type", "value"),
		"tags":               list("Tags users put on the account: id, value, date (RFC 3339) and the user who put it.", "id", "value", "date", "user_id", "user_display_name"),
		"views_available":    strs("Ids of the views the caller can use."),
		"normalized":         normalizedAttribute("OBP"),
	}
}

func (d *accountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accountDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.ViewID.IsNull() {
		cfg.ViewID = types.StringValue(ownerView)
	}
	got, err := d.clients.OBP.Account(ctx, cfg.BankID.ValueString(), cfg.AccountID.ValueString(), cfg.ViewID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, accountErrorPath(err), "Could Not Read the OBP Account", err)
		return
	}
	cfg.obpAccountModel = obpAccountFromAPI(got, cfg.BankID.ValueString(), cfg.ViewID.ValueString())
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func accountErrorPath(err error) path.Path {
	switch {
	case client.HasCode(err, obp.CodeBankNotFound):
		return path.Root("bank_id")
	case client.HasCode(err, obp.CodeAccountNotFound):
		return path.Root("account_id")
	case client.HasCode(err, obp.CodeNoViewAccess):
		return path.Root("view_id")
	}
	return path.Empty()
}

// obpAccountFromAPI converts an account read through viewID.
func obpAccountFromAPI(a *obp.Account, bankID, viewID string) obpAccountModel {
	m := obpAccountModel{
		Label:           optString(a.Label),
		Number:          optString(a.Number),
		ProductCode:     optString(a.ProductCode),
		BalanceCurrency: types.StringNull(),
		BalanceAmount:   types.StringNull(),
		Routings:        routingsFromAPI(a.AccountRoutings),
		Tags:            tagsFromAPI(a.Tags),
	}
	if a.Balance != nil {
		m.BalanceCurrency, m.BalanceAmount = optString(a.Balance.Currency), optString(a.Balance.Amount)
	}
	var holders []string
	for _, o := range a.Owners {
		m.Owners = append(m.Owners, accountOwnerModel{
			ID:          types.StringValue(o.ID),
			Provider:    optString(o.Provider),
			DisplayName: optString(o.DisplayName),
		})
		holders = append(holders, o.DisplayName)
	}
	for _, at := range a.AccountAttributes {
		m.Attributes = append(m.Attributes, accountAttrModel{
			ID:    types.StringValue(at.ID),
			Name:  types.StringValue(at.Name),
			Type:  types.StringValue(at.Type),
			Value: types.StringValue(at.Value),
		})
	}
	for _, v := range a.ViewsAvailable {
		m.Views = append(m.Views, types.StringValue(v.ID))
	}
	ids := make([]identifierModel, 0, len(a.AccountRoutings))
	for _, r := range a.AccountRoutings {
		ids = append(ids, identifier(r.Scheme, r.Address))
	}
	owned := types.BoolNull()
	if viewID == ownerView {
		owned = types.BoolValue(true)
	}
	m.Normalized = &normalizedAccountModel{
		ID:            types.StringValue(a.ID),
		DisplayName:   m.Label,
		Number:        m.Number,
		Currency:      m.BalanceCurrency,
		Balance:       m.BalanceAmount,
		Type:          types.StringValue(obpType(a.ProductCode)),
		Status:        types.StringNull(),
		InstitutionID: types.StringValue(bankID),
		Owned:         owned,
		HolderNames:   stringList(holders),
		Identifiers:   ids,
	}
	return m
}

// obpType maps OBP product codes, which each bank chooses, to the normalized types.
func obpType(productCode string) string {
	code := strings.ToUpper(productCode)
	switch {
	case strings.Contains(code, "CURRENT"), strings.Contains(code, "CHECKING"):
		return typeCurrent
	case strings.Contains(code, "SAVING"), strings.Contains(code, "DEPOSIT"):
		return typeSavings
	case strings.Contains(code, "CARD"):
		return typeCreditCard
	case strings.Contains(code, "MORTGAGE"):
		return typeMortgage
	case strings.Contains(code, "LOAN"):
		return typeLoan
	case strings.Contains(code, "INVEST"):
		return typeInvestment
	}
	return typeOther
}

func tagsFromAPI(tags []obp.AccountTag) []accountTagModel {
	var out []accountTagModel
	for _, t := range tags {
		out = append(out, accountTagModel{
			ID:              optString(t.ID),
			Value:           types.StringValue(t.Value),
			Date:            optString(t.Date),
			UserID:          optString(t.User.ID),
			UserDisplayName: optString(t.User.DisplayName),
		})
	}
	return out
}
