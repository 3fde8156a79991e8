package ivy

import "fmt"

// account is the stored form of an Ivy account.
type account struct {
	ID          string
	BankID      string
	BankName    string
	Category    string
	Subcategory string
	Status      string
	Address     *address
	Permissions []string // nil: field absent
	CustomerID  string   // "": field absent
	refreshes   int
}

// address is a financial address: Kind is "iban", "sortCode", "bankCode"
// or "bban"; Fields are keyed by camelCase name, empty values are omitted.
type address struct {
	Kind   string
	Fields [][2]string
}

// render returns the account's JSON object in the given spelling.
func (a *account) render(spelling string) map[string]any {
	out := map[string]any{
		"id":          a.ID,
		"bank":        map[string]any{"id": a.BankID, "name": a.BankName},
		"category":    a.Category,
		"subcategory": a.Subcategory,
		"status":      a.Status,
	}
	if a.Address != nil {
		out["financialAddress"] = a.Address.render(spelling)
	}
	if a.Permissions != nil {
		out["permissions"] = append([]string(nil), a.Permissions...)
	}
	if a.CustomerID != "" {
		out["customer"] = map[string]any{"id": a.CustomerID}
	}
	return out
}

func (ad *address) render(spelling string) map[string]any {
	name := spell(ad.Kind, spelling)
	inner := map[string]any{}
	for _, f := range ad.Fields {
		if f[1] != "" {
			inner[spell(f[0], spelling)] = f[1]
		}
	}
	return map[string]any{"type": name, name: inner}
}

// spell converts a camelCase name to snake_case when asked.
func spell(name, spelling string) string {
	if spelling != SpellingSnake {
		return name
	}
	out := make([]byte, 0, len(name)+4)
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			out = append(out, '_', c+('a'-'A'))
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// seedTables returns the value tables the seed cycles through (fresh each
// call: the package holds no mutable state).
func seedTables() (kinds [][2]string, banks [][3]string, permissionSets [][]string) {
	kinds = [][2]string{
		{"cash", "checking"}, {"cash", "savings"}, {"cash", "other"},
		{"credit", "credit_card"}, {"credit", "line_of_credit"}, {"credit", "other"},
		{"investment", "other"}, {"other", "other"},
	}
	banks = [][3]string{ // id, name, country
		{"bank_gb_001", "Example Bank", "GB"}, {"bank_de_001", "Beispielbank", "DE"},
		{"bank_gb_002", "Northwind Bank", "GB"}, {"bank_de_002", "Musterkasse", "DE"},
	}
	permissionSets = [][]string{
		{"balances", "transactions"}, {"balances", "ownership", "transactions"},
		{"balances"}, nil, {"ownership"},
	}
	return kinds, banks, permissionSets
}

// seedAccounts builds the SeedAccounts deterministic accounts: every
// category/subcategory pair, all three statuses, sort-code, IBAN (with and
// without BIC and holder name), bank-code and BBAN addresses, and accounts
// without address, permissions or customer.
func seedAccounts() []*account {
	kinds, banks, permissionSets := seedTables()
	out := make([]*account, 0, SeedAccounts)
	for i := range SeedAccounts {
		kind, bank := kinds[i%len(kinds)], banks[i%len(banks)]
		a := &account{
			ID:     fmt.Sprintf("acc_sbx_%04d", i+1),
			BankID: bank[0], BankName: bank[1],
			Category: kind[0], Subcategory: kind[1],
			Status:      seedStatus(i),
			Address:     seedAddress(i, bank[2]),
			Permissions: permissionSets[i%len(permissionSets)],
		}
		if i%3 != 2 {
			a.CustomerID = fmt.Sprintf("cus_sbx_%03d", i/3+1)
		}
		out = append(out, a)
	}
	return out
}

func seedStatus(i int) string {
	switch {
	case i%7 == 5:
		return "disconnected"
	case i%11 == 9:
		return "inactive"
	}
	return "active"
}

func seedAddress(i int, country string) *address {
	switch {
	case i%9 == 8:
		return nil
	case i == 10:
		return &address{"bankCode", [][2]string{{"code", "37040044"}, {"accountNumber", fmt.Sprintf("%010d", 532013000+i)}}}
	case i == 14:
		return &address{"bban", [][2]string{{"bban", fmt.Sprintf("370400440%09d", i)}, {"bic", "TESTDEFFXXX"}}}
	case country == "GB":
		holder := ""
		if i%8 == 0 {
			holder = fmt.Sprintf("Account Holder %d", i+1)
		}
		return &address{"sortCode", [][2]string{
			{"sortCode", fmt.Sprintf("04%04d", i*37%10000)}, {"accountNumber", fmt.Sprintf("%08d", 10000000+i*7919)},
			{"accountHolderName", holder}}}
	}
	bic, holder := "", ""
	if i%4 == 1 {
		bic = "TESTDEFFXXX"
	}
	if i%5 == 3 {
		holder = fmt.Sprintf("Kontoinhaber %d", i+1)
	}
	return &address{"iban", [][2]string{
		{"iban", fmt.Sprintf("DE00TEST%014d", i+1)}, {"bic", bic}, {"accountHolderName", holder}}}
}
