package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/cdr"
)

var (
	_ datasource.DataSource              = (*cdrAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*cdrAccountsDataSource)(nil)
)

type cdrAccountsDataSource struct {
	api *cdr.Client
}

type cdrAccountsModel struct {
	ProductCategory types.String      `tfsdk:"product_category"`
	OpenStatus      types.String      `tfsdk:"open_status"`
	IsOwned         types.Bool        `tfsdk:"is_owned"`
	IncludeBalances types.Bool        `tfsdk:"include_balances"`
	Version         types.Int64       `tfsdk:"version"`
	Accounts        []cdrAccountModel `tfsdk:"accounts"`
}

type cdrAccountModel struct {
	AccountID                   types.String           `tfsdk:"account_id"`
	CreationDate                types.String           `tfsdk:"creation_date"`
	DisplayName                 types.String           `tfsdk:"display_name"`
	Nickname                    types.String           `tfsdk:"nickname"`
	OpenStatus                  types.String           `tfsdk:"open_status"`
	IsOwned                     types.Bool             `tfsdk:"is_owned"`
	AccountOwnership            types.String           `tfsdk:"account_ownership"`
	MaskedNumber                types.String           `tfsdk:"masked_number"`
	ProductCategory             types.String           `tfsdk:"product_category"`
	ProductName                 types.String           `tfsdk:"product_name"`
	IsInstalmentDetailAvailable types.Bool             `tfsdk:"is_instalment_detail_available"`
	CurrentBalance              types.String           `tfsdk:"current_balance"`
	AvailableBalance            types.String           `tfsdk:"available_balance"`
	Currency                    types.String           `tfsdk:"currency"`
	Normalized                  normalizedAccountModel `tfsdk:"normalized"`
}

// cdrProductCategories are the Banking product categories (BUY_NOW_PAY_LATER from V3 on).
var cdrProductCategories = []string{
	"BUSINESS_LOANS", "CRED_AND_CHRG_CARDS", "LEASES", "MARGIN_LOANS", "OVERDRAFTS", "PERS_LOANS",
	"REGULATED_TRUST_ACCOUNTS", "RESIDENTIAL_MORTGAGES", "TERM_DEPOSITS", "TRADE_FINANCE",
	"TRANS_AND_SAVINGS_ACCOUNTS", "TRAVEL_CARDS", "BUY_NOW_PAY_LATER",
}

func newCDRAccountsDataSource() datasource.DataSource { return &cdrAccountsDataSource{} }

func (d *cdrAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cdr_accounts"
}

func (d *cdrAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = accountAPI(req.ProviderData, &resp.Diagnostics, cdrSettings, func(c *clients) *cdr.Client { return c.CDR })
}

func (d *cdrAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the accounts of an Australian Consumer Data Right data holder (Banking Get Accounts), all pages. " +
			"The provider asks for version 3 and accepts version 2, reading each by the version the holder answers. " +
			"With `include_balances`, it also reads the balances of each page of accounts (Get Balances For Specific Accounts, version 1).",
		Attributes: map[string]schema.Attribute{
			"product_category": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only accounts of this product category.",
				Validators:          []validator.String{stringvalidator.OneOf(cdrProductCategories...)},
			},
			"open_status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "`OPEN`, `CLOSED` or `ALL` (the default).",
				Validators:          []validator.String{stringvalidator.OneOf("OPEN", "CLOSED", "ALL")},
			},
			"is_owned": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only owned (`true`) or only not owned (`false`) accounts; all when unset.",
			},
			"include_balances": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read the balances, filling `current_balance`, `available_balance`, `currency` and the " +
					"normalized `balance` (the current balance) and `currency`. Defaults to `false`. " +
					"Costs one more request per page of accounts (`POST /cds-au/v1/banking/accounts/balances` naming that page's accounts), " +
					"never one per account: a read makes twice the requests. When the holder refuses the balances " +
					"(for example HTTP 403, 404 or 406), the read fails with the holder's CDR error.",
			},
			"version": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Version of Get Accounts the holder answered with (`x-v`).",
			},
			"accounts": accountsAttribute("CDR", "The accounts.", map[string]schema.Attribute{
				"account_id":                     computedString("Account id (unique to the holder and consent)."),
				"creation_date":                  computedString("When the account was opened (YYYY-MM-DD)."),
				"display_name":                   computedString("Display name."),
				"nickname":                       computedString("Nickname the customer gave the account."),
				"open_status":                    computedString("`OPEN` or `CLOSED` (absent means `OPEN`)."),
				"is_owned":                       boolean("Whether the customer owns the account (absent means `true`)."),
				"account_ownership":              computedString("`UNKNOWN`, `ONE_PARTY`, `TWO_PARTY`, `MANY_PARTY` or `OTHER`."),
				"masked_number":                  computedString("Masked account number."),
				"product_category":               computedString("Product category."),
				"product_name":                   computedString("Product name."),
				"is_instalment_detail_available": boolean("Whether instalment details are available (version 3)."),
				"current_balance":                computedString("Current balance (`currentBalance`), negative when the customer owes money; null unless `include_balances`."),
				"available_balance":              computedString("Balance available for transfer (`availableBalance`); null unless `include_balances`."),
				"currency":                       computedString("Currency of the balances (`currency`; `AUD` when the holder omits it); null unless `include_balances`."),
			}),
		},
	}
}

func (d *cdrAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg cdrAccountsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	read := d.api.Accounts
	if cfg.IncludeBalances.ValueBool() {
		read = d.api.AccountsWithBalances
	}
	got, err := read(ctx, cdr.Filter{
		ProductCategory: cfg.ProductCategory.ValueString(),
		OpenStatus:      cfg.OpenStatus.ValueString(),
		IsOwned:         cfg.IsOwned.ValueBoolPointer(),
	})
	if err != nil {
		addCDRReadError(&resp.Diagnostics, err)
		return
	}
	cfg.Version = types.Int64Value(int64(got.Version))
	cfg.Accounts = make([]cdrAccountModel, len(got.Accounts))
	for i := range got.Accounts {
		cfg.Accounts[i] = cdrAccountFromAPI(&got.Accounts[i], balanceOf(got.Balances, got.Accounts[i].AccountID))
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

// addCDRReadError reports a failed read; a refused balances call is
// reported on include_balances.
func addCDRReadError(diags *diag.Diagnostics, err error) {
	if !errors.As(err, new(*cdr.BalancesError)) {
		addAPIError(diags, path.Empty(), "Could Not Read the CDR Accounts", err)
		return
	}
	addAPIErrorNote(diags, path.Root("include_balances"), "Could Not Read the CDR Balances", err,
		"include_balances = true reads the balances of each page of accounts with POST /cds-au/v1/banking/accounts/balances, "+
			"which the data holder refused. Without include_balances the accounts are read without balances.")
}

// balanceOf is the balance of the account id, nil when there is none.
func balanceOf(balances map[string]cdr.Balance, id string) *cdr.Balance {
	b, ok := balances[id]
	if !ok {
		return nil
	}
	return &b
}

// cdrAccountFromAPI converts an account and its balance (nil when not read).
func cdrAccountFromAPI(a *cdr.Account, b *cdr.Balance) cdrAccountModel {
	m := cdrAccountModel{
		AccountID:                   types.StringValue(a.AccountID),
		CreationDate:                optString(a.CreationDate),
		DisplayName:                 optString(a.DisplayName),
		Nickname:                    optString(a.Nickname),
		OpenStatus:                  types.StringValue(a.EffectiveOpenStatus()),
		IsOwned:                     types.BoolValue(a.Owned()),
		AccountOwnership:            optString(a.AccountOwnership),
		MaskedNumber:                optString(a.MaskedNumber),
		ProductCategory:             optString(a.ProductCategory),
		ProductName:                 optString(a.ProductName),
		IsInstalmentDetailAvailable: types.BoolPointerValue(a.IsInstalmentDetailAvailable),
	}
	m.CurrentBalance, m.AvailableBalance, m.Currency = cdrBalance(b)
	var ids []identifierModel
	if a.MaskedNumber != "" {
		ids = append(ids, identifier("MASKED_NUMBER", a.MaskedNumber))
	}
	m.Normalized = normalizedAccountModel{
		ID:            m.AccountID,
		DisplayName:   optString(firstNonEmpty(a.Nickname, a.DisplayName)),
		Number:        m.MaskedNumber,
		Currency:      m.Currency,
		Balance:       m.CurrentBalance,
		Type:          types.StringValue(cdrType(a.ProductCategory)),
		Status:        normalizedStatus(a.EffectiveOpenStatus()),
		InstitutionID: types.StringNull(),
		Owned:         m.IsOwned,
		Identifiers:   ids,
	}
	return m
}

// cdrBalance is the current balance, available balance and currency of b,
// all null when b is nil.
func cdrBalance(b *cdr.Balance) (current, available, currency types.String) {
	if b == nil {
		return types.StringNull(), types.StringNull(), types.StringNull()
	}
	return optString(b.CurrentBalance), optString(b.AvailableBalance), types.StringValue(b.EffectiveCurrency())
}

func cdrType(category string) string {
	switch category {
	case "TRANS_AND_SAVINGS_ACCOUNTS":
		return typeCurrent
	case "TERM_DEPOSITS", "REGULATED_TRUST_ACCOUNTS":
		return typeSavings
	case "CRED_AND_CHRG_CARDS", "TRAVEL_CARDS":
		return typeCreditCard
	case "RESIDENTIAL_MORTGAGES":
		return typeMortgage
	case "BUSINESS_LOANS", "MARGIN_LOANS", "OVERDRAFTS", "PERS_LOANS", "LEASES", "TRADE_FINANCE", "BUY_NOW_PAY_LATER":
		return typeLoan
	}
	return typeOther
}
