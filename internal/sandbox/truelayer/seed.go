package truelayer

// Seeded credentials and connections.
const (
	// ClientID and ClientSecret are the only client credentials the token endpoint accepts.
	ClientID     = "sandbox-openbanking-1a2b3c"
	ClientSecret = "sandbox-secret-9f8e7d6c5b4a"
	// ConnectionID has five accounts: current/savings, retail/business,
	// GBP/EUR, sort code and/or IBAN, single and joint holders.
	ConnectionID = "3f2a7c1e-5b8d-4e9a-9c0b-1d2e3f4a5b6c"
	// EmptyConnectionID is authorised for accounts but has none.
	EmptyConnectionID = "0a0b0c0d-0000-4000-8000-000000000000"
	// NoAccountsScopeConnectionID lacks the accounts scope (403 forbidden).
	NoAccountsScopeConnectionID = "7e7e7e7e-1111-4111-8111-111111111111"
	// RevokedConnectionID is no longer authorised (400 invalid-state).
	RevokedConnectionID = "9d9d9d9d-2222-4222-8222-222222222222"
)

// Account is one connected account as the Data API renders it.
type Account struct {
	ID                 string              `json:"id"`
	AccountType        string              `json:"account_type"`
	CustomerSegment    string              `json:"customer_segment"`
	Currency           string              `json:"currency"`
	AccountIdentifiers []AccountIdentifier `json:"account_identifiers"`
	BIC                string              `json:"bic,omitempty"`
	AccountHolderNames []string            `json:"account_holder_names"`
}

// AccountIdentifier is a sort_code_account_number or iban identifier set.
type AccountIdentifier struct {
	Type          string `json:"type"`
	SortCode      string `json:"sort_code,omitempty"`
	AccountNumber string `json:"account_number,omitempty"`
	IBAN          string `json:"iban,omitempty"`
}

func (a Account) clone() Account {
	a.AccountIdentifiers = append([]AccountIdentifier{}, a.AccountIdentifiers...)
	a.AccountHolderNames = append([]string{}, a.AccountHolderNames...)
	return a
}

// connection is a data connection with its consented scopes.
type connection struct {
	id       string
	scopes   map[string]bool
	revoked  bool
	accounts []Account
}

func sortCode(code, number string) AccountIdentifier {
	return AccountIdentifier{Type: "sort_code_account_number", SortCode: code, AccountNumber: number}
}

func iban(v string) AccountIdentifier { return AccountIdentifier{Type: "iban", IBAN: v} }

// seed builds a fresh set of connections for one server.
func seed() map[string]*connection {
	all := map[string]bool{"info": true, "accounts": true, "balance": true, "transactions": true}
	conns := []*connection{
		{id: ConnectionID, scopes: all, accounts: seedAccounts()},
		{id: EmptyConnectionID, scopes: all, accounts: []Account{}},
		{id: NoAccountsScopeConnectionID, scopes: map[string]bool{"info": true, "balance": true}},
		{id: RevokedConnectionID, scopes: all, revoked: true, accounts: seedAccounts()[:1]},
	}
	out := make(map[string]*connection, len(conns))
	for _, c := range conns {
		out[c.id] = c
	}
	return out
}

func seedAccounts() []Account {
	return []Account{
		{
			ID: "56c7b029e0f8ec5a2334fb0ffc2fface", AccountType: "current", CustomerSegment: "retail", Currency: "GBP",
			AccountIdentifiers: []AccountIdentifier{sortCode("040004", "00000001"), iban("GB33TEST04000400000001")},
			BIC:                "TESTGB2LXXX", AccountHolderNames: []string{"Jane Doe"},
		},
		{
			ID: "8a1f3c5e7b9d4f2a6c8e0b1d3f5a7c9e", AccountType: "savings", CustomerSegment: "retail", Currency: "GBP",
			AccountIdentifiers: []AccountIdentifier{sortCode("040004", "00000002")},
			AccountHolderNames: []string{"Jane Doe", "John Doe"},
		},
		{
			ID: "b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2", AccountType: "current", CustomerSegment: "business", Currency: "GBP",
			AccountIdentifiers: []AccountIdentifier{sortCode("200000", "55779911"), iban("GB94TEST20000055779911")},
			BIC:                "TESTGB22XXX", AccountHolderNames: []string{"Doe Trading Ltd"},
		},
		{
			ID: "c3e5a7b9d1f3c5e7a9b1d3f5c7e9a1b3", AccountType: "current", CustomerSegment: "retail", Currency: "EUR",
			AccountIdentifiers: []AccountIdentifier{iban("GB12TEST04000412345678")},
			BIC:                "TESTGB2LXXX", AccountHolderNames: []string{"Jane Doe", "John Doe"},
		},
		{
			ID: "d4f6b8c0e2a4d6f8b0c2e4a6d8f0b2c4", AccountType: "savings", CustomerSegment: "business", Currency: "EUR",
			AccountIdentifiers: []AccountIdentifier{iban("GB45TEST20000087654321")},
			AccountHolderNames: []string{},
		},
	}
}
