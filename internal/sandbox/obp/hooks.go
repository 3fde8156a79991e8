package obp

import "net/http"

// Test hooks. All of them are safe for concurrent use with requests.

// failure is a handler failure that is not an OBP error.
type failure struct {
	match  func(*http.Request) bool
	detail string
}

// FailUnexpectedly makes the requests match accepts fail inside their
// handler with an error that is not an OBP error (an exception on a real
// server), detail being its message; a nil match stops it. The answer is
// the generation's unknown-error answer: 500 OBP-50000 with detail on
// Gen2026, 500 OBP-50015 on Gen2024.
func (s *Server) FailUnexpectedly(match func(*http.Request) bool, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = nil
	if match != nil {
		s.failure = &failure{match: match, detail: detail}
	}
}

// LoginsLimited is how many DirectLogins the login limiter
// (Options.LoginLimitPerMinute) refused with 429 OBP-10061.
func (s *Server) LoginsLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loginsLimited
}

// Customer returns a copy of the stored customer.
func (s *Server) Customer(customerID string) (Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.customers[customerID]
	if !ok {
		return Customer{}, false
	}
	return c.clone(), true
}

// Customers returns copies of a bank's customers in creation order.
func (s *Server) Customers(bankID string) []Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Customer
	for _, id := range s.st.order {
		if c := s.st.customers[id]; c.BankID == bankID {
			out = append(out, c.clone())
		}
	}
	return out
}

// UpdateCustomer changes a customer out of band (no constraint checks). The
// customer id cannot be changed. It returns false for an unknown id.
func (s *Server) UpdateCustomer(customerID string, mutate func(*Customer)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.customers[customerID]
	if !ok {
		return false
	}
	updated := c.clone()
	mutate(&updated)
	updated.CustomerID = customerID
	*c = updated
	return true
}

// DeleteCustomer removes a customer out of band, with its addresses,
// attributes, tax residences and user links (like the cascade delete).
func (s *Server) DeleteCustomer(customerID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteCustomer(customerID)
}

// GrantRole gives a user a role; bankID "" (or any system role) grants it
// system-wide. Unknown users are ignored.
func (s *Server) GrantRole(username, bankID, role string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByName(username); u != nil {
		s.st.addEntitlement(u.id, roleBank(bankID, role), role)
	}
}

// RevokeRole removes a role granted with GrantRole or the API.
func (s *Server) RevokeRole(username, bankID, role string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByName(username); u != nil {
		if e := s.st.findEntitlement(u.id, roleBank(bankID, role), role); e != nil {
			s.st.removeEntitlement(e.id)
		}
	}
}

func roleBank(bankID, role string) string {
	if isSystemRole(role) {
		return ""
	}
	return bankID
}

// AddBearerToken makes `Authorization: Bearer <token>` authenticate as username.
func (s *Server) AddBearerToken(token, username string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByName(username); u != nil {
		s.st.bearers[token] = u.id
	}
}

// ExpireTokens invalidates every DirectLogin token issued so far.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tokens = map[string]string{}
}

// UserID returns the generated id of a user ("" if unknown).
func (s *Server) UserID(username string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByName(username); u != nil {
		return u.id
	}
	return ""
}

// Addresses returns copies of a customer's addresses in creation order.
func (s *Server) Addresses(customerID string) []Address {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Address
	for _, a := range s.st.addressesOf(customerID) {
		out = append(out, a.clone())
	}
	return out
}

// UpdateAddress changes an address out of band (no constraint checks). The
// address id cannot be changed. It returns false for an unknown id.
func (s *Server) UpdateAddress(addressID string, mutate func(*Address)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.address(addressID)
	if a == nil {
		return false
	}
	updated := a.clone()
	mutate(&updated)
	updated.CustomerAddressID = addressID
	*a = updated
	return true
}

// DeleteAddress removes an address out of band.
func (s *Server) DeleteAddress(addressID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteAddress(addressID)
}

// CustomerAttributes returns copies of a customer's attributes (stored with
// any bank) in creation order.
func (s *Server) CustomerAttributes(customerID string) []CustomerAttribute {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []CustomerAttribute
	for _, a := range s.st.attributesOf(customerID, "") {
		out = append(out, *a)
	}
	return out
}

// UpdateCustomerAttribute changes an attribute out of band (no type or
// size checks). The attribute id cannot be changed. It returns false for an
// unknown id.
func (s *Server) UpdateCustomerAttribute(attributeID string, mutate func(*CustomerAttribute)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.attribute(attributeID)
	if a == nil {
		return false
	}
	updated := *a
	mutate(&updated)
	updated.CustomerAttributeID = attributeID
	*a = updated
	return true
}

// DeleteCustomerAttribute removes an attribute out of band.
func (s *Server) DeleteCustomerAttribute(attributeID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteAttribute(attributeID)
}

// TaxResidences returns copies of a customer's tax residences in creation order.
func (s *Server) TaxResidences(customerID string) []TaxResidence {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []TaxResidence
	for _, t := range s.st.residencesOf(customerID) {
		out = append(out, *t)
	}
	return out
}

// DeleteTaxResidence removes a tax residence out of band.
func (s *Server) DeleteTaxResidence(taxResidenceID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteResidence(taxResidenceID)
}

// AttributeDefinitions returns copies of a bank's attribute definitions of
// every category in creation order.
func (s *Server) AttributeDefinitions(bankID string) []AttributeDefinition {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []AttributeDefinition
	for _, d := range s.st.definitionsWhere("", bankID) {
		out = append(out, d.clone())
	}
	return out
}

// UpdateAttributeDefinition changes a definition out of band (no enum, size
// or uniqueness checks). The id cannot be changed. It returns false for an
// unknown id.
func (s *Server) UpdateAttributeDefinition(id string, mutate func(*AttributeDefinition)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.st.definition(id)
	if d == nil {
		return false
	}
	updated := d.clone()
	mutate(&updated)
	updated.AttributeDefinitionID = id
	*d = updated
	return true
}

// DeleteAttributeDefinition removes a definition of any category out of band.
func (s *Server) DeleteAttributeDefinition(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteDefinition(id)
}

// UserCustomerLinks returns copies of a customer's user links in creation order.
func (s *Server) UserCustomerLinks(customerID string) []UserCustomerLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []UserCustomerLink
	for _, l := range s.st.linksWhere(func(l *UserCustomerLink) bool { return l.CustomerID == customerID }) {
		out = append(out, *l)
	}
	return out
}

// DeleteUserCustomerLink removes a user-customer link out of band.
func (s *Server) DeleteUserCustomerLink(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteLink(id)
}

// AddUser creates a local user without roles (email username@example.com)
// and returns its id; "" when the username is taken.
func (s *Server) AddUser(username, password string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.addUser(username, password, username+"@example.com"); u != nil {
		return u.id
	}
	return ""
}

// Accounts returns copies of a bank's accounts in creation order.
func (s *Server) Accounts(bankID string) []Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Account
	for _, a := range s.st.accountsAt(bankID) {
		out = append(out, a.clone())
	}
	return out
}

// AddAccount stores an account out of band (no checks) and returns what was
// stored: an empty BankID becomes DefaultBankID, empty account and attribute
// ids are generated. The owners get the owner view. An account with the
// same bank and account id is replaced.
func (s *Server) AddAccount(a Account) Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	a = a.clone()
	if a.BankID == "" {
		a.BankID = DefaultBankID
	}
	if a.AccountID == "" {
		a.AccountID = newUUID()
	}
	a = a.withIDs()
	s.st.saveAccount(a.clone())
	return a
}

// UpdateAccount changes an account out of band (no checks). The bank and
// account ids cannot be changed; empty attribute ids are generated. It
// returns false for an unknown account.
func (s *Server) UpdateAccount(bankID, accountID string, mutate func(*Account)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.account(bankID, accountID)
	if a == nil {
		return false
	}
	updated := a.clone()
	mutate(&updated)
	updated.BankID, updated.AccountID = bankID, accountID
	*a = updated.clone().withIDs()
	return true
}

// DeleteAccount removes an account out of band, with every view granted on it.
func (s *Server) DeleteAccount(bankID, accountID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.deleteAccount(bankID, accountID)
}

// IssuedTokens returns the DirectLogin tokens issued and not expired, in no
// particular order.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.st.tokens))
	for token := range s.st.tokens {
		out = append(out, token)
	}
	return out
}
