package thredd

// Account is one connected account as the API renders it: Finicity
// "CustomerAccount" fields passed through by Thredd (camelCase keys, Unix-second
// dates). Optional fields are pointers and left out of the JSON when nil.
type Account struct {
	ID                     string   `json:"id"`
	Number                 string   `json:"number,omitempty"`
	AccountNumberDisplay   string   `json:"accountNumberDisplay,omitempty"`
	RealAccountNumberLast4 string   `json:"realAccountNumberLast4,omitempty"`
	Name                   string   `json:"name,omitempty"`
	AccountNickname        string   `json:"accountNickname,omitempty"`
	Balance                *float64 `json:"balance,omitempty"`
	Type                   string   `json:"type,omitempty"`
	Status                 string   `json:"status,omitempty"`
	AggregationStatusCode  *int64   `json:"aggregationStatusCode,omitempty"`
	CustomerID             string   `json:"customerId,omitempty"`
	InstitutionID          string   `json:"institutionId,omitempty"`
	InstitutionLoginID     *int64   `json:"institutionLoginId,omitempty"`
	Currency               string   `json:"currency,omitempty"`
	BalanceDate            *int64   `json:"balanceDate,omitempty"`
	AggregationSuccessDate *int64   `json:"aggregationSuccessDate,omitempty"`
	AggregationAttemptDate *int64   `json:"aggregationAttemptDate,omitempty"`
	CreatedDate            *int64   `json:"createdDate,omitempty"`
	LastUpdatedDate        *int64   `json:"lastUpdatedDate,omitempty"`
	LinkedAccountDate      *int64   `json:"linkedAccountDate,omitempty"`
	LastTransactionDate    *int64   `json:"lastTransactionDate,omitempty"`
	OldestTransactionDate  *int64   `json:"oldestTransactionDate,omitempty"`
	DisplayPosition        *int64   `json:"displayPosition,omitempty"`
	MarketSegment          string   `json:"marketSegment,omitempty"`
	Detail                 *Detail  `json:"detail,omitempty"`
}

// Detail is the account detail object; Thredd shows only the snake_case
// available_balance_amount key.
type Detail struct {
	AvailableBalanceAmount *float64 `json:"available_balance_amount,omitempty"`
}

// accountsResponse is the 200 envelope.
type accountsResponse struct {
	RequestID        string    `json:"request_id"`
	CustomerAccounts []Account `json:"customer_accounts"`
	Count            int       `json:"count"`
}

// errorResponse is the error envelope. The real one is undocumented;
// this flat shape is the sandbox's assumption.
type errorResponse struct {
	RequestID string `json:"request_id"`
	Code      string `json:"code"`
	Message   string `json:"message"`
}

// clone returns a deep copy of a, so callers never share the store's pointers.
func (a Account) clone() Account {
	c := a
	for _, p := range []**int64{
		&c.AggregationStatusCode, &c.InstitutionLoginID, &c.BalanceDate, &c.AggregationSuccessDate,
		&c.AggregationAttemptDate, &c.CreatedDate, &c.LastUpdatedDate, &c.LinkedAccountDate,
		&c.LastTransactionDate, &c.OldestTransactionDate, &c.DisplayPosition,
	} {
		*p = clonePtr(*p)
	}
	c.Balance = clonePtr(c.Balance)
	if c.Detail != nil {
		c.Detail = &Detail{AvailableBalanceAmount: clonePtr(c.Detail.AvailableBalanceAmount)}
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneAccounts(in []Account) []Account {
	out := make([]Account, len(in))
	for i, a := range in {
		out[i] = a.clone()
	}
	return out
}
