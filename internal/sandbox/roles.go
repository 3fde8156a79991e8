package sandbox

import "sort"

// Role names used by the customer endpoints (contract §3 role table).
const (
	roleCreateCustomer                    = "CanCreateCustomer"
	roleCreateCustomerAtAnyBank           = "CanCreateCustomerAtAnyBank"
	roleGetCustomer                       = "CanGetCustomer"
	roleGetCustomers                      = "CanGetCustomers"
	roleGetCustomersMinimal               = "CanGetCustomersMinimal"
	roleGetCustomersAtAnyBank             = "CanGetCustomersAtAnyBank"
	roleUpdateCustomerEmail               = "CanUpdateCustomerEmail"
	roleUpdateCustomerMobile              = "CanUpdateCustomerMobilePhoneNumber"
	roleUpdateCustomerNumber              = "CanUpdateCustomerNumber"
	roleUpdateCustomerIdentity            = "CanUpdateCustomerIdentity"
	roleUpdateCustomerCreditLimit         = "CanUpdateCustomerCreditLimit"
	roleUpdateCustomerCreditRating        = "CanUpdateCustomerCreditRatingAndSource"
	roleUpdateCustomerCreditRatingAnyBank = "CanUpdateCustomerCreditRatingAndSourceAtAnyBank"
	roleUpdateCustomerBranch              = "CanUpdateCustomerBranch"
	roleUpdateCustomerData                = "CanUpdateCustomerData"
	roleDeleteCustomerCascade             = "CanDeleteCustomerCascade"
	roleCreateEntitlementAtOneBank        = "CanCreateEntitlementAtOneBank"
	roleCreateEntitlementAtAnyBank        = "CanCreateEntitlementAtAnyBank"
	roleDeleteEntitlementAtAnyBank        = "CanDeleteEntitlementAtAnyBank"
	roleGetAnyUser                        = "CanGetAnyUser"

	roleCreateCustomerAddress = "CanCreateCustomerAddress"
	roleGetCustomerAddress    = "CanGetCustomerAddress"
	roleDeleteCustomerAddress = "CanDeleteCustomerAddress"
	roleCreateTaxResidence    = "CanCreateTaxResidence"
	roleGetTaxResidence       = "CanGetTaxResidence"
	roleDeleteTaxResidence    = "CanDeleteTaxResidence"

	roleCreateCustomerAttribute        = "CanCreateCustomerAttributeAtOneBank"
	roleCreateCustomerAttributeAnyBank = "CanCreateCustomerAttributeAtAnyBank"
	roleUpdateCustomerAttribute        = "CanUpdateCustomerAttributeAtOneBank"
	roleUpdateCustomerAttributeAnyBank = "CanUpdateCustomerAttributeAtAnyBank"
	roleGetCustomerAttributes          = "CanGetCustomerAttributesAtOneBank" // list: plural
	roleGetCustomerAttributesAnyBank   = "CanGetCustomerAttributesAtAnyBank"
	roleGetCustomerAttribute           = "CanGetCustomerAttributeAtOneBank" // get one: singular
	roleGetCustomerAttributeAnyBank    = "CanGetCustomerAttributeAtAnyBank"
	roleDeleteCustomerAttribute        = "CanDeleteCustomerAttributeAtOneBank"
	roleDeleteCustomerAttributeAnyBank = "CanDeleteCustomerAttributeAtAnyBank"

	roleCreateAttributeDefinition = "CanCreateCustomerAttributeDefinitionAtOneBank"
	roleGetAttributeDefinition    = "CanGetCustomerAttributeDefinitionAtOneBank"
	roleDeleteAttributeDefinition = "CanDeleteCustomerAttributeDefinitionAtOneBank"

	roleCreateUserCustomerLink        = "CanCreateUserCustomerLink"
	roleCreateUserCustomerLinkAnyBank = "CanCreateUserCustomerLinkAtAnyBank"
	roleGetUserCustomerLink           = "CanGetUserCustomerLink"
	roleDeleteUserCustomerLink        = "CanDeleteUserCustomerLink"

	roleCreateAccount          = "CanCreateAccount"
	roleCreateAccountAttribute = "CanCreateAccountAttributeAtOneBank"
)

// bankRoles are granted per bank (entitlement carries a bank_id).
var bankRoles = []string{
	"CanCreateCustomer", "CanGetCustomer", "CanGetCustomers", "CanGetCustomersMinimal",
	"CanUpdateCustomerEmail", "CanUpdateCustomerMobilePhoneNumber", "CanUpdateCustomerNumber",
	"CanUpdateCustomerIdentity", "CanUpdateCustomerCreditLimit", "CanUpdateCustomerCreditRatingAndSource",
	"CanUpdateCustomerBranch", "CanUpdateCustomerData", "CanDeleteCustomerCascade",
	"CanCreateCustomerAddress", "CanGetCustomerAddress", "CanDeleteCustomerAddress",
	"CanCreateTaxResidence", "CanGetTaxResidence", "CanDeleteTaxResidence",
	"CanCreateCustomerAttributeAtOneBank", "CanUpdateCustomerAttributeAtOneBank",
	"CanGetCustomerAttributesAtOneBank", "CanGetCustomerAttributeAtOneBank",
	"CanDeleteCustomerAttributeAtOneBank", "CanCreateCustomerAttributeDefinitionAtOneBank",
	"CanGetCustomerAttributeDefinitionAtOneBank", "CanDeleteCustomerAttributeDefinitionAtOneBank",
	"CanCreateUserCustomerLink", "CanGetUserCustomerLink", "CanDeleteUserCustomerLink",
	"CanCreateEntitlementAtOneBank", "CanCreateAccount", "CanCreateAccountAttributeAtOneBank",
	"CanUpdateAccountAttribute", "CanUseAccountFirehose", "CanAddKycStatus",
}

// systemRoles are granted with an empty bank_id.
var systemRoles = []string{
	"CanCreateCustomerAtAnyBank", "CanGetCustomersAtAnyBank", "CanGetCustomersMinimalAtAnyBank",
	"CanUpdateCustomerCreditRatingAndSourceAtAnyBank", "CanCreateCustomerAttributeAtAnyBank",
	"CanUpdateCustomerAttributeAtAnyBank", "CanGetCustomerAttributesAtAnyBank",
	"CanGetCustomerAttributeAtAnyBank", "CanDeleteCustomerAttributeAtAnyBank",
	"CanCreateUserCustomerLinkAtAnyBank", "CanGetUserCustomerLinkAtAnyBank",
	"CanDeleteUserCustomerLinkAtAnyBank", "CanGetAnyUser", "CanCreateEntitlementAtAnyBank",
	"CanDeleteEntitlementAtAnyBank", "CanGetEntitlementsForAnyUserAtAnyBank", "CanCreateBank",
	"CanUseAccountFirehoseAtAnyBank", "CanGetAnyKycStatuses", "CanSetCallLimits",
}

// adminSystemRoles are the system roles seeded for the admin user.
var adminSystemRoles = []string{roleCreateEntitlementAtAnyBank, roleGetAnyUser, roleGetCustomersAtAnyBank}

func isSystemRole(role string) bool { return contains(systemRoles, role) }

func isKnownRole(role string) bool { return contains(bankRoles, role) || isSystemRole(role) }

func anyBankRole(roles []string) bool {
	for _, r := range roles {
		if !isSystemRole(r) {
			return true
		}
	}
	return false
}

// allRolesSorted lists every known role for the OBP-10007 message.
func allRolesSorted() []string {
	all := append(append([]string{}, bankRoles...), systemRoles...)
	sort.Strings(all)
	return all
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
