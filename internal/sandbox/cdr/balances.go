package cdr

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// BalancesPath is Get Balances For Specific Accounts (POST) relative to the
// resourceBaseUri.
const BalancesPath = AccountsPath + "/balances"

// Balance is BankingBalance. Optional fields are omitted when empty.
type Balance struct {
	AccountID        string  `json:"accountId"`
	CurrentBalance   string  `json:"currentBalance"`
	AvailableBalance string  `json:"availableBalance"`
	CreditLimit      string  `json:"creditLimit,omitempty"`
	AmortisedLimit   string  `json:"amortisedLimit,omitempty"`
	Currency         string  `json:"currency,omitempty"`
	Purses           []Purse `json:"purses,omitempty"`
}

// Purse is BankingBalancePurse.
type Purse struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency,omitempty"`
}

// balancesResponse is ResponseBankingAccountsBalanceList.
type balancesResponse struct {
	Data struct {
		Balances []Balance `json:"balances"`
	} `json:"data"`
	Links links `json:"links"`
	Meta  meta  `json:"meta"`
}

// owing are the categories whose current balance is money the customer owes.
var owing = map[string]bool{
	"BUSINESS_LOANS": true, "CRED_AND_CHRG_CARDS": true, "LEASES": true, "MARGIN_LOANS": true, "OVERDRAFTS": true,
	"PERS_LOANS": true, "RESIDENTIAL_MORTGAGES": true, "TRADE_FINANCE": true, categoryBNPL: true,
}

// revolving are the owing categories with a credit limit.
var revolving = map[string]bool{"CRED_AND_CHRG_CARDS": true, "OVERDRAFTS": true, categoryBNPL: true}

// seedBalance is the balance of the account at index i: negative for
// lending, a credit limit on revolving credit, the currency absent on every
// other account (AUD), and a travel card in USD with a EUR purse.
func seedBalance(i int, a Account) Balance {
	cents := 1000 + i*7919%500000
	b := Balance{
		AccountID:        a.AccountID,
		CurrentBalance:   amount(cents),
		AvailableBalance: amount(cents - cents%5000),
	}
	switch {
	case revolving[a.ProductCategory]:
		limit := (cents/100000 + 1) * 100000
		b.CurrentBalance, b.AvailableBalance, b.CreditLimit = amount(-cents), amount(limit-cents), amount(limit)
	case owing[a.ProductCategory]:
		b.CurrentBalance, b.AvailableBalance, b.AmortisedLimit = amount(-cents), amount(0), amount(cents/10)
	}
	if i%2 == 1 {
		b.Currency = "AUD"
	}
	if a.ProductCategory == "TRAVEL_CARDS" {
		b.Currency = "USD"
		b.Purses = []Purse{{Amount: amount(cents / 2), Currency: "EUR"}}
	}
	return b
}

// amount renders cents as an AmountString.
func amount(cents int) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// Balances returns the balance of every account the server holds, in the
// order of Accounts.
func (s *Server) Balances() []Balance {
	out := make([]Balance, len(s.accounts))
	for i, a := range s.accounts {
		out[i] = seedBalance(i, a)
	}
	return out
}

// serveOther answers the paths other than Get Accounts.
func (s *Server) serveOther(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != BalancesPath {
		writeError(w, http.StatusNotFound, CodeNotFound, "Resource not found: "+r.URL.Path)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, CodeExpected, "Method not allowed: "+r.Method)
		return
	}
	s.listBalances(w, r)
}

func (s *Server) listBalances(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.begin(w, r, s.balanceVersions()); !ok {
		return
	}
	q := query{page: 1, pageSize: DefaultPageSize}
	err := s.checkParams(r.URL.Query(), pagingParams)
	if err == nil {
		err = s.parsePaging(r.URL.Query(), &q)
	}
	if err != nil {
		err.write(w)
		return
	}
	resp, err := s.balancesPage(r, q)
	if err != nil {
		err.write(w)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) balanceVersions() []int {
	if len(s.opts.BalanceVersions) == 0 {
		return []int{1}
	}
	return s.opts.BalanceVersions
}

// balancesPage is page q of the balances of the accounts the body names.
func (s *Server) balancesPage(r *http.Request, q query) (*balancesResponse, *apiError) {
	ids, err := readAccountIDs(r.Body)
	if err != nil {
		return nil, err
	}
	balances, err := s.balancesOf(ids)
	if err != nil {
		return nil, err
	}
	p, err := paginate(s, r, q, balances)
	if err != nil {
		return nil, err
	}
	resp := &balancesResponse{Links: p.links, Meta: p.meta}
	resp.Data.Balances = p.items
	return resp, nil
}

// readAccountIDs decodes RequestAccountIdListV1.
func readAccountIDs(body io.Reader) ([]string, *apiError) {
	var req struct {
		Data *struct {
			AccountIDs []string `json:"accountIds"`
		} `json:"data"`
	}
	if err := json.NewDecoder(io.LimitReader(body, 1<<20)).Decode(&req); err != nil {
		return nil, fail(http.StatusBadRequest, CodeFieldInvalid, "The request body is not a RequestAccountIdList JSON object.")
	}
	if req.Data == nil || req.Data.AccountIDs == nil {
		return nil, fail(http.StatusBadRequest, CodeFieldMissing, "Field 'data.accountIds' is missing.")
	}
	return req.Data.AccountIDs, nil
}

// balancesOf are the balances of ids in their order, each account once; an
// id the server does not hold is an error.
func (s *Server) balancesOf(ids []string) ([]Balance, *apiError) {
	index := make(map[string]int, len(s.accounts))
	for i, a := range s.accounts {
		index[a.AccountID] = i
	}
	out := make([]Balance, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		i, ok := index[id]
		if !ok {
			return nil, fail(http.StatusUnprocessableEntity, CodeInvalidBankingAccount, id)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, seedBalance(i, s.accounts[i]))
		}
	}
	return out, nil
}
