package obp

// Seed data of every new Server.
const (
	DefaultBankID  = "demo.bank.01"
	SecondBankID   = "demo.bank.02"
	AdminUsername  = "sandbox.admin"
	AdminPassword  = "Sandbox-Admin-Pass-1"
	NoRoleUsername = "sandbox.viewer"
	NoRolePassword = "Sandbox-Viewer-Pass-1"
	OwnerUsername  = "sandbox.owner" // owns the account the admin sees through the public view
	OwnerPassword  = "Sandbox-Owner-Pass-1"
	ConsumerKey    = "sandbox-consumer-key-0001"
)

// seed fills a new store. The admin holds every bank role at both banks,
// under the names gen checks (the 2026 migration renamed held entitlements).
func seed(st *store, gen Generation) {
	st.banks = []*bank{
		{id: DefaultBankID, shortName: "Demo Bank 01", bankCode: "DEMO01", fullName: "Demo Bank 01 (OBP sandbox)",
			website: "https://www.example.com/demo-bank-01", bic: "DEMOGB2L"},
		{id: SecondBankID, shortName: "Demo Bank 02", bankCode: "DEMO02", fullName: "Demo Bank 02 (OBP sandbox)"},
	}
	admin := &user{id: newUUID(), username: AdminUsername, password: AdminPassword, email: "sandbox.admin@example.com"}
	viewer := &user{id: newUUID(), username: NoRoleUsername, password: NoRolePassword, email: "sandbox.viewer@example.com"}
	owner := &user{id: newUUID(), username: OwnerUsername, password: OwnerPassword, email: "sandbox.owner@example.com"}
	st.users = []*user{admin, viewer, owner}
	for _, b := range st.banks {
		for _, role := range gen.roles(bankRoles...) {
			st.addEntitlement(admin.id, b.id, role)
		}
	}
	for _, role := range gen.roles(adminSystemRoles...) {
		st.addEntitlement(admin.id, "", role)
	}
	seedAccounts(st, admin.id, viewer.id, owner.id)
}

// Seeded account ids.
const (
	PublicAccountID = "demo-public-01" // OwnerUsername's, the admin has only its public view
	ViewerAccountID = "demo-viewer-current-eur"
)

func seedAccounts(st *store, adminID, viewerID, ownerID string) {
	attr := func(name, typ, value string) AccountAttribute {
		return AccountAttribute{Name: name, Type: typ, Value: value}
	}
	iban := func(address string) Routing { return Routing{Scheme: "IBAN", Address: address} }
	bban := func(address string) Routing { return Routing{Scheme: "BBAN", Address: address} }
	sortCode := func(address string) Routing { return Routing{Scheme: "SortCode", Address: address} }
	number := func(address string) Routing { return Routing{Scheme: "ACCOUNT_NUMBER", Address: address} }
	admin := []string{adminID}
	accounts := []Account{
		{BankID: DefaultBankID, AccountID: "demo-current-eur-01", Label: "Everyday EUR", Number: "DE89370400440532013000",
			ProductCode: "CURRENT", Currency: "EUR", Balance: "1520.35", BranchID: "branch-berlin-01", OwnerUserIDs: admin,
			Routings:   []Routing{iban("DE89370400440532013000")},
			Attributes: []AccountAttribute{attr("SEGMENT", "STRING", "retail"), attr("OVERDRAFT_LIMIT", "INTEGER", "500")},
			Tags:       []string{"personal", "primary"}},
		{BankID: DefaultBankID, AccountID: "demo-current-gbp-01", Label: "Everyday GBP", Number: "31926819",
			ProductCode: "CURRENT", Currency: "GBP", Balance: "842.10", BranchID: "branch-london-01", OwnerUserIDs: admin,
			Routings:   []Routing{iban("GB29NWBK60161331926819"), bban("NWBK60161331926819"), sortCode("601613")},
			Attributes: []AccountAttribute{attr("SEGMENT", "STRING", "retail"), attr("RISK_CLASS", "STRING", "low")},
			Tags:       []string{"personal"}},
		{BankID: DefaultBankID, AccountID: "demo-current-usd-01", Label: "Travel USD", Number: "000123456789",
			ProductCode: "CURRENT", Currency: "USD", Balance: "300.00", OwnerUserIDs: admin,
			Routings:   []Routing{number("000123456789")},
			Attributes: []AccountAttribute{attr("SEGMENT", "STRING", "business")}},
		{BankID: DefaultBankID, AccountID: "demo-savings-eur-01", Label: "Rainy Day Savings", Number: "DE02120300000000202051",
			ProductCode: "SAVINGS", Currency: "EUR", Balance: "10250.00", BranchID: "branch-berlin-01", OwnerUserIDs: admin,
			Routings:   []Routing{iban("DE02120300000000202051")},
			Attributes: []AccountAttribute{attr("SEGMENT", "STRING", "retail"), attr("INTEREST_RATE", "DOUBLE", "1.25")},
			Tags:       []string{"savings"}},
		{BankID: DefaultBankID, AccountID: "demo-savings-gbp-01", Label: "ISA GBP", Number: "41926820",
			ProductCode: "SAVINGS", Currency: "GBP", Balance: "5000.00", BranchID: "branch-london-01", OwnerUserIDs: admin,
			Routings:   []Routing{bban("NWBK60161341926820"), sortCode("601613")},
			Attributes: []AccountAttribute{attr("INTEREST_RATE", "DOUBLE", "2.10"), attr("OPENED", "DATE_WITH_DAY", "2021-04-06")}},
		{BankID: DefaultBankID, AccountID: "demo-savings-usd-01", Label: "Dollar Reserve", Number: "000987654321",
			ProductCode: "SAVINGS", Currency: "USD", Balance: "0.00", OwnerUserIDs: admin,
			Routings: []Routing{number("000987654321")}},
		{BankID: DefaultBankID, AccountID: "demo-card-eur-01", Label: "Credit Card EUR", Number: "4000123412341234",
			ProductCode: "CREDIT_CARD", Currency: "EUR", Balance: "-245.10", OwnerUserIDs: admin,
			Routings:   []Routing{number("4000123412341234")},
			Attributes: []AccountAttribute{attr("CARD_NETWORK", "STRING", "VISA"), attr("CREDIT_LIMIT", "INTEGER", "3000")},
			Tags:       []string{"card"}},
		{BankID: DefaultBankID, AccountID: "demo-card-usd-01", Label: "Credit Card USD", Number: "5100987698769876",
			ProductCode: "CREDIT_CARD", Currency: "USD", Balance: "-12.99", OwnerUserIDs: admin,
			Routings:   []Routing{number("5100987698769876"), iban("DE75512108001245126199")},
			Attributes: []AccountAttribute{attr("CARD_NETWORK", "STRING", "MASTERCARD"), attr("SEGMENT", "STRING", "business")},
			Tags:       []string{"card", "travel"}},
		{BankID: DefaultBankID, AccountID: PublicAccountID, Label: "Charity Donations", Number: "DE44500105175407324931",
			ProductCode: "CURRENT", Currency: "EUR", Balance: "77777.77", OwnerUserIDs: []string{ownerID},
			Routings:   []Routing{iban("DE44500105175407324931")},
			Attributes: []AccountAttribute{attr("SEGMENT", "STRING", "charity")}, Tags: []string{"public"}},
		{BankID: DefaultBankID, AccountID: ViewerAccountID, Label: "Viewer Current", Number: "DE91100000000123456789",
			ProductCode: "CURRENT", Currency: "EUR", Balance: "42.00", OwnerUserIDs: []string{viewerID},
			Routings: []Routing{iban("DE91100000000123456789")}},
		{BankID: SecondBankID, AccountID: "demo2-current-eur-01", Label: "Second Bank Current", Number: "FR1420041010050500013M02606",
			ProductCode: "CURRENT", Currency: "EUR", Balance: "99.95", OwnerUserIDs: admin,
			Routings: []Routing{iban("FR1420041010050500013M02606")}},
		{BankID: SecondBankID, AccountID: "demo2-savings-gbp-01", Label: "Second Bank Savings", Number: "55779911",
			ProductCode: "SAVINGS", Currency: "GBP", Balance: "2500.00", OwnerUserIDs: admin,
			Routings: []Routing{bban("BARC20000055779911"), sortCode("200000")}},
	}
	for _, a := range accounts {
		st.saveAccount(a.clone().withIDs())
	}
	st.grantView(adminID, DefaultBankID, PublicAccountID, viewPublic)
}

// isSuperAdmin: the seeded admin plays the role of super_admin_user_ids.
func isSuperAdmin(u *user) bool { return u.username == AdminUsername }
