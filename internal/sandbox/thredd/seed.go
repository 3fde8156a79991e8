package thredd

// Seeded credentials and customers.
const (
	// ClientID is the program-manager identifier the sandbox accepts by default.
	ClientID = "sandbox-program-manager"
	// PartnerID is the non-default Mastercard partner id the sandbox accepts.
	PartnerID = "1234567890123"
	// BearerToken is the access token the sandbox accepts by default.
	BearerToken = "sandbox-thredd-access-token"
	// CustomerID is a registered customer with five connected accounts.
	CustomerID = "100200300"
	// EmptyCustomerID is a registered customer with no connected account.
	EmptyCustomerID = "100200399"
)

func f64(v float64) *float64 { return &v }
func i64(v int64) *int64     { return &v }

// seedAccounts returns the accounts of CustomerID: several types, statuses,
// currencies and market segments, a credit card with a negative balance, and a
// pending account discovered but never aggregated (few optional fields).
func seedAccounts() []Account {
	return []Account{
		{
			ID: "5011648377", Number: "xxxx4021", AccountNumberDisplay: "4021", RealAccountNumberLast4: "4021",
			Name: "Everyday Checking", AccountNickname: "Main", Balance: f64(1520.75), Type: "checking",
			Status: "active", AggregationStatusCode: i64(0), CustomerID: "7001234567", InstitutionID: "101732",
			InstitutionLoginID: i64(1007302745), Currency: "USD", BalanceDate: i64(1717086400),
			AggregationSuccessDate: i64(1717086410), AggregationAttemptDate: i64(1717086405),
			CreatedDate: i64(1717000000), LastUpdatedDate: i64(1717086410), LinkedAccountDate: i64(1717000100),
			LastTransactionDate: i64(1717070000), OldestTransactionDate: i64(1709251200),
			DisplayPosition: i64(1), MarketSegment: "personal", Detail: &Detail{AvailableBalanceAmount: f64(1490.1)},
		},
		{
			ID: "5011648378", Number: "xxxx7788", AccountNumberDisplay: "7788-2", RealAccountNumberLast4: "7788",
			Name: "High Yield Savings", AccountNickname: "Rainy day", Balance: f64(25000), Type: "savings",
			Status: "active", AggregationStatusCode: i64(0), CustomerID: "7001234567", InstitutionID: "101732",
			InstitutionLoginID: i64(1007302745), Currency: "USD", BalanceDate: i64(1717086400),
			AggregationSuccessDate: i64(1717086410), AggregationAttemptDate: i64(1717086405),
			CreatedDate: i64(1717000000), LastUpdatedDate: i64(1717086410), LinkedAccountDate: i64(1717000100),
			LastTransactionDate: i64(1716900000), OldestTransactionDate: i64(1709251200),
			DisplayPosition: i64(2), MarketSegment: "personal", Detail: &Detail{AvailableBalanceAmount: f64(25000)},
		},
		{
			ID: "5011648391", Number: "xxxx0005", AccountNumberDisplay: "0005", RealAccountNumberLast4: "0005",
			Name: "Rewards Visa", AccountNickname: "Travel card", Balance: f64(-642.18), Type: "creditCard",
			Status: "active", AggregationStatusCode: i64(0), CustomerID: "7001234567", InstitutionID: "102105",
			InstitutionLoginID: i64(1007302801), Currency: "USD", BalanceDate: i64(1717090000),
			AggregationSuccessDate: i64(1717090010), AggregationAttemptDate: i64(1717090005),
			CreatedDate: i64(1717001000), LastUpdatedDate: i64(1717090010), LinkedAccountDate: i64(1717001100),
			LastTransactionDate: i64(1717080000), OldestTransactionDate: i64(1711929600),
			DisplayPosition: i64(1), MarketSegment: "personal", Detail: &Detail{AvailableBalanceAmount: f64(4357.82)},
		},
		{
			ID: "5011648402", Number: "xxxx3310", AccountNumberDisplay: "3310", RealAccountNumberLast4: "3310",
			Name: "Business Money Market", AccountNickname: "Ops reserve", Balance: f64(180250.5), Type: "moneyMarket",
			Status: "active", AggregationStatusCode: i64(185), CustomerID: "7001234567", InstitutionID: "170778",
			InstitutionLoginID: i64(1007302990), Currency: "CAD", BalanceDate: i64(1716950000),
			AggregationSuccessDate: i64(1716950010), AggregationAttemptDate: i64(1717090500),
			CreatedDate: i64(1716900000), LastUpdatedDate: i64(1717090500), LinkedAccountDate: i64(1716900100),
			LastTransactionDate: i64(1716940000), OldestTransactionDate: i64(1704067200),
			DisplayPosition: i64(1), MarketSegment: "business", Detail: &Detail{AvailableBalanceAmount: f64(180000)},
		},
		{
			ID: "5011648415", Number: "xxxx9120", AccountNumberDisplay: "9120", Name: "Retirement 401(k)",
			AccountNickname: "401k", Type: "401k", Status: "pending", CustomerID: "7001234567",
			InstitutionID: "102224", InstitutionLoginID: i64(1007303011), Currency: "USD",
			CreatedDate: i64(1717095000), DisplayPosition: i64(3), MarketSegment: "personal",
		},
	}
}

// seedStore returns the initial customers.
func seedStore() map[string][]Account {
	return map[string][]Account{
		CustomerID:      seedAccounts(),
		EmptyCustomerID: {},
	}
}
