package obp

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Accounts: read endpoints moderated by the caller's views,
// plus account and account-attribute creation for seeding.

// nonFilterParams are the query parameters of GET /banks/{BANK_ID}/accounts
// that are not account attribute filters.
var nonFilterParams = []string{
	"limit", "offset", "sort_direction", "obp_limit", "obp_offset", "obp_sort_direction", "_timestamp_",
}

// attributeFilters maps each attribute name to its accepted values.
func attributeFilters(q url.Values) url.Values {
	out := url.Values{}
	for name, values := range q {
		if !contains(nonFilterParams, name) {
			out[name] = values
		}
	}
	return out
}

// matches reports whether the account has every filtered attribute with one
// of its accepted values.
func (a *Account) matches(filters url.Values) bool {
	for name, values := range filters {
		if !a.hasAttribute(name, values) {
			return false
		}
	}
	return true
}

// listAccountsAtBank handles GET /banks/{BANK_ID}/accounts (v4.0.0): the
// accounts the caller has a view on, as a bare JSON array.
func (s *Server) listAccountsAtBank(c *call) (int, any, error) {
	u, err := s.bankAccess(c)
	if err != nil {
		return 0, nil, err
	}
	p, err := c.page()
	if err != nil {
		return 0, nil, err
	}
	filters := attributeFilters(c.r.URL.Query())
	list := filter(s.st.visibleAccounts(u, c.param("BANK_ID")), func(a *Account) bool { return a.matches(filters) })
	out := make([]basicAccountJSON, 0, len(list))
	for _, a := range window(p, list) {
		out = append(out, basicAccountJSON{
			ID: nullable(a.AccountID), Label: nullable(a.Label), BankID: nullable(a.BankID),
			ViewsAvailable: mapViews(s.st.viewsOf(u, a), view.basic),
		})
	}
	return http.StatusOK, out, nil
}

// accountsHeld handles GET /banks/{BANK_ID}/accounts-held (v3.0.0): the
// accounts the caller owns.
func (s *Server) accountsHeld(c *call) (int, any, error) {
	u, err := s.bankAccess(c)
	if err != nil {
		return 0, nil, err
	}
	out := []accountHeldJSON{}
	for _, a := range s.st.accountsAt(c.param("BANK_ID")) {
		if a.ownedBy(u.id) {
			out = append(out, accountHeldJSON{
				ID: nullable(a.AccountID), Label: nullable(a.Label), BankID: nullable(a.BankID),
				Number: nullable(a.Number), AccountRoutings: a.routingsJSON(),
			})
		}
	}
	return http.StatusOK, map[string]any{"accounts": out}, nil
}

// accountTypeFilter reads account_type_filter (repeatable, comma-separated
// product codes) and account_type_filter_operation (INCLUDE, the default,
// or EXCLUDE).
func accountTypeFilter(q url.Values) func(*Account) bool {
	var types []string
	for _, v := range q["account_type_filter"] {
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				types = append(types, t)
			}
		}
	}
	if len(types) == 0 {
		return func(*Account) bool { return true }
	}
	exclude := strings.EqualFold(q.Get("account_type_filter_operation"), "EXCLUDE")
	return func(a *Account) bool { return contains(types, a.ProductCode) != exclude }
}

// myAccounts handles GET /my/accounts (v3.0.0): the accounts at every bank
// the caller has a view on.
func (s *Server) myAccounts(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	keep := accountTypeFilter(c.r.URL.Query())
	out := []coreAccountJSON{}
	for _, a := range s.st.visibleAccounts(u, "") {
		if keep(a) {
			out = append(out, coreAccountJSON{
				ID: nullable(a.AccountID), Label: nullable(a.Label), BankID: nullable(a.BankID),
				AccountType: nullable(a.ProductCode), AccountRoutings: a.routingsJSON(),
				Views: mapViews(s.st.viewsOf(u, a), view.withDescription),
			})
		}
	}
	return http.StatusOK, map[string]any{"accounts": out}, nil
}

// viewedAccount runs the checks of the single-account reads: auth → bank
// (404) → account (404 OBP-30018) → the caller's access to viewID (403 OBP-20017).
func (s *Server) viewedAccount(c *call, viewID string) (*user, *Account, view, error) {
	u, err := s.bankAccess(c)
	if err != nil {
		return nil, nil, view{}, err
	}
	a, err := s.existingAccount(c)
	if err != nil {
		return nil, nil, view{}, err
	}
	vw, ok := s.st.viewOf(u, a, viewID)
	if !ok {
		return nil, nil, view{}, errNoViewAccess(viewID)
	}
	return u, a, vw, nil
}

// existingAccount looks up BANK_ID/ACCOUNT_ID: 404 OBP-30018 when unknown.
func (s *Server) existingAccount(c *call) (*Account, error) {
	bankID, accountID := c.param("BANK_ID"), c.param("ACCOUNT_ID")
	a := s.st.account(bankID, accountID)
	if a == nil {
		return nil, errAccountNotFound(bankID, accountID)
	}
	return a, nil
}

// ownersJSON lists the account's owners that are known users.
func (s *Server) ownersJSON(c *call, a *Account) []ownerJSON {
	out := []ownerJSON{}
	for _, id := range a.OwnerUserIDs {
		if u := s.st.userByID(id); u != nil {
			out = append(out, ownerJSON{ID: u.id, Provider: c.host(), DisplayName: u.username})
		}
	}
	return out
}

// tagDate is when the sandbox's account tags were put.
const tagDate = "2024-01-15T09:30:00Z"

// tagsJSON renders an account's tags as OBP does, each put by the first owner
// and with an id that stays the same from one read to the next.
func (s *Server) tagsJSON(c *call, a *Account) []accountTagJSON {
	out := []accountTagJSON{}
	owners := s.ownersJSON(c, a)
	for _, value := range a.Tags {
		tag := accountTagJSON{ID: nameUUID(a.AccountID + "/tags/" + value), Value: value, Date: tagDate}
		if len(owners) > 0 {
			tag.User = owners[0]
		}
		out = append(out, tag)
	}
	return out
}

// getFullAccount handles GET /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/{VIEW_ID}/account (v4.0.0).
func (s *Server) getFullAccount(c *call) (int, any, error) {
	u, a, vw, err := s.viewedAccount(c, c.param("VIEW_ID"))
	if err != nil {
		return 0, nil, err
	}
	productCode, balance := a.moneyFor(vw)
	return http.StatusOK, fullAccountJSON{
		ID: nullable(a.AccountID), Label: nullable(a.Label), Number: nullable(a.Number),
		Owners: s.ownersJSON(c, a), ProductCode: productCode, Balance: balance,
		ViewsAvailable: mapViews(s.st.viewsOf(u, a), view.full), BankID: nullable(a.BankID),
		AccountRoutings: a.routingsJSON(), AccountAttributes: a.attributesJSON(),
		Tags: s.tagsJSON(c, a),
	}, nil
}

// getCoreAccountByView handles GET /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/views/{VIEW_ID} (v5.1.0).
func (s *Server) getCoreAccountByView(c *call) (int, any, error) {
	return s.coreAccount(c, c.param("VIEW_ID"))
}

// getMyCoreAccount handles GET /my/banks/{BANK_ID}/accounts/{ACCOUNT_ID}/account
// (v4.0.0): the core account through the owner view.
func (s *Server) getMyCoreAccount(c *call) (int, any, error) {
	return s.coreAccount(c, viewOwner)
}

func (s *Server) coreAccount(c *call, viewID string) (int, any, error) {
	u, a, vw, err := s.viewedAccount(c, viewID)
	if err != nil {
		return 0, nil, err
	}
	productCode, balance := a.moneyFor(vw)
	return http.StatusOK, moderatedCoreAccountJSON{
		ID: nullable(a.AccountID), BankID: nullable(a.BankID), Label: nullable(a.Label),
		Number: nullable(a.Number), ProductCode: productCode, Balance: balance,
		AccountRoutings: a.routingsJSON(),
		ViewsBasic:      mapViews(s.st.viewsOf(u, a), func(vw view) string { return vw.id }),
	}, nil
}

var (
	accountIDShape = regexp.MustCompile(`^[A-Za-z0-9._-]{1,254}$`)
	decimalShape   = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	currencyShape  = regexp.MustCompile(`^[A-Z]{3}$`)
)

// currencyDecimals are the ISO 4217 minor units that differ from 2.
var currencyDecimals = map[string]int{
	"BIF": 0, "CLP": 0, "ISK": 0, "JPY": 0, "KRW": 0, "PYG": 0, "UGX": 0, "VND": 0, "XAF": 0, "XOF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// zeroAmount renders a zero balance with the currency's minor units ("0.00").
func zeroAmount(currency string) string {
	digits, ok := currencyDecimals[currency]
	if !ok {
		digits = 2
	}
	return strconv.FormatFloat(0, 'f', digits, 64)
}

// decodeNewAccount reads CreateAccountRequestJsonV500: label and
// product_code required; user_id, balance (default EUR 0), branch_id and
// account_routings optional and silently dropped when mistyped. The initial
// balance must be a zero number in a three-letter currency.
func decodeNewAccount(raw []byte) (a Account, userID string, err error) {
	r := newFieldReader(raw, "CreateAccountRequestJsonV500")
	a.Label, a.ProductCode = r.str("label"), r.str("product_code")
	if err := r.err(); err != nil {
		return a, "", err
	}
	o := r.obj
	userID, _ = o.str("user_id")
	a.BranchID, _ = o.str("branch_id")
	a.Routings, _ = o.routings("account_routings")
	balance, ok := o.money("balance")
	if !ok {
		balance = Money{Currency: "EUR", Amount: "0"}
	}
	if !decimalShape.MatchString(balance.Amount) {
		return a, "", newError(http.StatusBadRequest, msgInvalidInitialBalance)
	}
	if f, _ := strconv.ParseFloat(balance.Amount, 64); f != 0 {
		return a, "", newError(http.StatusBadRequest, msgInitialBalanceNotZero)
	}
	if !currencyShape.MatchString(balance.Currency) {
		return a, "", newError(http.StatusBadRequest, msgInvalidCurrencyCode+"Current currency is "+balance.Currency)
	}
	a.Currency, a.Balance = balance.Currency, zeroAmount(balance.Currency)
	return a, userID, nil
}

// createAccount handles PUT /banks/{BANK_ID}/accounts/{ACCOUNT_ID} (v5.0.0):
// auth → bank → account id format → body → owner exists → CanCreateAccount
// unless creating for oneself → unused id → 201 CreateAccountResponseJsonV310.
func (s *Server) createAccount(c *call) (int, any, error) {
	u, err := s.bankAccess(c)
	if err != nil {
		return 0, nil, err
	}
	bankID, accountID := c.param("BANK_ID"), c.param("ACCOUNT_ID")
	if !accountIDShape.MatchString(accountID) {
		return 0, nil, newError(http.StatusBadRequest, msgInvalidAccountIDFormat)
	}
	a, ownerID, err := decodeNewAccount(c.raw)
	if err != nil {
		return 0, nil, err
	}
	if ownerID == "" {
		ownerID = u.id
	}
	if s.st.userByID(ownerID) == nil {
		return 0, nil, newError(http.StatusNotFound, msgUserNotFoundByUserID+" Current UserId("+ownerID+")")
	}
	if ownerID != u.id && !s.st.hasRole(u, bankID, roleCreateAccount) {
		return 0, nil, errMissingRoles(bankID, roleCreateAccount)
	}
	if s.st.account(bankID, accountID) != nil {
		return 0, nil, newError(http.StatusBadRequest, msgAccountIDExists)
	}
	a.BankID, a.AccountID, a.OwnerUserIDs = bankID, accountID, []string{ownerID}
	s.st.saveAccount(a)
	return http.StatusCreated, createdAccountJSON{
		AccountID: a.AccountID, UserID: ownerID, Label: a.Label, ProductCode: a.ProductCode,
		Balance: Money{Currency: a.Currency, Amount: a.Balance}, BranchID: a.BranchID,
		AccountRoutings: append([]Routing{}, a.Routings...), AccountAttributes: a.attributesJSON(),
	}, nil
}

// createAccountAttribute handles POST
// /banks/{BANK_ID}/accounts/{ACCOUNT_ID}/products/{PRODUCT_CODE}/attribute
// (v3.1.0 inline checks): auth → bank → role → account → product → body →
// type → 201. The sandbox has no product catalogue: PRODUCT_CODE must be the
// account's product code.
func (s *Server) createAccountAttribute(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleCreateAccountAttribute); err != nil {
		return 0, nil, err
	}
	a, err := s.existingAccount(c)
	if err != nil {
		return 0, nil, err
	}
	if code := c.param("PRODUCT_CODE"); code != a.ProductCode {
		return 0, nil, newError(http.StatusNotFound, msgProductNotFound+" Current PRODUCT_CODE("+code+")")
	}
	body, err := decodeAttribute(c.raw, "AccountAttributeJson")
	if err != nil {
		return 0, nil, err
	}
	at := AccountAttribute{ID: newUUID(), Name: body.Name, Type: body.Type, Value: body.Value}
	a.Attributes = append(a.Attributes, at)
	return http.StatusCreated, a.attributeJSON(at), nil
}
