package obp

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	mrand "math/rand/v2"
	"slices"
)

type user struct {
	id           string
	username     string
	password     string
	email        string
	failedLogins int
}

// maxBadLogins consecutive wrong passwords lock the account.
const maxBadLogins = 5

func (u *user) locked() bool { return u.failedLogins >= maxBadLogins }

type bank struct {
	id        string
	shortName string
	bankCode  string
	fullName  string
	logo      string
	website   string
	bic       string
}

type entitlement struct {
	id     string
	userID string
	bankID string
	role   string
}

// store is the in-memory database. It is not synchronised itself; Server
// holds its mutex around every access.
type store struct {
	users        []*user
	banks        []*bank
	customers    map[string]*Customer
	order        []string // customer ids in creation order
	entitlements []*entitlement
	addresses    []*Address             // creation order
	attributes   []*CustomerAttribute   // creation order
	residences   []*TaxResidence        // creation order
	definitions  []*AttributeDefinition // creation order, every category
	links        []*UserCustomerLink    // creation order
	accounts     []*Account             // creation order, every bank
	grants       []*viewGrant           // non-owner view access
	tokens       map[string]string      // DirectLogin token -> user id
	bearers      map[string]string      // bearer token -> user id
}

func newStore() *store {
	return &store{
		customers: map[string]*Customer{},
		tokens:    map[string]string{},
		bearers:   map[string]string{},
	}
}

func (st *store) userByName(username string) *user {
	for _, u := range st.users {
		if u.username == username {
			return u
		}
	}
	return nil
}

func (st *store) userByID(id string) *user {
	for _, u := range st.users {
		if u.id == id {
			return u
		}
	}
	return nil
}

func (st *store) bank(id string) *bank {
	for _, b := range st.banks {
		if b.id == id {
			return b
		}
	}
	return nil
}

func (st *store) bankExists(id string) bool { return st.bank(id) != nil }

// customersAt returns the customers of a bank in creation order.
func (st *store) customersAt(bankID string) []*Customer {
	var out []*Customer
	for _, id := range st.order {
		if c := st.customers[id]; bankID == "" || c.BankID == bankID {
			out = append(out, c)
		}
	}
	return out
}

func (st *store) customerByNumber(bankID, number string) *Customer {
	for _, c := range st.customersAt(bankID) {
		if c.CustomerNumber == number {
			return c
		}
	}
	return nil
}

// numberTaken reports whether another customer of the bank uses number.
func (st *store) numberTaken(bankID, number, exceptID string) bool {
	c := st.customerByNumber(bankID, number)
	return c != nil && c.CustomerID != exceptID
}

// insertCustomer enforces the unique index and storage limits.
func (st *store) insertCustomer(c Customer) bool {
	if !c.withinStorageLimits() || st.numberTaken(c.BankID, c.CustomerNumber, "") {
		return false
	}
	st.customers[c.CustomerID] = &c
	st.order = append(st.order, c.CustomerID)
	return true
}

// replaceCustomer stores an updated copy when it still fits the constraints.
func (st *store) replaceCustomer(c Customer) bool {
	if !c.withinStorageLimits() || st.numberTaken(c.BankID, c.CustomerNumber, c.CustomerID) {
		return false
	}
	*st.customers[c.CustomerID] = c
	return true
}

// deleteCustomer removes a customer with its addresses, attributes (at
// every bank), tax residences and user links, like OBP's cascade delete.
func (st *store) deleteCustomer(id string) bool {
	if _, ok := st.customers[id]; !ok {
		return false
	}
	delete(st.customers, id)
	for i, v := range st.order {
		if v == id {
			st.order = append(st.order[:i], st.order[i+1:]...)
			break
		}
	}
	remove(&st.addresses, func(a *Address) bool { return a.CustomerID == id })
	remove(&st.attributes, func(a *CustomerAttribute) bool { return a.CustomerID == id })
	remove(&st.residences, func(t *TaxResidence) bool { return t.CustomerID == id })
	remove(&st.links, func(l *UserCustomerLink) bool { return l.CustomerID == id })
	return true
}

// find returns the first element that matches, or nil.
func find[T any](list []*T, match func(*T) bool) *T {
	if i := slices.IndexFunc(list, match); i >= 0 {
		return list[i]
	}
	return nil
}

// filter returns the matching elements in order.
func filter[T any](list []*T, match func(*T) bool) []*T {
	var out []*T
	for _, v := range list {
		if match(v) {
			out = append(out, v)
		}
	}
	return out
}

// remove deletes every matching element and reports whether there was one.
func remove[T any](list *[]*T, match func(*T) bool) bool {
	n := len(*list)
	*list = slices.DeleteFunc(*list, match)
	return len(*list) < n
}

func (st *store) address(id string) *Address {
	return find(st.addresses, func(a *Address) bool { return a.CustomerAddressID == id })
}

func (st *store) addressesOf(customerID string) []*Address {
	return filter(st.addresses, func(a *Address) bool { return a.CustomerID == customerID })
}

// insertAddress stores a new address when it fits the columns.
func (st *store) insertAddress(a Address) bool {
	if !a.withinStorageLimits() {
		return false
	}
	a.Tags = a.storedTags()
	st.addresses = append(st.addresses, &a)
	return true
}

// replaceAddress stores an updated copy when it fits the columns.
func (st *store) replaceAddress(a Address) bool {
	if !a.withinStorageLimits() {
		return false
	}
	a.Tags = a.storedTags()
	*st.address(a.CustomerAddressID) = a
	return true
}

func (st *store) deleteAddress(id string) bool {
	return remove(&st.addresses, func(a *Address) bool { return a.CustomerAddressID == id })
}

func (st *store) attribute(id string) *CustomerAttribute {
	return find(st.attributes, func(a *CustomerAttribute) bool { return a.CustomerAttributeID == id })
}

// attributesOf returns a customer's attributes stored with bankID ("" = any bank).
func (st *store) attributesOf(customerID, bankID string) []*CustomerAttribute {
	return filter(st.attributes, func(a *CustomerAttribute) bool {
		return a.CustomerID == customerID && (bankID == "" || a.BankID == bankID)
	})
}

// saveAttribute inserts or replaces (by id) an attribute that fits the columns.
func (st *store) saveAttribute(a CustomerAttribute) bool {
	if !a.withinStorageLimits() {
		return false
	}
	if stored := st.attribute(a.CustomerAttributeID); stored != nil {
		*stored = a
	} else {
		st.attributes = append(st.attributes, &a)
	}
	return true
}

func (st *store) deleteAttribute(id string) bool {
	return remove(&st.attributes, func(a *CustomerAttribute) bool { return a.CustomerAttributeID == id })
}

func (st *store) residencesOf(customerID string) []*TaxResidence {
	return filter(st.residences, func(t *TaxResidence) bool { return t.CustomerID == customerID })
}

// insertResidence enforces the unique (customer, domain, tax_number) index.
func (st *store) insertResidence(t TaxResidence) bool {
	dup := find(st.residences, func(o *TaxResidence) bool {
		return o.CustomerID == t.CustomerID && o.Domain == t.Domain && o.TaxNumber == t.TaxNumber
	})
	if dup != nil {
		return false
	}
	st.residences = append(st.residences, &t)
	return true
}

func (st *store) deleteResidence(id string) bool {
	return remove(&st.residences, func(t *TaxResidence) bool { return t.TaxResidenceID == id })
}

func (st *store) definition(id string) *AttributeDefinition {
	return find(st.definitions, func(d *AttributeDefinition) bool { return d.AttributeDefinitionID == id })
}

// definitionsWhere returns the definitions of a category ("" = any) stored
// with bankID ("" = any bank).
func (st *store) definitionsWhere(category, bankID string) []*AttributeDefinition {
	return filter(st.definitions, func(d *AttributeDefinition) bool {
		return (category == "" || d.Category == category) && (bankID == "" || d.BankID == bankID)
	})
}

// saveDefinition upserts by the unique (bank, name, category) index: an
// existing definition keeps its id and gets the other fields. It returns
// what was stored, or false when a value does not fit its column.
func (st *store) saveDefinition(d AttributeDefinition) (AttributeDefinition, bool) {
	if !d.withinStorageLimits() {
		return d, false
	}
	d.CanBeSeenOnViews = d.storedViews()
	stored := find(st.definitions, func(o *AttributeDefinition) bool {
		return o.BankID == d.BankID && o.Name == d.Name && o.Category == d.Category
	})
	if stored == nil {
		st.definitions = append(st.definitions, &d)
		return d, true
	}
	d.AttributeDefinitionID = stored.AttributeDefinitionID
	*stored = d
	return d, true
}

func (st *store) deleteDefinition(id string) bool {
	return remove(&st.definitions, func(d *AttributeDefinition) bool { return d.AttributeDefinitionID == id })
}

func (st *store) linksWhere(match func(*UserCustomerLink) bool) []*UserCustomerLink {
	return filter(st.links, match)
}

// linkExists checks the unique (user, customer) index.
func (st *store) linkExists(userID, customerID string) bool {
	return find(st.links, func(l *UserCustomerLink) bool { return l.UserID == userID && l.CustomerID == customerID }) != nil
}

func (st *store) deleteLink(id string) bool {
	return remove(&st.links, func(l *UserCustomerLink) bool { return l.UserCustomerLinkID == id })
}

// addUser creates a local user without roles; nil when the username is taken.
func (st *store) addUser(username, password, email string) *user {
	if st.userByName(username) != nil {
		return nil
	}
	u := &user{id: newUUID(), username: username, password: password, email: email}
	st.users = append(st.users, u)
	return u
}

// randomCustomerNumber picks an unused decimal number in 0..2^31-1.
func (st *store) randomCustomerNumber(bankID string) string {
	for {
		n := fmt.Sprint(mrand.Int32N(1<<31 - 1))
		if !st.numberTaken(bankID, n, "") {
			return n
		}
	}
}

func (st *store) entitlementsOf(userID string) []*entitlement {
	var out []*entitlement
	for _, e := range st.entitlements {
		if e.userID == userID {
			out = append(out, e)
		}
	}
	return out
}

func (st *store) findEntitlement(userID, bankID, role string) *entitlement {
	for _, e := range st.entitlementsOf(userID) {
		if e.bankID == bankID && e.role == role {
			return e
		}
	}
	return nil
}

func (st *store) addEntitlement(userID, bankID, role string) *entitlement {
	if e := st.findEntitlement(userID, bankID, role); e != nil {
		return e
	}
	e := &entitlement{id: newUUID(), userID: userID, bankID: bankID, role: role}
	st.entitlements = append(st.entitlements, e)
	return e
}

func (st *store) removeEntitlement(id string) {
	for i, e := range st.entitlements {
		if e.id == id {
			st.entitlements = append(st.entitlements[:i], st.entitlements[i+1:]...)
			return
		}
	}
}

func (st *store) entitlementByID(id string) *entitlement {
	for _, e := range st.entitlements {
		if e.id == id {
			return e
		}
	}
	return nil
}

// hasRole checks a role at a bank; system roles are held with bank id "".
func (st *store) hasRole(u *user, bankID, role string) bool {
	if isSystemRole(role) {
		bankID = ""
	}
	return st.findEntitlement(u.id, bankID, role) != nil
}

func (st *store) hasAnyRole(u *user, bankID string, roles ...string) bool {
	for _, r := range roles {
		if st.hasRole(u, bankID, r) {
			return true
		}
	}
	return false
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// nameUUID is a UUID-shaped id derived from name: the same name, the same id.
func nameUUID(name string) string {
	b := sha256.Sum256([]byte(name))
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
