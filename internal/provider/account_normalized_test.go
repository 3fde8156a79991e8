package provider

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/truelayer"
)

// TestUnfilledNormalizedFields: from an account with every field its API
// has, exactly the normalized fields the docs list as unfilled are null.
func TestUnfilledNormalizedFields(t *testing.T) {
	balance := 12.5
	full := map[string]normalizedAccountModel{
		"OBP": *obpAccountFromAPI(&obp.Account{ID: "a1", Label: "Main", Number: "123", ProductCode: "CURRENT",
			Balance: &obp.Money{Currency: "EUR", Amount: "1.00"}, Owners: []obp.AccountOwner{{ID: "u1", DisplayName: "Ada"}},
			AccountRoutings: []obp.Routing{{Scheme: "IBAN", Address: "DE00"}}}, "bank", ownerView).Normalized,
		"Thredd": threddAccountFromAPI(&thredd.Account{ID: "t1", Number: "123", Name: "Main", Balance: &balance, Type: "checking",
			Status: "active", InstitutionID: "101", Currency: "USD"}).Normalized,
		"TrueLayer": trueLayerAccountFromAPI(&truelayer.Account{ID: "tl1", AccountType: "current", Currency: "GBP", BIC: "TESTGB00",
			AccountIdentifiers: []truelayer.AccountIdentifier{{Type: truelayer.IdentifierIBAN, IBAN: "GB00"}}, AccountHolderNames: []string{"Ada"}}).Normalized,
		"CDR": cdrAccountFromAPI(&cdrAccount, &cdr.Balance{AccountID: "c1", CurrentBalance: "-12.30", AvailableBalance: "0.00"}).Normalized,
		"Ivy": ivyAccountFromAPI(&ivy.Account{ID: "i1", Bank: ivy.Bank{ID: "b1", Name: "Bank"}, Category: "bank_account", Status: "active",
			FinancialAddress: &ivy.FinancialAddress{Type: ivy.AddressIBAN, IBAN: &ivy.IBANAddress{IBAN: "DE00", AccountHolderName: "Ada"}}}).Normalized,
	}
	for api, n := range full {
		got := nullNormalizedFields(n)
		want := append([]string(nil), unfilledNormalized[api]...)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: null normalized fields %v, documented as unfilled %v", api, got, want)
		}
	}
}

// cdrAccount is a CDR account with every field the normalized shape reads.
var cdrAccount = cdr.Account{AccountID: "c1", DisplayName: "Main", OpenStatus: "OPEN", IsOwned: new(true),
	MaskedNumber: "xxxx1234", ProductCategory: "TRANS_AND_SAVINGS_ACCOUNTS"}

// TestOptInNormalizedFields: without the attribute that asks for them, the
// opt-in normalized fields are null too.
func TestOptInNormalizedFields(t *testing.T) {
	without := map[string]normalizedAccountModel{"CDR": cdrAccountFromAPI(&cdrAccount, nil).Normalized}
	for api, o := range optInNormalized {
		n, ok := without[api]
		if !ok {
			t.Errorf("%s: no account read without %s", api, o.attribute)
			continue
		}
		want := append(append([]string(nil), unfilledNormalized[api]...), o.fields...)
		sort.Strings(want)
		if got := nullNormalizedFields(n); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s without %s: null normalized fields %v, want %v", api, o.attribute, got, want)
		}
	}
}

// TestCDRBalanceConversion: the normalized balance is the current balance;
// an absent currency is AUD.
func TestCDRBalanceConversion(t *testing.T) {
	m := cdrAccountFromAPI(&cdrAccount, &cdr.Balance{AccountID: "c1", CurrentBalance: "-12.30", AvailableBalance: "87.70"})
	if m.CurrentBalance.ValueString() != "-12.30" || m.AvailableBalance.ValueString() != "87.70" || m.Currency.ValueString() != "AUD" {
		t.Errorf("balance fields %v %v %v", m.CurrentBalance, m.AvailableBalance, m.Currency)
	}
	if m.Normalized.Balance != m.CurrentBalance || m.Normalized.Currency.ValueString() != "AUD" {
		t.Errorf("normalized balance %v currency %v", m.Normalized.Balance, m.Normalized.Currency)
	}
	usd := cdrAccountFromAPI(&cdrAccount, &cdr.Balance{AccountID: "c1", CurrentBalance: "1.00", AvailableBalance: "1.00", Currency: "USD"})
	if usd.Currency.ValueString() != "USD" || usd.Normalized.Currency.ValueString() != "USD" {
		t.Errorf("currency %v", usd.Currency)
	}
}

// nullNormalizedFields names the null fields of a normalized account.
func nullNormalizedFields(n normalizedAccountModel) []string {
	var null []string
	v, typ := reflect.ValueOf(n), reflect.TypeOf(n)
	for i := range typ.NumField() {
		f := v.Field(i).Interface()
		isNull := v.Field(i).Kind() == reflect.Slice && v.Field(i).IsNil()
		if a, ok := f.(attr.Value); ok {
			isNull = a.IsNull()
		}
		if isNull {
			null = append(null, typ.Field(i).Tag.Get("tfsdk"))
		}
	}
	sort.Strings(null)
	return null
}

// TestIvyDisplayNameFallsBackToID: an account without bank name and
// subcategory is shown by its id.
func TestIvyDisplayNameFallsBackToID(t *testing.T) {
	got := ivyAccountFromAPI(&ivy.Account{ID: "acc_1"}).Normalized.DisplayName.ValueString()
	if got != "acc_1" {
		t.Errorf("display_name %q, want the id acc_1", got)
	}
}
