package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
)

var (
	_ datasource.DataSource              = (*ivyAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*ivyAccountsDataSource)(nil)
)

type ivyAccountsDataSource struct {
	api *ivy.Client
}

type ivyAccountsModel struct {
	AccountID types.String      `tfsdk:"account_id"`
	Accounts  []ivyAccountModel `tfsdk:"accounts"`
}

type ivyAccountModel struct {
	ID          types.String           `tfsdk:"id"`
	BankID      types.String           `tfsdk:"bank_id"`
	BankName    types.String           `tfsdk:"bank_name"`
	Category    types.String           `tfsdk:"category"`
	Subcategory types.String           `tfsdk:"subcategory"`
	Status      types.String           `tfsdk:"status"`
	AddressType types.String           `tfsdk:"financial_address_type"`
	Permissions []types.String         `tfsdk:"permissions"`
	CustomerID  types.String           `tfsdk:"customer_id"`
	Normalized  normalizedAccountModel `tfsdk:"normalized"`
}

func newIvyAccountsDataSource() datasource.DataSource { return &ivyAccountsDataSource{} }

func (d *ivyAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ivy_accounts"
}

func (d *ivyAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = accountAPI(req.ProviderData, &resp.Diagnostics, ivySettings, func(c *clients) *ivy.Client { return c.Ivy })
}

func (d *ivyAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads accounts from Ivy's Data API: every account (`data/accounts/list`, all pages), or one (`data/accounts/retrieve`) when `account_id` is set.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Read only this account.",
				Validators: []validator.String{lengthBetween(255)}},
			"accounts": accountsAttribute("Ivy", "The accounts.", map[string]schema.Attribute{
				"id":                     computedString("Account id."),
				"bank_id":                computedString("Id of the bank at Ivy."),
				"bank_name":              computedString("Name of the bank."),
				"category":               computedString("`cash`, `credit`, `investment` or `other`."),
				"subcategory":            computedString("`checking`, `savings`, `credit_card`, `line_of_credit` or `other`."),
				"status":                 computedString("`active`, `disconnected` or `inactive`."),
				"financial_address_type": computedString("Type of the financial address, e.g. `sortCode` or `iban`."),
				"permissions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
					MarkdownDescription: "Data granted: `balances`, `ownership`, `transactions`."},
				"customer_id": computedString("Id of the customer at Ivy."),
			}),
		},
	}
}

func (d *ivyAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg ivyAccountsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	accounts, err := d.read(ctx, cfg.AccountID)
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the Ivy Accounts", err)
		return
	}
	cfg.Accounts = make([]ivyAccountModel, len(accounts))
	for i := range accounts {
		cfg.Accounts[i] = ivyAccountFromAPI(&accounts[i])
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, cfg)...)
}

func (d *ivyAccountsDataSource) read(ctx context.Context, id types.String) ([]ivy.Account, error) {
	if id.IsNull() {
		return d.api.ListAccounts(ctx)
	}
	a, err := d.api.RetrieveAccount(ctx, id.ValueString())
	if err != nil {
		return nil, err
	}
	return []ivy.Account{*a}, nil
}

func ivyAccountFromAPI(a *ivy.Account) ivyAccountModel {
	m := ivyAccountModel{
		ID:          types.StringValue(a.ID),
		BankID:      optString(a.Bank.ID),
		BankName:    optString(a.Bank.Name),
		Category:    optString(a.Category),
		Subcategory: optString(a.Subcategory),
		Status:      optString(a.Status),
		AddressType: types.StringNull(),
		Permissions: stringList(a.Permissions),
		CustomerID:  types.StringNull(),
	}
	if a.Customer != nil {
		m.CustomerID = optString(a.Customer.ID)
	}
	number, ids, holders := ivyAddress(a.FinancialAddress)
	if a.FinancialAddress != nil {
		m.AddressType = optString(a.FinancialAddress.Type)
	}
	m.Normalized = normalizedAccountModel{
		ID:            m.ID,
		DisplayName:   optString(firstNonEmpty(strings.TrimSpace(a.Bank.Name+" "+a.Subcategory), a.ID)),
		Number:        optString(number),
		Currency:      types.StringNull(),
		Balance:       types.StringNull(),
		Type:          types.StringValue(ivyType(a.Category, a.Subcategory)),
		Status:        normalizedStatus(a.Status),
		InstitutionID: m.BankID,
		Owned:         types.BoolNull(),
		HolderNames:   stringList(holders),
		Identifiers:   ids,
	}
	return m
}

// ivyAddress reads the number, identifiers and holder names of a financial address.
func ivyAddress(f *ivy.FinancialAddress) (string, []identifierModel, []string) {
	if f == nil {
		return "", nil, nil
	}
	var holders []string
	add := func(name string) {
		if name != "" {
			holders = append(holders, name)
		}
	}
	switch {
	case f.SortCode != nil:
		add(f.SortCode.AccountHolderName)
		return f.SortCode.AccountNumber, []identifierModel{identifier("SORT_CODE_ACCOUNT_NUMBER", f.SortCode.SortCode+" "+f.SortCode.AccountNumber)}, holders
	case f.IBAN != nil:
		add(f.IBAN.AccountHolderName)
		ids := []identifierModel{identifier("IBAN", f.IBAN.IBAN)}
		if f.IBAN.BIC != "" {
			ids = append(ids, identifier("BIC", f.IBAN.BIC))
		}
		return f.IBAN.IBAN, ids, holders
	case f.BBAN != nil:
		add(f.BBAN.AccountHolderName)
		return f.BBAN.BBAN, []identifierModel{identifier("BBAN", f.BBAN.BBAN)}, holders
	case f.BankCode != nil:
		add(f.BankCode.AccountHolderName)
		return f.BankCode.AccountNumber, []identifierModel{identifier("BANK_CODE_ACCOUNT_NUMBER", f.BankCode.Code+" "+f.BankCode.AccountNumber)}, holders
	}
	return "", nil, nil
}

func ivyType(category, subcategory string) string {
	switch {
	case subcategory == "checking":
		return typeCurrent
	case subcategory == "savings":
		return typeSavings
	case subcategory == "credit_card":
		return typeCreditCard
	case subcategory == "line_of_credit":
		return typeLoan
	case category == "investment":
		return typeInvestment
	}
	return typeOther
}
