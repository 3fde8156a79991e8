package cdr

import (
	"context"
)

// Balance is BankingBalance. Amounts are AmountStrings as the holder sent
// them; optional fields the holder omitted stay empty.
type Balance struct {
	AccountID string `json:"accountId"`
	// CurrentBalance is negative when the customer owes money.
	CurrentBalance string `json:"currentBalance"`
	// AvailableBalance is the amount available for transfer.
	AvailableBalance string `json:"availableBalance"`
	// CreditLimit and AmortisedLimit are "" when absent (meaning zero).
	CreditLimit    string `json:"creditLimit,omitempty"`
	AmortisedLimit string `json:"amortisedLimit,omitempty"`
	// Currency is "" when absent (meaning AUD).
	Currency string  `json:"currency,omitempty"`
	Purses   []Purse `json:"purses,omitempty"`
}

// Purse is BankingBalancePurse, a balance in another currency.
type Purse struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency,omitempty"`
}

// EffectiveCurrency applies the standard's default: absent means AUD.
func (b Balance) EffectiveCurrency() string {
	if b.Currency == "" {
		return "AUD"
	}
	return b.Currency
}

// BalancesError is a failed balances call of AccountsWithBalances.
type BalancesError struct{ Err error }

func (e *BalancesError) Error() string { return e.Err.Error() }
func (e *BalancesError) Unwrap() error { return e.Err }

// balancesData is data of ResponseBankingAccountsBalanceList.
type balancesData struct {
	Balances []Balance `json:"balances"`
}

func (d balancesData) items() []Balance { return d.Balances }

// accountIDList is RequestAccountIdListV1.
type accountIDList struct {
	Data struct {
		AccountIDs []string `json:"accountIds"`
	} `json:"data"`
}

// balancesFor reads the balances of ids with Get Balances For Specific
// Accounts into out; balances of accounts not asked for are ignored. The
// page size is the client's, which no page of accounts exceeds, so a
// standard holder answers in one page.
func (c *Client) balancesFor(ctx context.Context, ids []string, out map[string]Balance) error {
	var body accountIDList
	body.Data.AccountIDs = ids
	asked := make(map[string]bool, len(ids))
	for _, id := range ids {
		asked[id] = true
	}
	call := listCall{op: getBalancesForAccounts, body: body}
	_, err := list[Balance, balancesData](ctx, c, call, func(balances []Balance, _ int) error {
		for _, b := range balances {
			if asked[b.AccountID] {
				out[b.AccountID] = b
			}
		}
		return nil
	})
	if err != nil {
		return &BalancesError{Err: err}
	}
	return nil
}
