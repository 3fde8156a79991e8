package cdr

import "fmt"

// Account is BankingAccountV3 (V2 lacks IsInstalmentDetailAvailable).
// Optional fields are omitted when empty or nil.
type Account struct {
	AccountID                   string `json:"accountId"`
	CreationDate                string `json:"creationDate,omitempty"`
	DisplayName                 string `json:"displayName"`
	Nickname                    string `json:"nickname,omitempty"`
	OpenStatus                  string `json:"openStatus,omitempty"`
	IsOwned                     *bool  `json:"isOwned,omitempty"`
	AccountOwnership            string `json:"accountOwnership"`
	MaskedNumber                string `json:"maskedNumber"`
	ProductCategory             string `json:"productCategory"`
	ProductName                 string `json:"productName"`
	IsInstalmentDetailAvailable *bool  `json:"isInstalmentDetailAvailable,omitempty"`
}

// Product categories: V2 (BankingProductCategory) and the V3 addition.
var (
	categoriesV2 = []string{
		"BUSINESS_LOANS", "CRED_AND_CHRG_CARDS", "LEASES", "MARGIN_LOANS", "OVERDRAFTS", "PERS_LOANS",
		"REGULATED_TRUST_ACCOUNTS", "RESIDENTIAL_MORTGAGES", "TERM_DEPOSITS", "TRADE_FINANCE",
		"TRANS_AND_SAVINGS_ACCOUNTS", "TRAVEL_CARDS",
	}
	// CategoryBNPL exists from V3 (BankingProductCategoryV2) only.
	categoryBNPL = "BUY_NOW_PAY_LATER"
)

// validCategory tells whether category is a product category of version v.
func validCategory(category string, v int) bool {
	if category == categoryBNPL {
		return v >= 3
	}
	for _, c := range categoriesV2 {
		if c == category {
			return true
		}
	}
	return false
}

// openStatus applies the standard's default (absent ⇒ OPEN).
func (a Account) openStatus() string {
	if a.OpenStatus == "" {
		return "OPEN"
	}
	return a.OpenStatus
}

// owned applies the standard's default (absent ⇒ true).
func (a Account) owned() bool { return a.IsOwned == nil || *a.IsOwned }

// forVersion renders a for version v; ok is false when V2 cannot represent it.
func (a Account) forVersion(v int) (Account, bool) {
	if v >= 3 {
		return a, true
	}
	if a.ProductCategory == categoryBNPL {
		return Account{}, false
	}
	a.IsInstalmentDetailAvailable = nil
	return a, true
}

func cloneAccounts(in []Account) []Account {
	out := make([]Account, len(in))
	for i, a := range in {
		out[i] = a
		out[i].IsOwned = cloneBool(a.IsOwned)
		out[i].IsInstalmentDetailAvailable = cloneBool(a.IsInstalmentDetailAvailable)
	}
	return out
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

var ownerships = []string{"ONE_PARTY", "TWO_PARTY", "MANY_PARTY", "UNKNOWN", "OTHER"}

var productNames = map[string]string{
	"BUSINESS_LOANS": "Business Growth Loan", "CRED_AND_CHRG_CARDS": "Platinum Rewards Card",
	"LEASES": "Equipment Lease", "MARGIN_LOANS": "Share Margin Loan", "OVERDRAFTS": "Flexi Overdraft",
	"PERS_LOANS": "Personal Loan", "REGULATED_TRUST_ACCOUNTS": "Solicitor Trust Account",
	"RESIDENTIAL_MORTGAGES": "Variable Home Loan", "TERM_DEPOSITS": "12 Month Term Deposit",
	"TRADE_FINANCE": "Import Finance", "TRANS_AND_SAVINGS_ACCOUNTS": "Everyday Saver",
	"TRAVEL_CARDS": "Multi-Currency Travel Card", "BUY_NOW_PAY_LATER": "Pay in Four",
}

// Seed returns the 39 seeded accounts: three per product category (V3's 13),
// open and closed, owned and not, with every optional field present on some
// accounts and absent on others.
func Seed() []Account {
	categories := append(append([]string(nil), categoriesV2...), categoryBNPL)
	var out []Account
	for i := 0; i < 3*len(categories); i++ {
		out = append(out, seedAccount(i, categories[i%len(categories)]))
	}
	return out
}

func seedAccount(i int, category string) Account {
	a := Account{
		AccountID:        fmt.Sprintf("acc-%04d-%s", i+1, shortHash(i)),
		DisplayName:      fmt.Sprintf("%s %d", productNames[category], i/13+1),
		AccountOwnership: ownerships[i%len(ownerships)],
		MaskedNumber:     fmt.Sprintf("xxx-xxx xxxx%04d", 1000+i*37%9000),
		ProductCategory:  category,
		ProductName:      productNames[category],
	}
	if i%3 != 2 {
		a.CreationDate = fmt.Sprintf("20%02d-%02d-%02d", 15+i%10, 1+i%12, 1+i%28)
	}
	if i%4 == 0 {
		a.Nickname = fmt.Sprintf("Nick %d", i+1)
	}
	switch i % 5 {
	case 0, 1:
		a.OpenStatus = "OPEN"
	case 2:
		a.OpenStatus = "CLOSED"
	}
	switch i % 6 {
	case 0, 2:
		a.IsOwned = boolPtr(true)
	case 3:
		a.IsOwned = boolPtr(false)
	}
	if i%7 == 0 {
		a.IsInstalmentDetailAvailable = boolPtr(i%2 == 0)
	}
	return a
}

func shortHash(i int) string { return fmt.Sprintf("%08x", uint32(i+1)*2654435761) }

func boolPtr(b bool) *bool { return &b }
