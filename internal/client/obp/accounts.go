package obp

import (
	"context"
	"net/url"
	"strconv"
)

// AccountSummary is an item of GET /banks/{BANK_ID}/accounts: a bare JSON
// array of items with id up to v5.1.0, {"accounts": […]} of items with
// account_id on v6.0.0 (read into ID).
type AccountSummary struct {
	ID             string        `json:"id"`
	AccountID      string        `json:"account_id"`
	Label          string        `json:"label"`
	BankID         string        `json:"bank_id"`
	ViewsAvailable []ViewSummary `json:"views_available"`
}

// ViewSummary names a view of an account.
type ViewSummary struct {
	ID        string `json:"id"`
	ShortName string `json:"short_name"`
	IsPublic  bool   `json:"is_public"`
}

// Account is the full account read through a view (v4.0.0). OBP renders
// empty strings as null; a view without balance access gives a null balance.
type Account struct {
	ID                string             `json:"id"`
	BankID            string             `json:"bank_id"`
	Label             string             `json:"label"`
	Number            string             `json:"number"`
	ProductCode       string             `json:"product_code"`
	Balance           *Money             `json:"balance"`
	Owners            []AccountOwner     `json:"owners"`
	AccountRoutings   []Routing          `json:"account_routings"`
	AccountAttributes []AccountAttribute `json:"account_attributes"`
	Tags              []AccountTag       `json:"tags"`
	ViewsAvailable    []ViewSummary      `json:"views_available"`
}

// AccountOwner is an owner of an account.
type AccountOwner struct {
	ID          string `json:"id"`
	Provider    string `json:"provider"`
	DisplayName string `json:"display_name"`
}

// AccountTag is a tag a user put on an account (AccountTagJSON): OBP renders
// tags as objects, not strings.
type AccountTag struct {
	ID    string       `json:"id"`
	Value string       `json:"value"`
	Date  string       `json:"date"`
	User  AccountOwner `json:"user"`
}

// AccountAttribute is an attribute of an account's product.
type AccountAttribute struct {
	ID    string `json:"account_attribute_id"`
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// CodeAccountNotFound and CodeNoViewAccess answer reads of unknown accounts and views.
const (
	CodeAccountNotFound = "OBP-30018"
	CodeNoViewAccess    = "OBP-20017"
)

const accountsPageSize = 50

// ListAccounts lists the accounts the caller can see at a bank, page by page
// (OBP gives no total). attributes filter by account attribute name=value.
func (c *Client) ListAccounts(ctx context.Context, bankID string, attributes map[string]string) ([]AccountSummary, error) {
	var all []AccountSummary
	for offset := 0; ; offset += accountsPageSize {
		q := url.Values{"limit": {strconv.Itoa(accountsPageSize)}, "offset": {strconv.Itoa(offset)}}
		for k, v := range attributes {
			q.Set(k, v)
		}
		page, err := c.accountsPage(ctx, bankID, q)
		if err != nil {
			return nil, err
		}
		// A server that ignores offset answers the first page again: stop
		// instead of asking for ever.
		if offset > 0 && len(page) > 0 && len(all) > 0 && page[0].ID == all[0].ID {
			return all, nil
		}
		all = append(all, page...)
		if len(page) < accountsPageSize {
			return all, nil
		}
	}
}

func (c *Client) accountsPage(ctx context.Context, bankID string, q url.Values) ([]AccountSummary, error) {
	path := c.path("banks", bankID, "accounts")
	if !c.IsV600() {
		var page []AccountSummary
		err := c.get(ctx, path, q, &page)
		return page, err
	}
	var out struct {
		Accounts []AccountSummary `json:"accounts"`
	}
	err := c.get(ctx, path, q, &out)
	for i := range out.Accounts {
		if out.Accounts[i].ID == "" {
			out.Accounts[i].ID = out.Accounts[i].AccountID
		}
	}
	return out.Accounts, err
}

// AccountsHeld lists the accounts the caller holds at a bank.
func (c *Client) AccountsHeld(ctx context.Context, bankID string) ([]AccountSummary, error) {
	var out struct {
		Accounts []AccountSummary `json:"accounts"`
	}
	err := c.get(ctx, c.path("banks", bankID, "accounts-held"), nil, &out)
	return out.Accounts, err
}

// Account reads one account through a view (403 OBP-20017 without access to the view).
func (c *Client) Account(ctx context.Context, bankID, accountID, viewID string) (*Account, error) {
	var out Account
	err := c.get(ctx, c.path("banks", bankID, "accounts", accountID, viewID, "account"), nil, &out)
	return result(&out, err)
}
