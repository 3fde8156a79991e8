package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/thredd"
)

var (
	_ datasource.DataSource              = (*threddAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*threddAccountsDataSource)(nil)
)

type threddAccountsDataSource struct {
	api *thredd.Client
}

type threddAccountsModel struct {
	CustomerID types.String         `tfsdk:"customer_id"`
	Accounts   []threddAccountModel `tfsdk:"accounts"`
}

type threddAccountModel struct {
	ID                     types.String           `tfsdk:"id"`
	Number                 types.String           `tfsdk:"number"`
	AccountNumberDisplay   types.String           `tfsdk:"account_number_display"`
	RealAccountNumberLast4 types.String           `tfsdk:"real_account_number_last4"`
	Name                   types.String           `tfsdk:"name"`
	AccountNickname        types.String           `tfsdk:"account_nickname"`
	Balance                types.String           `tfsdk:"balance"`
	AvailableBalance       types.String           `tfsdk:"available_balance"`
	Type                   types.String           `tfsdk:"type"`
	Status                 types.String           `tfsdk:"status"`
	CustomerID             types.String           `tfsdk:"finicity_customer_id"`
	InstitutionID          types.String           `tfsdk:"institution_id"`
	InstitutionLoginID     types.Int64            `tfsdk:"institution_login_id"`
	Currency               types.String           `tfsdk:"currency"`
	MarketSegment          types.String           `tfsdk:"market_segment"`
	DisplayPosition        types.Int64            `tfsdk:"display_position"`
	AggregationStatusCode  types.Int64            `tfsdk:"aggregation_status_code"`
	BalanceDate            types.String           `tfsdk:"balance_date"`
	CreatedDate            types.String           `tfsdk:"created_date"`
	LastUpdatedDate        types.String           `tfsdk:"last_updated_date"`
	LastTransactionDate    types.String           `tfsdk:"last_transaction_date"`
	Normalized             normalizedAccountModel `tfsdk:"normalized"`
}

func newThreddAccountsDataSource() datasource.DataSource { return &threddAccountsDataSource{} }

func (d *threddAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thredd_accounts"
}

func (d *threddAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = accountAPI(req.ProviderData, &resp.Diagnostics, threddSettings, func(c *clients) *thredd.Client { return c.Thredd })
}

func (d *threddAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	integer := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the accounts connected for a Thredd Open Banking customer (Get All Customer Accounts; Finicity fields). Dates are RFC 3339.",
		Attributes: map[string]schema.Attribute{
			"customer_id": schema.StringAttribute{Required: true, MarkdownDescription: "The `openbanking_customer_id` Thredd returned when the customer was registered.",
				Validators: []validator.String{lengthBetween(255)}},
			"accounts": accountsAttribute("Thredd", "The customer's accounts.", map[string]schema.Attribute{
				"id":                        computedString("Account id."),
				"number":                    computedString("Account number at the institution, possibly masked."),
				"account_number_display":    computedString("Display form of the number, e.g. `1234-9`."),
				"real_account_number_last4": computedString("Last four digits of the real number."),
				"name":                      computedString("Account name."),
				"account_nickname":          computedString("Nickname."),
				"balance":                   computedString("Cleared balance at `balance_date`, as a decimal string."),
				"available_balance":         computedString("Available balance (`detail.available_balance_amount`), as a decimal string."),
				"type":                      computedString("Finicity account type, e.g. `checking`, `savings`, `creditCard`."),
				"status":                    computedString("`pending` or `active`."),
				"finicity_customer_id":      computedString("Finicity customer id (not the Thredd id)."),
				"institution_id":            computedString("Finicity institution id."),
				"institution_login_id":      integer("Finicity institution login id."),
				"currency":                  computedString("Currency code."),
				"market_segment":            computedString("`personal` or `business`."),
				"display_position":          integer("Position at the institution, 1 first."),
				"aggregation_status_code":   integer("Result of the last aggregation."),
				"balance_date":              computedString("When the balance was taken."),
				"created_date":              computedString("When the account was added."),
				"last_updated_date":         computedString("When the account was last updated."),
				"last_transaction_date":     computedString("Date of the last transaction."),
			}),
		},
	}
}

func (d *threddAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg threddAccountsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := d.api.CustomerAccounts(ctx, cfg.CustomerID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Root("customer_id"), "Could Not Read the Thredd Accounts", err)
		return
	}
	cfg.Accounts = make([]threddAccountModel, len(got.CustomerAccounts))
	for i := range got.CustomerAccounts {
		cfg.Accounts[i] = threddAccountFromAPI(&got.CustomerAccounts[i])
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func threddAccountFromAPI(a *thredd.Account) threddAccountModel {
	var available *float64
	if a.Detail != nil {
		available = a.Detail.AvailableBalanceAmount
	}
	number := a.AccountNumberDisplay
	if number == "" {
		number = a.Number
	}
	return threddAccountModel{
		ID:                     types.StringValue(a.ID),
		Number:                 optString(a.Number),
		AccountNumberDisplay:   optString(a.AccountNumberDisplay),
		RealAccountNumberLast4: optString(a.RealAccountNumberLast4),
		Name:                   optString(a.Name),
		AccountNickname:        optString(a.AccountNickname),
		Balance:                decimal(a.Balance),
		AvailableBalance:       decimal(available),
		Type:                   optString(string(a.Type)),
		Status:                 optString(string(a.Status)),
		CustomerID:             optString(a.CustomerID),
		InstitutionID:          optString(a.InstitutionID),
		InstitutionLoginID:     types.Int64PointerValue(a.InstitutionLoginID),
		Currency:               optString(a.Currency),
		MarketSegment:          optString(a.MarketSegment),
		DisplayPosition:        types.Int64PointerValue(a.DisplayPosition),
		AggregationStatusCode:  types.Int64PointerValue(a.AggregationStatusCode),
		BalanceDate:            epochDate(a.BalanceDate),
		CreatedDate:            epochDate(a.CreatedDate),
		LastUpdatedDate:        epochDate(a.LastUpdatedDate),
		LastTransactionDate:    epochDate(a.LastTransactionDate),
		Normalized:             normalizedAccountModel{ID: types.StringValue(a.ID), DisplayName: optString(firstNonEmpty(a.AccountNickname, a.Name)), Number: optString(number), Currency: optString(a.Currency), Balance: decimal(a.Balance), Type: types.StringValue(threddType(string(a.Type))), Status: normalizedStatus(string(a.Status)), InstitutionID: optString(a.InstitutionID), Owned: types.BoolNull()},
	}
}

// epochDate renders Unix seconds as RFC 3339 (null when absent).
func epochDate(secs *int64) types.String {
	if secs == nil {
		return types.StringNull()
	}
	return types.StringValue(time.Unix(*secs, 0).UTC().Format(time.RFC3339))
}

// threddType maps Finicity's account types to the normalized ones.
func threddType(t string) string {
	switch t {
	case "checking":
		return typeCurrent
	case "savings", "cd", "moneyMarket":
		return typeSavings
	case "creditCard":
		return typeCreditCard
	case "lineOfCredit", "loan", "studentLoan", "studentLoanGroup", "studentLoanAccount":
		return typeLoan
	case "mortgage":
		return typeMortgage
	}
	if threddInvestmentTypes[t] {
		return typeInvestment
	}
	return typeOther
}

var threddInvestmentTypes = map[string]bool{
	"investment": true, "investmentTaxDeferred": true, "employeeStockPurchasePlan": true, "ira": true, "401k": true,
	"roth": true, "403b": true, "529plan": true, "rollover": true, "ugma": true, "utma": true, "keogh": true,
	"457plan": true, "401a": true, "brokerageAccount": true, "educationSavings": true, "healthSavingsAccount": true,
	"pension": true, "profitSharingPlan": true, "roth401k": true, "sepIRA": true, "simpleIRA": true,
	"thriftSavingsPlan": true, "variableAnnuity": true,
}
