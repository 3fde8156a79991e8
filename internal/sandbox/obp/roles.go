package obp

import "sort"

// Role names used by the customer endpoints.
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

// bankRoles2026 and systemRoles2026 are the names OBP-API 2026 gave the
// customer read roles (renamedRoles2026). Both generations accept them in
// a grant; only Gen2026 checks them.
var (
	bankRoles2026   = []string{"CanGetCustomersAtOneBank", "CanGetCustomersMinimalAtOneBank"}
	systemRoles2026 = []string{"CanGetCustomersAtAllBanks", "CanGetCustomersMinimalAtAllBanks"}
)

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

// renamedRoles2026 are the customer read roles OBP-API renamed in 2026:
// its migration MigrationOfCustomerRoleNames
// rewrote held entitlements to the new names, and the endpoints check only
// the new ones. The old names can still be granted but no longer open
// anything.
var renamedRoles2026 = map[string]string{
	"CanGetCustomer":                  "CanGetCustomersAtOneBank",
	"CanGetCustomers":                 "CanGetCustomersAtOneBank",
	"CanGetCustomersMinimal":          "CanGetCustomersMinimalAtOneBank",
	"CanGetCustomersAtAnyBank":        "CanGetCustomersAtAllBanks",
	"CanGetCustomersMinimalAtAnyBank": "CanGetCustomersMinimalAtAllBanks",
}

// Role is the name generation g checks for the role the 2024 server (and
// the handlers of the sandbox) call role: Gen2026 checks the renamed
// customer read roles, e.g. CanGetCustomersAtOneBank for CanGetCustomer.
func (g Generation) Role(role string) string {
	if g == Gen2024 {
		return role
	}
	if renamed, ok := renamedRoles2026[role]; ok {
		return renamed
	}
	return role
}

// roles maps every role with Role, dropping repeats ("CanGetCustomer or
// CanGetCustomers" is one role on Gen2026).
func (g Generation) roles(roles ...string) []string {
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if r = g.Role(r); !contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func isSystemRole(role string) bool {
	return contains(systemRoles, role) || contains(systemRoles2026, role)
}

func isKnownRole(role string) bool {
	return contains(bankRoles, role) || contains(bankRoles2026, role) || isSystemRole(role)
}

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
	all := append(append(append(append([]string{}, bankRoles...), bankRoles2026...), systemRoles...), systemRoles2026...)
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
