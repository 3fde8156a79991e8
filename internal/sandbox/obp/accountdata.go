package obp

import "slices"

// Account is a stored bank account. (BankID, AccountID) is
// unique. Balance is a decimal string ("0.00"); ProductCode is the account
// type. Every user in OwnerUserIDs holds the account and has its owner view.
type Account struct {
	BankID       string
	AccountID    string
	Label        string
	Number       string
	ProductCode  string
	Currency     string
	Balance      string
	BranchID     string
	OwnerUserIDs []string
	Routings     []Routing
	Attributes   []AccountAttribute
	Tags         []string
}

// Routing is an account routing, e.g. {IBAN, DE89…}. The JSON tags are the
// plain-string shape of the account-creation response.
type Routing struct {
	Scheme  string `json:"scheme"`
	Address string `json:"address"`
}

// AccountAttribute is an account attribute; its product code is the
// account's ProductCode.
type AccountAttribute struct {
	ID    string
	Name  string
	Type  string
	Value string
}

func (a Account) clone() Account {
	a.OwnerUserIDs = slices.Clone(a.OwnerUserIDs)
	a.Routings = slices.Clone(a.Routings)
	a.Attributes = slices.Clone(a.Attributes)
	a.Tags = slices.Clone(a.Tags)
	return a
}

// withIDs fills the empty attribute ids.
func (a Account) withIDs() Account {
	for i := range a.Attributes {
		if a.Attributes[i].ID == "" {
			a.Attributes[i].ID = newUUID()
		}
	}
	return a
}

// hasAttribute reports whether the account has an attribute name with one of values.
func (a *Account) hasAttribute(name string, values []string) bool {
	return slices.ContainsFunc(a.Attributes, func(at AccountAttribute) bool {
		return at.Name == name && contains(values, at.Value)
	})
}

func (a *Account) ownedBy(userID string) bool { return contains(a.OwnerUserIDs, userID) }

// view is a system view. Only the ones the sandbox grants exist: owner
// (everything) and public (no balance, no product code).
type view struct {
	id            string
	shortName     string
	description   string
	isPublic      bool
	canSeeBalance bool
}

const (
	viewOwner  = "owner"
	viewPublic = "public"
)

// systemViews in the order views are listed.
var systemViews = []view{
	{id: viewOwner, shortName: "Owner", description: "The owner of the account. Has full privileges.", canSeeBalance: true},
	{id: viewPublic, shortName: "Public", description: "A public view of the account without its balance.", isPublic: true},
}

// viewGrant gives a user a view (other than owner, which follows
// ownership) on one account.
type viewGrant struct {
	userID    string
	bankID    string
	accountID string
	viewID    string
}

func (st *store) account(bankID, accountID string) *Account {
	return find(st.accounts, func(a *Account) bool { return a.BankID == bankID && a.AccountID == accountID })
}

// accountsAt returns a bank's accounts ("" = every bank) in creation order.
func (st *store) accountsAt(bankID string) []*Account {
	return filter(st.accounts, func(a *Account) bool { return bankID == "" || a.BankID == bankID })
}

// saveAccount inserts an account or replaces the one with the same ids.
func (st *store) saveAccount(a Account) {
	if stored := st.account(a.BankID, a.AccountID); stored != nil {
		*stored = a
		return
	}
	st.accounts = append(st.accounts, &a)
}

// deleteAccount removes an account with its view grants.
func (st *store) deleteAccount(bankID, accountID string) bool {
	remove(&st.grants, func(g *viewGrant) bool { return g.bankID == bankID && g.accountID == accountID })
	return remove(&st.accounts, func(a *Account) bool { return a.BankID == bankID && a.AccountID == accountID })
}

func (st *store) grantView(userID, bankID, accountID, viewID string) {
	if !st.hasGrant(userID, bankID, accountID, viewID) {
		st.grants = append(st.grants, &viewGrant{userID: userID, bankID: bankID, accountID: accountID, viewID: viewID})
	}
}

func (st *store) hasGrant(userID, bankID, accountID, viewID string) bool {
	return find(st.grants, func(g *viewGrant) bool {
		return g.userID == userID && g.bankID == bankID && g.accountID == accountID && g.viewID == viewID
	}) != nil
}

// viewsOf lists the views u has on the account, in systemViews order.
func (st *store) viewsOf(u *user, a *Account) []view {
	var out []view
	for _, vw := range systemViews {
		if (vw.id == viewOwner && a.ownedBy(u.id)) || st.hasGrant(u.id, a.BankID, a.AccountID, vw.id) {
			out = append(out, vw)
		}
	}
	return out
}

// viewOf returns the view viewID when u has it on the account.
func (st *store) viewOf(u *user, a *Account, viewID string) (view, bool) {
	for _, vw := range st.viewsOf(u, a) {
		if vw.id == viewID {
			return vw, true
		}
	}
	return view{}, false
}

// visibleAccounts are the accounts of a bank ("" = every bank) u has a view on.
func (st *store) visibleAccounts(u *user, bankID string) []*Account {
	return filter(st.accountsAt(bankID), func(a *Account) bool { return len(st.viewsOf(u, a)) > 0 })
}

// Account JSON: empty strings render as null.

type balanceJSON struct {
	Currency *string `json:"currency"`
	Amount   *string `json:"amount"`
}

type basicViewJSON struct {
	ID        string `json:"id"`
	ShortName string `json:"short_name"`
	IsPublic  bool   `json:"is_public"`
}

type viewBasicJSON struct {
	ID          string `json:"id"`
	ShortName   string `json:"short_name"`
	Description string `json:"description"`
	IsPublic    bool   `json:"is_public"`
}

// viewJSON is the subset of ViewJsonV300 the sandbox renders.
type viewJSON struct {
	ID                       string `json:"id"`
	ShortName                string `json:"short_name"`
	Description              string `json:"description"`
	MetadataView             string `json:"metadata_view"`
	IsPublic                 bool   `json:"is_public"`
	IsSystem                 bool   `json:"is_system"`
	Alias                    string `json:"alias"`
	HideMetadataIfAliasUsed  bool   `json:"hide_metadata_if_alias_used"`
	CanSeeBankAccountBalance bool   `json:"can_see_bank_account_balance"`
}

func (vw view) basic() basicViewJSON {
	return basicViewJSON{ID: vw.id, ShortName: vw.shortName, IsPublic: vw.isPublic}
}

func (vw view) withDescription() viewBasicJSON {
	return viewBasicJSON{ID: vw.id, ShortName: vw.shortName, Description: vw.description, IsPublic: vw.isPublic}
}

func (vw view) full() viewJSON {
	alias := ""
	if vw.isPublic {
		alias = "public"
	}
	return viewJSON{ID: vw.id, ShortName: vw.shortName, Description: vw.description, MetadataView: vw.id,
		IsPublic: vw.isPublic, IsSystem: true, Alias: alias, CanSeeBankAccountBalance: vw.canSeeBalance}
}

// mapViews renders views with one of the view JSON shapes.
func mapViews[T any](views []view, render func(view) T) []T {
	out := make([]T, 0, len(views))
	for _, vw := range views {
		out = append(out, render(vw))
	}
	return out
}

func (a *Account) routingsJSON() []routingJSON {
	out := make([]routingJSON, 0, len(a.Routings))
	for _, r := range a.Routings {
		out = append(out, routingJSON{Scheme: nullable(r.Scheme), Address: nullable(r.Address)})
	}
	return out
}

// accountAttributeJSON is AccountAttributeResponseJson (product_instance_code omitted).
type accountAttributeJSON struct {
	ProductCode        string `json:"product_code"`
	AccountAttributeID string `json:"account_attribute_id"`
	Name               string `json:"name"`
	Type               string `json:"type"`
	Value              string `json:"value"`
}

func (a *Account) attributeJSON(at AccountAttribute) accountAttributeJSON {
	return accountAttributeJSON{ProductCode: a.ProductCode, AccountAttributeID: at.ID, Name: at.Name, Type: at.Type, Value: at.Value}
}

func (a *Account) attributesJSON() []accountAttributeJSON {
	out := make([]accountAttributeJSON, 0, len(a.Attributes))
	for _, at := range a.Attributes {
		out = append(out, a.attributeJSON(at))
	}
	return out
}

// moneyFor is the product code and balance as the view lets them be seen.
func (a *Account) moneyFor(vw view) (*string, *balanceJSON) {
	if !vw.canSeeBalance {
		return nil, nil
	}
	return nullable(a.ProductCode), &balanceJSON{Currency: nullable(a.Currency), Amount: nullable(a.Balance)}
}

// basicAccountJSON is the item of the v4.0.0 bare account list.
type basicAccountJSON struct {
	ID             *string         `json:"id"`
	Label          *string         `json:"label"`
	BankID         *string         `json:"bank_id"`
	ViewsAvailable []basicViewJSON `json:"views_available"`
}

// accountHeldJSON is the item of accounts-held.
type accountHeldJSON struct {
	ID              *string       `json:"id"`
	Label           *string       `json:"label"`
	BankID          *string       `json:"bank_id"`
	Number          *string       `json:"number"`
	AccountRoutings []routingJSON `json:"account_routings"`
}

// coreAccountJSON is the item of /my/accounts.
type coreAccountJSON struct {
	ID              *string         `json:"id"`
	Label           *string         `json:"label"`
	BankID          *string         `json:"bank_id"`
	AccountType     *string         `json:"account_type"`
	AccountRoutings []routingJSON   `json:"account_routings"`
	Views           []viewBasicJSON `json:"views"`
}

type ownerJSON struct {
	ID          string `json:"id"`
	Provider    string `json:"provider"`
	DisplayName string `json:"display_name"`
}

// fullAccountJSON is the v4.0.0 account seen through a view.
type fullAccountJSON struct {
	ID                *string                `json:"id"`
	Label             *string                `json:"label"`
	Number            *string                `json:"number"`
	Owners            []ownerJSON            `json:"owners"`
	ProductCode       *string                `json:"product_code"`
	Balance           *balanceJSON           `json:"balance"`
	ViewsAvailable    []viewJSON             `json:"views_available"`
	BankID            *string                `json:"bank_id"`
	AccountRoutings   []routingJSON          `json:"account_routings"`
	AccountAttributes []accountAttributeJSON `json:"account_attributes"`
	Tags              []accountTagJSON       `json:"tags"`
}

// accountTagJSON is OBP's AccountTagJSON: a tag with who put it and when.
type accountTagJSON struct {
	ID    string    `json:"id"`
	Value string    `json:"value"`
	Date  string    `json:"date"`
	User  ownerJSON `json:"user"`
}

// moderatedCoreAccountJSON is the core account seen through a view.
type moderatedCoreAccountJSON struct {
	ID              *string       `json:"id"`
	BankID          *string       `json:"bank_id"`
	Label           *string       `json:"label"`
	Number          *string       `json:"number"`
	ProductCode     *string       `json:"product_code"`
	Balance         *balanceJSON  `json:"balance"`
	AccountRoutings []routingJSON `json:"account_routings"`
	ViewsBasic      []string      `json:"views_basic"`
}

// createdAccountJSON is CreateAccountResponseJsonV310: plain strings.
type createdAccountJSON struct {
	AccountID         string                 `json:"account_id"`
	UserID            string                 `json:"user_id"`
	Label             string                 `json:"label"`
	ProductCode       string                 `json:"product_code"`
	Balance           Money                  `json:"balance"`
	BranchID          string                 `json:"branch_id"`
	AccountRoutings   []Routing              `json:"account_routings"`
	AccountAttributes []accountAttributeJSON `json:"account_attributes"`
}
