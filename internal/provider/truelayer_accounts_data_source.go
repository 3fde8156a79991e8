package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/truelayer"
)

var (
	_ datasource.DataSource              = (*trueLayerAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*trueLayerAccountsDataSource)(nil)
)

type trueLayerAccountsDataSource struct {
	api *truelayer.Client
}

type trueLayerAccountsModel struct {
	ConnectionID types.String            `tfsdk:"connection_id"`
	EndUserIP    types.String            `tfsdk:"end_user_ip"`
	Accounts     []trueLayerAccountModel `tfsdk:"accounts"`
}

type trueLayerAccountModel struct {
	ID                 types.String           `tfsdk:"id"`
	AccountType        types.String           `tfsdk:"account_type"`
	CustomerSegment    types.String           `tfsdk:"customer_segment"`
	Currency           types.String           `tfsdk:"currency"`
	BIC                types.String           `tfsdk:"bic"`
	AccountHolderNames []types.String         `tfsdk:"account_holder_names"`
	SortCode           types.String           `tfsdk:"sort_code"`
	AccountNumber      types.String           `tfsdk:"account_number"`
	IBAN               types.String           `tfsdk:"iban"`
	Normalized         normalizedAccountModel `tfsdk:"normalized"`
}

func newTrueLayerAccountsDataSource() datasource.DataSource { return &trueLayerAccountsDataSource{} }

func (d *trueLayerAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_truelayer_accounts"
}

func (d *trueLayerAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = accountAPI(req.ProviderData, &resp.Diagnostics, trueLayerSettings, func(c *clients) *truelayer.Client { return c.TrueLayer })
}

func (d *trueLayerAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the accounts of a TrueLayer data connection (Data API v3 `GET /v3/connected-accounts`), all pages.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the data connection (`Connection-Id`), created with the `accounts` scope.",
				Validators: []validator.String{lengthBetween(255)}},
			"end_user_ip": schema.StringAttribute{Optional: true, MarkdownDescription: "IP address of the end user when present, which lifts rate limits."},
			"accounts": accountsAttribute("TrueLayer", "The connection's accounts.", map[string]schema.Attribute{
				"id":               computedString("Account id."),
				"account_type":     computedString("`current`, `savings`, …"),
				"customer_segment": computedString("`retail`, `business`, …"),
				"currency":         computedString("Currency code."),
				"bic":              computedString("BIC, when the bank gives one."),
				"account_holder_names": schema.ListAttribute{Computed: true, ElementType: types.StringType,
					MarkdownDescription: "Names of the holders (several for a joint account)."},
				"sort_code":      computedString("Sort code, from the `sort_code_account_number` identifier."),
				"account_number": computedString("Account number, from the `sort_code_account_number` identifier."),
				"iban":           computedString("IBAN, from the `iban` identifier."),
			}),
		},
	}
}

func (d *trueLayerAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg trueLayerAccountsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := d.api.ConnectedAccounts(ctx, cfg.ConnectionID.ValueString(), cfg.EndUserIP.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Root("connection_id"), "Could Not Read the TrueLayer Accounts", err)
		return
	}
	cfg.Accounts = make([]trueLayerAccountModel, len(got))
	for i := range got {
		cfg.Accounts[i] = trueLayerAccountFromAPI(&got[i])
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func trueLayerAccountFromAPI(a *truelayer.Account) trueLayerAccountModel {
	m := trueLayerAccountModel{
		ID:                 types.StringValue(a.ID),
		AccountType:        optString(a.AccountType),
		CustomerSegment:    optString(a.CustomerSegment),
		Currency:           optString(a.Currency),
		BIC:                optString(a.BIC),
		AccountHolderNames: stringList(a.AccountHolderNames),
		SortCode:           types.StringNull(),
		AccountNumber:      types.StringNull(),
		IBAN:               types.StringNull(),
	}
	var ids []identifierModel
	for _, id := range a.AccountIdentifiers {
		switch id.Type {
		case truelayer.IdentifierSortCodeAccount:
			m.SortCode, m.AccountNumber = optString(id.SortCode), optString(id.AccountNumber)
			ids = append(ids, identifier("SORT_CODE_ACCOUNT_NUMBER", id.SortCode+" "+id.AccountNumber))
		case truelayer.IdentifierIBAN:
			m.IBAN = optString(id.IBAN)
			ids = append(ids, identifier("IBAN", id.IBAN))
		}
	}
	if a.BIC != "" {
		ids = append(ids, identifier("BIC", a.BIC))
	}
	number := m.IBAN
	if !m.AccountNumber.IsNull() {
		number = m.AccountNumber
	}
	m.Normalized = normalizedAccountModel{
		ID:            m.ID,
		DisplayName:   optString(strings.TrimSpace(firstNonEmpty(a.AccountType, "account") + " " + a.Currency)),
		Number:        number,
		Currency:      m.Currency,
		Balance:       types.StringNull(),
		Type:          types.StringValue(trueLayerType(a.AccountType)),
		Status:        types.StringNull(),
		InstitutionID: m.BIC,
		Owned:         types.BoolNull(),
		HolderNames:   m.AccountHolderNames,
		Identifiers:   ids,
	}
	return m
}

func trueLayerType(t string) string {
	switch t {
	case "current":
		return typeCurrent
	case "savings":
		return typeSavings
	}
	return typeOther
}
