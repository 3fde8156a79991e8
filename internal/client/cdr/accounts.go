package cdr

import (
	"context"
	"net/url"
	"strconv"
)

// Filter narrows Get Accounts. Empty fields are not sent.
type Filter struct {
	// ProductCategory is product-category, e.g. TRANS_AND_SAVINGS_ACCOUNTS
	// (BUY_NOW_PAY_LATER needs a V3 holder).
	ProductCategory string
	// OpenStatus is open-status: OPEN, CLOSED or ALL (the default).
	OpenStatus string
	// IsOwned is is-owned: owned (true) or not-owned (false) accounts only.
	IsOwned *bool
}

// Account is the union of BankingAccountV2 and BankingAccountV3. Optional
// fields the holder omitted stay empty or nil; enum fields keep any value.
type Account struct {
	AccountID string `json:"accountId"`
	// CreationDate is a DateString (YYYY-MM-DD); some holders send a timestamp.
	CreationDate string `json:"creationDate,omitempty"`
	DisplayName  string `json:"displayName"`
	Nickname     string `json:"nickname,omitempty"`
	// OpenStatus is OPEN or CLOSED; "" when absent (meaning OPEN).
	OpenStatus string `json:"openStatus,omitempty"`
	// IsOwned is nil when absent (meaning true).
	IsOwned          *bool  `json:"isOwned,omitempty"`
	AccountOwnership string `json:"accountOwnership"`
	MaskedNumber     string `json:"maskedNumber"`
	ProductCategory  string `json:"productCategory"`
	ProductName      string `json:"productName"`
	// IsInstalmentDetailAvailable exists in V3 only; nil when absent (meaning false).
	IsInstalmentDetailAvailable *bool `json:"isInstalmentDetailAvailable,omitempty"`
}

// EffectiveOpenStatus applies the standard's default: absent means OPEN.
func (a Account) EffectiveOpenStatus() string {
	if a.OpenStatus == "" {
		return "OPEN"
	}
	return a.OpenStatus
}

// Owned applies the standard's default: absent means true.
func (a Account) Owned() bool { return a.IsOwned == nil || *a.IsOwned }

// InstalmentDetailAvailable applies the standard's default: absent means false.
func (a Account) InstalmentDetailAvailable() bool {
	return a.IsInstalmentDetailAvailable != nil && *a.IsInstalmentDetailAvailable
}

// accountsData is data of ResponseBankingAccountListV2/V3.
type accountsData struct {
	Accounts []Account `json:"accounts"`
}

func (d accountsData) items() []Account { return d.Accounts }

// AccountsResult is every account of a Get Accounts call, deduplicated by
// accountId, and the endpoint version the holder served (2 or 3). Balances
// holds the balances by accountId when they were asked for, else nil.
type AccountsResult struct {
	Version  int
	Accounts []Account
	Balances map[string]Balance
}

// Accounts reads every page of Get Accounts matching f.
func (c *Client) Accounts(ctx context.Context, f Filter) (*AccountsResult, error) {
	return c.accounts(ctx, f, false)
}

// AccountsWithBalances reads every page of Get Accounts matching f and,
// after each page, the balances of exactly that page's new accounts with one
// Get Balances For Specific Accounts call (POST
// /cds-au/v1/banking/accounts/balances, body data.accountIds): one extra
// request per page of accounts, not one per account. The POST is used rather
// than Get Bulk Balances because it names the accounts: bulk pages follow
// their own order, without snapshot isolation, so they need not cover the
// same accounts as the account pages. A failed balances call returns a
// *BalancesError.
func (c *Client) AccountsWithBalances(ctx context.Context, f Filter) (*AccountsResult, error) {
	return c.accounts(ctx, f, true)
}

func (c *Client) accounts(ctx context.Context, f Filter, withBalances bool) (*AccountsResult, error) {
	res := &AccountsResult{}
	if withBalances {
		res.Balances = map[string]Balance{}
	}
	seen := map[string]bool{}
	version, err := list[Account, accountsData](ctx, c, listCall{op: getAccounts, filter: f.query()}, func(accounts []Account, version int) error {
		fresh := newAccounts(accounts, seen, version)
		res.Accounts = append(res.Accounts, fresh...)
		if !withBalances || len(fresh) == 0 {
			return nil
		}
		return c.balancesFor(ctx, accountIDs(fresh), res.Balances)
	})
	if err != nil {
		return nil, err
	}
	res.Version = version
	return res, nil
}

// newAccounts are the accounts not seen before, marked seen, without the
// fields version lacks.
func newAccounts(accounts []Account, seen map[string]bool, version int) []Account {
	var out []Account
	for _, a := range accounts {
		if seen[a.AccountID] {
			continue
		}
		seen[a.AccountID] = true
		if version < 3 {
			a.IsInstalmentDetailAvailable = nil
		}
		out = append(out, a)
	}
	return out
}

func accountIDs(accounts []Account) []string {
	ids := make([]string, len(accounts))
	for i, a := range accounts {
		ids[i] = a.AccountID
	}
	return ids
}

// query is the query of f without paging.
func (f Filter) query() url.Values {
	v := url.Values{}
	if f.ProductCategory != "" {
		v.Set("product-category", f.ProductCategory)
	}
	if f.OpenStatus != "" {
		v.Set("open-status", f.OpenStatus)
	}
	if f.IsOwned != nil {
		v.Set("is-owned", strconv.FormatBool(*f.IsOwned))
	}
	return v
}
