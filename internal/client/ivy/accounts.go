package ivy

import (
	"context"
	"errors"
	"fmt"
)

// Account categories, subcategories, statuses and permissions. The API may
// add values: unknown ones decode as they are.
const (
	CategoryCash       = "cash"
	CategoryCredit     = "credit"
	CategoryInvestment = "investment"
	CategoryOther      = "other"

	SubcategoryChecking     = "checking"
	SubcategorySavings      = "savings"
	SubcategoryCreditCard   = "credit_card"
	SubcategoryLineOfCredit = "line_of_credit"
	SubcategoryOther        = "other"

	StatusActive       = "active"
	StatusDisconnected = "disconnected"
	StatusInactive     = "inactive"

	PermissionBalances     = "balances"
	PermissionOwnership    = "ownership"
	PermissionTransactions = "transactions"
)

// Account is a bank account the user granted access to.
type Account struct {
	ID               string            `json:"id"`
	Bank             Bank              `json:"bank"`
	Category         string            `json:"category"`
	Subcategory      string            `json:"subcategory"`
	Status           string            `json:"status"`
	FinancialAddress *FinancialAddress `json:"financialAddress,omitempty"`
	Permissions      []string          `json:"permissions,omitempty"`
	Customer         *Customer         `json:"customer,omitempty"`
}

// Bank is the institution holding an account.
type Bank struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Customer is the Ivy customer an account belongs to.
type Customer struct {
	ID string `json:"id"`
}

// listRequest is the body of data/accounts/list.
type listRequest struct {
	Limit int `json:"limit"`
	Skip  int `json:"skip"`
}

// listResponse holds pointers so that a missing field is told from an empty one.
type listResponse struct {
	Accounts *[]Account `json:"accounts"`
	HasMore  *bool      `json:"hasMore"`
}

type idRequest struct {
	ID string `json:"id"`
}

// ListAccounts returns every account, reading all pages. Accounts repeated
// across pages (offset paging while accounts are added) are returned once.
func (c *Client) ListAccounts(ctx context.Context) ([]Account, error) {
	var all []Account
	seen := map[string]bool{}
	for skip := 0; ; {
		page, more, err := c.listPage(ctx, skip)
		if err != nil {
			return nil, err
		}
		added := 0
		for _, a := range page {
			if !seen[a.ID] {
				seen[a.ID] = true
				all = append(all, a)
				added++
			}
		}
		if !more {
			return all, nil
		}
		if added == 0 {
			return nil, fmt.Errorf("ivy: listing accounts: hasMore is true but the page at skip %d brought no new account", skip)
		}
		skip += len(page)
	}
}

// listPage reads one page of accounts starting at skip.
func (c *Client) listPage(ctx context.Context, skip int) ([]Account, bool, error) {
	var out listResponse
	if err := c.call(ctx, "data/accounts/list", listRequest{Limit: c.pageSize, Skip: skip}, &out); err != nil {
		return nil, false, err
	}
	if out.Accounts == nil || out.HasMore == nil {
		return nil, false, fmt.Errorf("ivy: listing accounts at skip %d: response lacks the accounts array or hasMore", skip)
	}
	for i := range *out.Accounts {
		if (*out.Accounts)[i].ID == "" {
			return nil, false, fmt.Errorf("ivy: listing accounts at skip %d: account %d has no id", skip, i)
		}
	}
	return *out.Accounts, *out.HasMore, nil
}

// RetrieveAccount reads one account. An unknown id gives a 404
// *client.APIError (client.IsNotFound is true).
func (c *Client) RetrieveAccount(ctx context.Context, id string) (*Account, error) {
	return c.byID(ctx, "data/accounts/retrieve", id)
}

// RefreshAccount starts a refresh of an account's data and returns the account.
func (c *Client) RefreshAccount(ctx context.Context, id string) (*Account, error) {
	return c.byID(ctx, "data/accounts/refresh", id)
}

// DisconnectAccount revokes access to an account and returns it.
func (c *Client) DisconnectAccount(ctx context.Context, id string) (*Account, error) {
	return c.byID(ctx, "data/accounts/disconnect", id)
}

var errNoID = errors.New("ivy: an account id is required")

// byID POSTs {"id": id} to endpoint and checks the returned account.
func (c *Client) byID(ctx context.Context, endpoint, id string) (*Account, error) {
	if id == "" {
		return nil, errNoID
	}
	var out Account
	if err := c.call(ctx, endpoint, idRequest{ID: id}, &out); err != nil {
		return nil, err
	}
	if out.ID != id {
		return nil, fmt.Errorf("ivy: %s for account %q: response holds account %q instead (empty or unexpected body)", endpoint, id, out.ID)
	}
	return &out, nil
}
