package obp

import (
	"errors"
	"net/http"
	"strings"
)

// apiError is an OBP error: an HTTP status chosen by the handler plus the
// "OBP-xxxxx: ..." message that ends up in the error envelope.
type apiError struct {
	status int
	msg    string
	// missingRoles, on an OBP-20006 error, are the roles the check wanted:
	// Gen2026 writes the message from them (forGeneration).
	missingRoles []string
	// retryAfter, when above 0, is sent as Retry-After (seconds).
	retryAfter int
}

func (e *apiError) Error() string { return e.msg }

func newError(status int, msg string) *apiError { return &apiError{status: status, msg: msg} }

// Message catalogue. Texts are prefixes; helpers add suffixes.
const (
	msgInvalidJSONFormat       = "OBP-10001: Incorrect json format."
	msgInvalidCurrencyCode     = "OBP-10003: Invalid Currency Value. It should be three letters ISO Currency Code. "
	msgInvalidInitialBalance   = "OBP-10011: Invalid Number. Initial balance must be a number, e.g 1000.00"
	msgInitialBalanceNotZero   = "OBP-10012: Initial Balance of Account must be Zero (0)."
	msgIncorrectRoleName       = "OBP-10007: Incorrect Role name:"
	msgTooManyLogins           = "OBP-10061: Too many login attempts. Please try again later."
	msgInvalidFilterParameter  = "OBP-10016: Incorrect filter Parameters in URL. "
	msgInvalidJSONContent      = "OBP-10020: Incorrect json."
	msgFilterSortDirection     = "OBP-10023: obp_sort_direction parameter can only take two values: DESC or ASC!"
	msgFilterOffset            = "OBP-10024: wrong value for obp_offset parameter. Please send a positive integer (=>0)!"
	msgFilterLimit             = "OBP-10025: wrong value for obp_limit parameter. Please send a positive integer (=>1)!"
	msgInvalidURI              = "OBP-10404: 404 Not Found. The server could not find the requested URI. Please double check your URL, headers and body. Note: When you are making a POST or PUT request, the Content-Type header MUST be `application/json`. Note: OBP only supports JSON formatted bodies."
	msgUserNotLoggedIn         = "OBP-20001: User not logged in. Authentication is required!"
	msgDirectLoginMissing      = "OBP-20002: These DirectLogin parameters are missing:"
	msgDirectLoginInvalidToken = "OBP-20003: This DirectLogin token is invalid or expired:"
	msgInvalidLoginCredentials = "OBP-20004: Invalid login credentials. Check username/password."
	msgUserNotFoundByID        = "OBP-20005: User not found. Please specify a valid value for USER_ID."
	msgUserHasMissingRoles     = "OBP-20006: User is missing one or more roles: "
	msgInvalidConsumerKey      = "OBP-20008: Invalid Consumer Key."
	msgInvalidValueLength      = "OBP-20010: Value too long"
	msgInvalidValueCharacters  = "OBP-20011: Value contains invalid characters"
	msgUsernameLocked          = "OBP-20013: The account has been locked, please contact an administrator!"
	msgUserNoPermissionView    = "OBP-20017: Current user does not have access to the view. Please specify a valid value for VIEW_ID."
	msgUserNotFoundByProvider  = "OBP-20027: User not found by provider and username."
	msgUserNotSuperAdmin       = "OBP-20050: Current User is not a Super Admin!"
	msgUserNotFoundByUserID    = "OBP-20057: User not found by userId."
	msgInvalidAuthorization    = "OBP-20080: Authorization Header format is not supported at this instance."
	msgMissingDirectLoginHdr   = "OBP-20082: Missing DirectLogin or Authorization header."
	msgInvalidDirectLoginHdr   = "OBP-20083: Missing DirectLogin word at the value of Authorization header."
	msgOAuth2CannotVerify      = "OBP-20202: OAuth2's Access Token cannot be verified."
	msgDuplicateUsername       = "OBP-20258: Duplicate Username. Cannot create Username because it already exists. "
	msgBankNotFound            = "OBP-30001: Bank not found. Please specify a valid value for BANK_ID."
	msgCustomerNotFound        = "OBP-30002: Customer not found. Please specify a valid value for CUSTOMER_NUMBER."
	msgCustomerNumberExists    = "OBP-30006: Customer Number already exists. Please specify a different value for BANK_ID or CUSTOMER_NUMBER."
	msgCustomerLinkedForUser   = "OBP-30007: The User is already linked to a Customer at the bank specified by BANK_ID"
	msgProductNotFound         = "OBP-30011: Product not found. Please specify a valid value for PRODUCT_CODE."
	msgBankAccountNotFound     = "OBP-30018: Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID. "
	msgUserCustomerLinkNotFnd  = "OBP-30035: User Customer Link not found"
	msgCustomerNotFoundByID    = "OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID."
	msgCreateCustomerError     = "OBP-30051: Cannot create Customer"
	msgUpdateCustomerError     = "OBP-30058: Cannot update the Customer"
	msgCustomerAttributeNotFnd = "OBP-30069: Customer Attribute not found. Please specify a valid value for CUSTOMER_ATTRIBUTE_ID."
	msgAttributeDefinitionNotF = "OBP-30071: Attribute Definition not found. Please specify a valid value for ATTRIBUTE_DEFINITION_ID."
	msgInvalidAccountIDFormat  = "OBP-30110: Invalid Account Id. The ACCOUNT_ID should only contain 0-9/a-z/A-Z/'-'/'.'/'_', the length should be smaller than 255."
	msgInvalidCustomerBankID   = "OBP-30113: Invalid Bank Id. The Customer does not belong to this Bank"
	msgEntitlementIsBankRole   = "OBP-30205: This entitlement is a Bank Role. Please set bank_id to a valid bank id."
	msgEntitlementIsSystemRole = "OBP-30206: This entitlement is a System Role. Please set bank_id to empty string."
	msgInvalidPasswordFormat   = "OBP-30207: Invalid Password Format."
	msgAccountIDExists         = "OBP-30208: Account_ID already exists at the Bank."
	msgEntitlementNotFound     = "OBP-30212: EntitlementId not found"
	msgUserHasNotEntitlement   = "OBP-30213: USER_ID does not have the ENTITLEMENT_ID."
	msgEntitlementExists       = "OBP-30216: Entitlement already exists for the user."
	msgTaxResidenceNotFound    = "OBP-30300: Tax Residence not found by TAX_RESIDENCE_ID. "
	msgCustomerAddressNotFound = "OBP-30310: Customer's Address not found by CUSTOMER_ADDRESS_ID. "
	msgUnknownError            = "OBP-50000: Unknown Error."
	msgInternalServerError     = "OBP-50015: The server encountered an unexpected condition which prevented it from fulfilling the request."
	msgInvalidConnectorResp    = "OBP-50200: Connector cannot return the data we requested."
)

func errNotFoundURI(path string) *apiError {
	return newError(http.StatusNotFound, msgInvalidURI+" Current URL: "+path)
}

func errNotLoggedIn() *apiError { return newError(http.StatusUnauthorized, msgUserNotLoggedIn) }

func errInvalidJSON(detail string) *apiError {
	return newError(http.StatusBadRequest, msgInvalidJSONFormat+" "+detail)
}

// errBodyField reports a required body field that is missing or unusable.
func errBodyField(schema, field string) *apiError {
	return errInvalidJSON("The Json body should be the " + schema + ". Missing or invalid field: " + field)
}

func errBankNotFound(status int, bankID string) *apiError {
	return newError(status, msgBankNotFound+" Current BankId is "+bankID)
}

// errAccountNotFound is OBP-30018 with the ids appended.
func errAccountNotFound(bankID, accountID string) *apiError {
	return newError(http.StatusNotFound, msgBankAccountNotFound+"Current BankId is "+bankID+" and Current AccountId is "+accountID)
}

// errNoViewAccess is OBP-20017 naming the view (always 403).
func errNoViewAccess(viewID string) *apiError {
	return newError(http.StatusForbidden, msgUserNoPermissionView+" Current VIEW_ID ("+viewID+")")
}

func errCustomerNotFoundByID(customerID string) *apiError {
	return newError(http.StatusNotFound, msgCustomerNotFoundByID+". Current CustomerId("+customerID+")")
}

// errInvalidCustomerBank is OBP-30113 with the ids filled in:
// "Invalid Bank Id (b). The Customer(c) does not belong to this Bank".
func errInvalidCustomerBank(bankID, customerID string) *apiError {
	msg := strings.Replace(msgInvalidCustomerBankID, "Bank Id.", "Bank Id ("+bankID+").", 1)
	msg = strings.Replace(msg, "The Customer ", "The Customer("+customerID+") ", 1)
	return newError(http.StatusBadRequest, msg)
}

// errAttributeType rejects a customer attribute type outside the enum.
func errAttributeType() *apiError {
	return errInvalidJSON("The `Type` field can only accept the following field: " +
		"DOUBLE(12.1234), STRING(TAX_NUMBER), INTEGER(123) and DATE_WITH_DAY(2012-04-23)")
}

// errConnector chains a provider failure behind OBP-50200, the way
// NewStyle's unboxFullOrFail reports it: "OBP-50200: ... <- inner".
func errConnector(inner string) *apiError {
	return newError(http.StatusBadRequest, msgInvalidConnectorResp+" <- "+inner)
}

// errStoreFailed stands for a failed insert/update (column overflow, unique
// index). OBP strips the DB text, so the sandbox chains OBP-50000 plus a
// readable reason, e.g. "... <- OBP-50000: Unknown Error. Cannot create the
// Customer Address: a value exceeds its column size".
func errStoreFailed(action, reason string) *apiError {
	return errConnector(msgUnknownError + " Cannot " + action + ": " + reason)
}

// errMissingRoles is the "at least one of" format used by auto-validated
// handlers: the BankId suffix is added only when a listed role is bank-level.
func errMissingRoles(bankID string, roles ...string) *apiError {
	msg := msgUserHasMissingRoles + strings.Join(roles, " or ")
	if anyBankRole(roles) {
		msg += " for BankId(" + bankID + ")."
	}
	return &apiError{status: http.StatusForbidden, msg: msg, missingRoles: roles}
}

// errMissingRoleAtBank is the single-role inline format of v3.1.0 handlers.
func errMissingRoleAtBank(role, bankID string) *apiError {
	return &apiError{status: http.StatusForbidden, msg: msgUserHasMissingRoles + role + " at Bank(" + bankID + ")",
		missingRoles: []string{role}}
}

// forGeneration rewrites an error the way generation g words it. The
// handlers produce the 2024 texts; OBP-API 2026 checks roles in one
// middleware whose message has no bank suffix:
// "OBP-20006: User is missing one or more roles: RoleA or RoleB".
func (e *apiError) forGeneration(g Generation) *apiError {
	if g == Gen2024 || len(e.missingRoles) == 0 {
		return e
	}
	return &apiError{status: e.status, msg: msgUserHasMissingRoles + strings.Join(e.missingRoles, " or ")}
}

func errFilter(inner string) *apiError {
	return newError(http.StatusBadRequest, msgInvalidFilterParameter+" <- "+inner)
}

// statusFor applies OBP's status selection rules to an error.
func statusFor(e *apiError) int {
	switch {
	case strings.Contains(e.msg, "OBP-20001"):
		return http.StatusUnauthorized
	case containsAny(e.msg, "OBP-20006", "OBP-20017", "OBP-20101", "OBP-20023"):
		return http.StatusForbidden
	case strings.Contains(e.msg, "OBP-01000"):
		return http.StatusRequestTimeout
	case e.status == 0:
		return http.StatusBadRequest
	}
	return e.status
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// asAPIError converts any error to an apiError, worded for generation g;
// unknown errors become 500 (unknownError).
func asAPIError(g Generation, err error) *apiError {
	var e *apiError
	if errors.As(err, &e) {
		return e.forGeneration(g)
	}
	return unknownError(g, err.Error())
}

// unknownError is the answer to a failure that is not an OBP error (an
// exception): the 2024 (Lift) server answers 500 OBP-50015 without detail;
// the 2026 (http4s) server answers 500 "OBP-50000: Unknown Error.: <the
// exception's message>".
func unknownError(g Generation, detail string) *apiError {
	if g == Gen2024 {
		return newError(http.StatusInternalServerError, msgInternalServerError)
	}
	return newError(http.StatusInternalServerError, msgUnknownError+": "+detail)
}
