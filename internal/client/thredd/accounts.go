package thredd

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// AccountsResponse is the answer of Get All Customer Accounts.
type AccountsResponse struct {
	// RequestID is Thredd's correlation id for the request.
	RequestID string `json:"request_id"`
	// CustomerAccounts is every connected account of the customer (never nil).
	CustomerAccounts []Account `json:"customer_accounts"`
	// Count is the number of accounts, as reported by the API.
	Count int `json:"count"`
}

// Account is a connected account: Finicity "CustomerAccount" fields passed
// through by Thredd. Dates are Unix epoch seconds (see EpochTime); optional
// numbers are pointers so that an absent field differs from zero.
type Account struct {
	ID                     string        `json:"id"`
	Number                 string        `json:"number,omitempty"`
	AccountNumberDisplay   string        `json:"accountNumberDisplay,omitempty"`
	RealAccountNumberLast4 string        `json:"realAccountNumberLast4,omitempty"`
	Name                   string        `json:"name,omitempty"`
	AccountNickname        string        `json:"accountNickname,omitempty"`
	Balance                *float64      `json:"balance,omitempty"`
	Type                   AccountType   `json:"type,omitempty"`
	Status                 AccountStatus `json:"status,omitempty"`
	AggregationStatusCode  *int64        `json:"aggregationStatusCode,omitempty"`
	CustomerID             string        `json:"customerId,omitempty"`
	InstitutionID          string        `json:"institutionId,omitempty"`
	InstitutionLoginID     *int64        `json:"institutionLoginId,omitempty"`
	Currency               string        `json:"currency,omitempty"`
	BalanceDate            *int64        `json:"balanceDate,omitempty"`
	AggregationSuccessDate *int64        `json:"aggregationSuccessDate,omitempty"`
	AggregationAttemptDate *int64        `json:"aggregationAttemptDate,omitempty"`
	CreatedDate            *int64        `json:"createdDate,omitempty"`
	LastUpdatedDate        *int64        `json:"lastUpdatedDate,omitempty"`
	LinkedAccountDate      *int64        `json:"linkedAccountDate,omitempty"`
	LastTransactionDate    *int64        `json:"lastTransactionDate,omitempty"`
	OldestTransactionDate  *int64        `json:"oldestTransactionDate,omitempty"`
	DisplayPosition        *int64        `json:"displayPosition,omitempty"`
	MarketSegment          string        `json:"marketSegment,omitempty"`
	Detail                 *Detail       `json:"detail,omitempty"`
}

// Detail is the account's detail object. Thredd documents only the
// snake_case key; Finicity's camelCase availableBalanceAmount is read too.
type Detail struct {
	AvailableBalanceAmount *float64 `json:"available_balance_amount,omitempty"`
}

// UnmarshalJSON reads available_balance_amount, falling back to availableBalanceAmount.
func (d *Detail) UnmarshalJSON(data []byte) error {
	var raw struct {
		Snake *float64 `json:"available_balance_amount"`
		Camel *float64 `json:"availableBalanceAmount"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	d.AvailableBalanceAmount = raw.Snake
	if d.AvailableBalanceAmount == nil {
		d.AvailableBalanceAmount = raw.Camel
	}
	return nil
}

// EpochTime converts an optional Unix-seconds date to UTC time; ok is false when absent.
func EpochTime(seconds *int64) (t time.Time, ok bool) {
	if seconds == nil {
		return time.Time{}, false
	}
	return time.Unix(*seconds, 0).UTC(), true
}

// CustomerAccounts returns every connected account of an open-banking
// customer (the openbanking_customer_id from registration). The endpoint is
// not paginated: one request returns the full list. An unknown customer is a
// 404 *client.APIError (see client.IsNotFound).
func (c *Client) CustomerAccounts(ctx context.Context, customerID string) (*AccountsResponse, error) {
	if customerID == "" {
		return nil, fmt.Errorf("thredd: customer ID is required")
	}
	path := accountsPath(customerID)
	var out wireResponse
	if err := c.core.Do(ctx, client.Request{Method: http.MethodGet, Path: path}, &out); err != nil {
		return nil, err
	}
	return out.check(path)
}

// wireResponse tells an absent list or count from an empty one.
type wireResponse struct {
	RequestID        string     `json:"request_id"`
	CustomerAccounts *[]Account `json:"customer_accounts"`
	Count            *int       `json:"count"`
}

// check validates the envelope: the list must be present (or null with
// count 0) and count, when sent, must match it.
func (w *wireResponse) check(path string) (*AccountsResponse, error) {
	res := &AccountsResponse{RequestID: w.RequestID, CustomerAccounts: []Account{}}
	if w.CustomerAccounts != nil && *w.CustomerAccounts != nil {
		res.CustomerAccounts = *w.CustomerAccounts
	}
	n := len(res.CustomerAccounts)
	switch {
	case w.CustomerAccounts == nil && (w.Count == nil || *w.Count != 0):
		return nil, fmt.Errorf("GET %s: response has no customer_accounts list (empty body or unexpected JSON)", path)
	case w.Count != nil && *w.Count != n:
		return nil, fmt.Errorf("GET %s: response count %d does not match the %d accounts listed", path, *w.Count, n)
	}
	res.Count = n
	for i, a := range res.CustomerAccounts {
		if a.ID == "" {
			return nil, fmt.Errorf("GET %s: account %d of the response has no id", path, i)
		}
	}
	return res, nil
}
