package provider

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// normalizedAccountModel is the account shape shared by every account data
// source, whatever API the account comes from. Its attributes are stable.
type normalizedAccountModel struct {
	ID            types.String      `tfsdk:"id"`
	DisplayName   types.String      `tfsdk:"display_name"`
	Number        types.String      `tfsdk:"number"`
	Currency      types.String      `tfsdk:"currency"`
	Balance       types.String      `tfsdk:"balance"`
	Type          types.String      `tfsdk:"type"`
	Status        types.String      `tfsdk:"status"`
	InstitutionID types.String      `tfsdk:"institution_id"`
	Owned         types.Bool        `tfsdk:"owned"`
	HolderNames   []types.String    `tfsdk:"holder_names"`
	Identifiers   []identifierModel `tfsdk:"identifiers"`
}

type identifierModel struct {
	Scheme types.String `tfsdk:"scheme"`
	Value  types.String `tfsdk:"value"`
}

// Normalized account types and statuses.
const (
	typeCurrent    = "current"
	typeSavings    = "savings"
	typeCreditCard = "credit_card"
	typeLoan       = "loan"
	typeMortgage   = "mortgage"
	typeInvestment = "investment"
	typeOther      = "other"
)

// unfilledNormalized names, per API, the normalized fields the answers the
// data source reads do not carry: they are always null for that API.
var unfilledNormalized = map[string][]string{
	"OBP":       {"status"},
	"Thredd":    {"owned", "holder_names", "identifiers"},
	"TrueLayer": {"balance", "status", "owned"},
	"CDR":       {"institution_id", "holder_names"},
	"Ivy":       {"currency", "balance", "owned"},
}

// optIn is a boolean attribute of a data source that makes it read more, and
// the normalized fields that stay null without it.
type optIn struct {
	attribute string
	fields    []string
}

// optInNormalized names, per API, the normalized fields filled only on request.
var optInNormalized = map[string]optIn{
	"CDR": {attribute: "include_balances", fields: []string{"currency", "balance"}},
}

// unfilledNote says which normalized fields api cannot fill, and which it
// fills only on request.
func unfilledNote(api string) string {
	note := fmt.Sprintf(" From %s, `%s` are always null: its account answers do not carry them.",
		api, strings.Join(unfilledNormalized[api], "`, `"))
	if o, ok := optInNormalized[api]; ok {
		note += fmt.Sprintf(" `%s` are null unless `%s` is true.", strings.Join(o.fields, "`, `"), o.attribute)
	}
	return note
}

func normalizedAttribute(api string) schema.SingleNestedAttribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.SingleNestedAttribute{
		Computed: true,
		MarkdownDescription: "The account in the shape shared by every account data source of this provider " +
			"(OBP, Thredd, TrueLayer, CDR, Ivy). Values an API does not give are null." + unfilledNote(api),
		Attributes: map[string]schema.Attribute{
			"id":             computed("Id of the account at its API."),
			"display_name":   computed("Name to show for the account."),
			"number":         computed("Account number as the API gives it, masked or full."),
			"currency":       computed("ISO 4217 currency code."),
			"balance":        computed("Balance as a decimal string."),
			"type":           computed("One of `current`, `savings`, `credit_card`, `loan`, `mortgage`, `investment`, `other`."),
			"status":         computed("One of `active`, `pending`, `inactive`, `closed`, `disconnected`, or null when the API gives none."),
			"institution_id": computed("Id of the bank or institution holding the account at its API."),
			"owned":          schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the account belongs to the customer whose data is read; null when unknown."},
			"holder_names":   schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Names of the account holders."},
			"identifiers": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Routing identifiers: scheme (`IBAN`, `SORT_CODE_ACCOUNT_NUMBER`, `BBAN`, `BIC`, `MASKED_NUMBER`, or OBP's own schemes) and value.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"scheme": computed("Identifier scheme."),
					"value":  computed("Identifier value."),
				}},
			},
		},
	}
}

// accountsAttribute is the list of accounts of a data source: the API's own
// attributes plus the normalized shape.
func accountsAttribute(api, desc string, own map[string]schema.Attribute) schema.ListNestedAttribute {
	own["normalized"] = normalizedAttribute(api)
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: desc,
		NestedObject:        schema.NestedAttributeObject{Attributes: own},
	}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func stringList(values []string) []types.String {
	if values == nil {
		return nil
	}
	out := make([]types.String, len(values))
	for i, v := range values {
		out[i] = types.StringValue(v)
	}
	return out
}

func identifier(scheme, value string) identifierModel {
	return identifierModel{Scheme: types.StringValue(scheme), Value: types.StringValue(value)}
}

// decimal renders a float amount without exponent or trailing zeros.
func decimal(f *float64) types.String {
	if f == nil {
		return types.StringNull()
	}
	return types.StringValue(strconv.FormatFloat(*f, 'f', -1, 64))
}

// normalizedStatus maps an API status to the shared vocabulary.
func normalizedStatus(s string) types.String {
	switch strings.ToLower(s) {
	case "":
		return types.StringNull()
	case "active", "open":
		return types.StringValue("active")
	case "closed":
		return types.StringValue("closed")
	case "pending":
		return types.StringValue("pending")
	case "disconnected":
		return types.StringValue("disconnected")
	}
	return types.StringValue("inactive")
}
