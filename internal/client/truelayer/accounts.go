package truelayer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Request details of GET /v3/connected-accounts.
const (
	ConnectedAccountsPath = "/v3/connected-accounts"
	ConnectionIDHeader    = "Connection-Id"
	// EndUserIPHeader carries the end user's IP (user present, no rate
	// limit); Data API v3 documents it in its error table.
	EndUserIPHeader = "Tl-User-IP"
	// LegacyEndUserIPHeader is the Data API v1 name of the same header; the
	// client sends both because the v3 name is not confirmed by a reference.
	LegacyEndUserIPHeader = "X-PSU-IP"
	// CursorParam is the query parameter carrying pagination.next_cursor.
	CursorParam = "cursor"
)

// Values of Account.AccountType, Account.CustomerSegment and
// AccountIdentifier.Type. The API may add values; they decode as is.
const (
	AccountTypeCurrent        = "current"
	AccountTypeSavings        = "savings"
	SegmentRetail             = "retail"
	SegmentBusiness           = "business"
	IdentifierSortCodeAccount = "sort_code_account_number"
	IdentifierIBAN            = "iban"
)

// Account is one item of GET /v3/connected-accounts.
type Account struct {
	ID                 string              `json:"id"`
	AccountType        string              `json:"account_type"`
	CustomerSegment    string              `json:"customer_segment"`
	Currency           string              `json:"currency"`
	AccountIdentifiers []AccountIdentifier `json:"account_identifiers"`
	// BIC is optional; "" when absent.
	BIC string `json:"bic,omitempty"`
	// AccountHolderNames has several names for a joint account; it may be empty.
	AccountHolderNames []string `json:"account_holder_names"`
}

// AccountIdentifier is one set of account details, tagged by Type
// (IdentifierSortCodeAccount or IdentifierIBAN; other types are kept).
type AccountIdentifier struct {
	Type          string `json:"type"`
	SortCode      string `json:"sort_code,omitempty"`
	AccountNumber string `json:"account_number,omitempty"`
	IBAN          string `json:"iban,omitempty"`
	// Other holds the remaining fields (of identifier types this client does
	// not know) as raw JSON, by name; nil when there are none.
	Other map[string]json.RawMessage `json:"-"`
}

// ConnectedAccounts lists every account of the data connection, following
// pagination.next_cursor through all pages. endUserIP, when not empty, marks
// the user as present (it must be an IP address).
func (c *Client) ConnectedAccounts(ctx context.Context, connectionID, endUserIP string) ([]Account, error) {
	header, err := accountHeaders(connectionID, endUserIP)
	if err != nil {
		return nil, err
	}
	accounts := []Account{}
	seen := map[string]bool{}
	for cursor := ""; ; {
		page, err := c.accountsPage(ctx, header, cursor)
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, page.items...)
		if page.next == "" {
			return accounts, nil
		}
		if seen[page.next] {
			return nil, fmt.Errorf("GET %s: the server returned the same next_cursor twice; stopping", ConnectedAccountsPath)
		}
		seen[page.next], cursor = true, page.next
	}
}

func accountHeaders(connectionID, endUserIP string) (http.Header, error) {
	if connectionID == "" {
		return nil, errors.New("truelayer: a connection ID is required")
	}
	header := http.Header{}
	header.Set(ConnectionIDHeader, connectionID)
	if endUserIP == "" {
		return header, nil
	}
	if _, err := netip.ParseAddr(endUserIP); err != nil {
		return nil, fmt.Errorf("truelayer: end-user IP %q is not an IP address", endUserIP)
	}
	header.Set(EndUserIPHeader, endUserIP)
	header.Set(LegacyEndUserIPHeader, endUserIP)
	return header, nil
}

// accountsWire is the JSON of one page.
type accountsWire struct {
	Items      *[]Account `json:"items"`
	Pagination *struct {
		NextCursor *string `json:"next_cursor"`
	} `json:"pagination"`
}

type accountsPage struct {
	items []Account
	next  string
}

func (c *Client) accountsPage(ctx context.Context, header http.Header, cursor string) (*accountsPage, error) {
	var query url.Values
	if cursor != "" {
		query = url.Values{CursorParam: {cursor}}
	}
	var wire accountsWire
	req := client.Request{Method: http.MethodGet, Path: ConnectedAccountsPath, Query: query, Header: header}
	if err := c.core.Do(ctx, req, &wire); err != nil {
		return nil, err
	}
	if wire.Items == nil {
		return nil, fmt.Errorf("GET %s: the response has no \"items\" array (empty body or unexpected JSON)", ConnectedAccountsPath)
	}
	for i, a := range *wire.Items {
		if a.ID == "" {
			return nil, fmt.Errorf("GET %s: item %d of the response has no id", ConnectedAccountsPath, i)
		}
	}
	page := &accountsPage{items: *wire.Items}
	if wire.Pagination != nil && wire.Pagination.NextCursor != nil {
		page.next = *wire.Pagination.NextCursor
	}
	return page, nil
}
