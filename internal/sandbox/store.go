package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	mrand "math/rand/v2"
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
	tokens       map[string]string // DirectLogin token -> user id
	bearers      map[string]string // bearer token -> user id
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
	return true
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

func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
