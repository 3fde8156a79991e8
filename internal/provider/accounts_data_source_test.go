package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

func TestAccAccountsDataSource(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	owned := env.adminAccounts(env.bankID)
	visible := len(owned) + 1 // and the public account of another owner
	savings := 0
	for _, a := range owned {
		if a.ProductCode == "SAVINGS" {
			savings++
		}
	}
	attrName, attrValue, withAttr := "", "", 0
	for _, a := range owned {
		if len(a.Attributes) > 0 && attrName == "" {
			attrName, attrValue = a.Attributes[0].Name, a.Attributes[0].Value
		}
	}
	for _, a := range env.sandbox.Accounts(env.bankID) {
		if slices.ContainsFunc(a.Attributes, func(x obpsandbox.AccountAttribute) bool { return x.Name == attrName && x.Value == attrValue }) {
			withAttr++
		}
	}
	ds := "data.openbanking_accounts.test"
	config := func(extra string) string {
		return env.providerConfig() + fmt.Sprintf("data \"openbanking_accounts\" \"test\" {\n  bank_id = %q\n%s\n}\n", env.bankID, extra)
	}
	addMany := func() {
		admin := env.sandbox.UserID(obpsandbox.AdminUsername)
		for i := range 60 {
			env.sandbox.AddAccount(obpsandbox.Account{BankID: env.bankID, AccountID: fmt.Sprintf("bulk-%02d", i), Label: "Bulk", ProductCode: "CURRENT",
				Currency: "EUR", Balance: "0.00", OwnerUserIDs: []string{admin}})
		}
		env.sandbox.ResetCounts()
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(""), Check: countAccounts(ds, visible)},
			{Config: config(`held_only = true`), Check: countAccounts(ds, len(owned))},
			{Config: config(`product_code = "SAVINGS"`), Check: countAccounts(ds, savings)},
			{Config: config(fmt.Sprintf("attributes = { %q = %q }", attrName, attrValue)), Check: countAccounts(ds, withAttr)},
			{
				Config:      config("held_only = true\nattributes = { a = \"b\" }"),
				ExpectError: regexp.MustCompile(`(?s)attributes.*OBP filters by attributes only the accounts the caller can see`),
			},
			{
				// More accounts than one page of 50.
				PreConfig: addMany,
				Config:    config(""),
				Check:     countAccounts(ds, visible+60),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("accounts").AtSliceIndex(visible+59).AtMapKey("id"), knownvalue.StringExact("bulk-59")),
				},
			},
		},
	})
	if n := env.sandbox.RequestCount("GET /banks/{BANK_ID}/accounts"); n == 0 || n%2 != 0 {
		t.Fatalf("list requests = %d, want two pages per read", n)
	}
}
