package thredd

// AccountType is a Finicity account type. It is an open set: values not
// listed below decode unchanged.
type AccountType string

// The Finicity account types known when this client was written.
const (
	AccountTypeChecking                  AccountType = "checking"
	AccountTypeSavings                   AccountType = "savings"
	AccountTypeCD                        AccountType = "cd"
	AccountTypeMoneyMarket               AccountType = "moneyMarket"
	AccountTypeCreditCard                AccountType = "creditCard"
	AccountTypeLineOfCredit              AccountType = "lineOfCredit"
	AccountTypeInvestment                AccountType = "investment"
	AccountTypeInvestmentTaxDeferred     AccountType = "investmentTaxDeferred"
	AccountTypeEmployeeStockPurchasePlan AccountType = "employeeStockPurchasePlan"
	AccountTypeIRA                       AccountType = "ira"
	AccountType401k                      AccountType = "401k"
	AccountTypeRoth                      AccountType = "roth"
	AccountType403b                      AccountType = "403b"
	AccountType529Plan                   AccountType = "529plan"
	AccountTypeRollover                  AccountType = "rollover"
	AccountTypeUGMA                      AccountType = "ugma"
	AccountTypeUTMA                      AccountType = "utma"
	AccountTypeKeogh                     AccountType = "keogh"
	AccountType457Plan                   AccountType = "457plan"
	AccountType401a                      AccountType = "401a"
	AccountTypeBrokerageAccount          AccountType = "brokerageAccount"
	AccountTypeEducationSavings          AccountType = "educationSavings"
	AccountTypeHealthSavingsAccount      AccountType = "healthSavingsAccount"
	AccountTypePension                   AccountType = "pension"
	AccountTypeProfitSharingPlan         AccountType = "profitSharingPlan"
	AccountTypeRoth401k                  AccountType = "roth401k"
	AccountTypeSepIRA                    AccountType = "sepIRA"
	AccountTypeSimpleIRA                 AccountType = "simpleIRA"
	AccountTypeThriftSavingsPlan         AccountType = "thriftSavingsPlan"
	AccountTypeVariableAnnuity           AccountType = "variableAnnuity"
	AccountTypeCryptocurrency            AccountType = "cryptocurrency"
	AccountTypeMortgage                  AccountType = "mortgage"
	AccountTypeLoan                      AccountType = "loan"
	AccountTypeStudentLoan               AccountType = "studentLoan"
	AccountTypeStudentLoanGroup          AccountType = "studentLoanGroup"
	AccountTypeStudentLoanAccount        AccountType = "studentLoanAccount"
)

// KnownAccountTypes lists the 36 documented account types.
func KnownAccountTypes() []AccountType {
	return []AccountType{
		AccountTypeChecking, AccountTypeSavings, AccountTypeCD, AccountTypeMoneyMarket, AccountTypeCreditCard,
		AccountTypeLineOfCredit, AccountTypeInvestment, AccountTypeInvestmentTaxDeferred,
		AccountTypeEmployeeStockPurchasePlan, AccountTypeIRA, AccountType401k, AccountTypeRoth, AccountType403b,
		AccountType529Plan, AccountTypeRollover, AccountTypeUGMA, AccountTypeUTMA, AccountTypeKeogh,
		AccountType457Plan, AccountType401a, AccountTypeBrokerageAccount, AccountTypeEducationSavings,
		AccountTypeHealthSavingsAccount, AccountTypePension, AccountTypeProfitSharingPlan, AccountTypeRoth401k,
		AccountTypeSepIRA, AccountTypeSimpleIRA, AccountTypeThriftSavingsPlan, AccountTypeVariableAnnuity,
		AccountTypeCryptocurrency, AccountTypeMortgage, AccountTypeLoan, AccountTypeStudentLoan,
		AccountTypeStudentLoanGroup, AccountTypeStudentLoanAccount,
	}
}

// Known reports whether t is one of the documented account types.
func (t AccountType) Known() bool {
	for _, k := range KnownAccountTypes() {
		if t == k {
			return true
		}
	}
	return false
}

// AccountStatus is the account's activation status; an open set.
type AccountStatus string

// Documented account statuses.
const (
	// AccountStatusPending: account discovery is still running.
	AccountStatusPending AccountStatus = "pending"
	// AccountStatusActive: the account is activated.
	AccountStatusActive AccountStatus = "active"
)

// Documented market segments (Account.MarketSegment); an open set.
const (
	MarketSegmentPersonal = "personal"
	MarketSegmentBusiness = "business"
)
