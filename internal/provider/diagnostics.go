package provider

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"syscall"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// hints say what to do about the OBP errors a user can fix.
var hints = map[string]string{
	"OBP-20001": "Check the provider's obp credentials.",
	"OBP-20003": "The token is invalid or expired: renew " + obpSettings.env("token") + " / token, or use DirectLogin credentials.",
	"OBP-20004": "Check obp.username and obp.password (" + obpSettings.env("username") + ", " + obpSettings.env("password") + ").",
	"OBP-20006": "Grant the user the role named above (any one of them when several are named) through POST /users/{USER_ID}/entitlements, or use a user that holds it.",
	"OBP-20008": "Check " + obpSettings.ref("consumer_key") + ": it must belong to an enabled consumer.",
	"OBP-20013": "The OBP user is locked after failed logins; an OBP administrator must unlock it.",
	"OBP-20005": "Check user_id: the openbanking_user data source finds a user's id by provider and username.",
	"OBP-20057": "Check user_id: the openbanking_user data source finds a user's id by provider and username.",
	"OBP-30001": "Check bank_id: the openbanking_banks data source lists the banks of the server.",
	"OBP-30006": "Choose a customer_number that no other customer of the bank has.",
	"OBP-30046": "The customer does not exist (any more) at this bank.",
	"OBP-30051": "OBP could not store the customer: a customer_number another customer of the bank already has, or a value longer than OBP stores, causes this.",
	"OBP-30058": "OBP could not store the change: a value longer than OBP stores causes this.",
	"OBP-10001": "Fix the value named in the message.",
	"OBP-10061": "The server limits how often this user may log in. The provider logs in once per run; wait for the limit to reset, and avoid running several terraform processes as the same user at once.",
	"OBP-50000": "The OBP server failed unexpectedly; the text after \"Unknown Error.\" is its own reason. Run apply again; if it persists, show the message to the OBP administrator.",
	"OBP-50015": "The OBP server failed unexpectedly. Run apply again; if it persists, the OBP administrator finds the cause in the server's log.",
	"OBP-10018": "The server limits how many calls this consumer may make: raise obp.max_retries, lower terraform's -parallelism, or ask the OBP administrator for higher limits.",
	"OBP-10404": "The server does not serve this path: check obp.api_version (" + obpSettings.env("api_version") + "; the provider speaks v6.0.0, v5.1.0 and v5.0.0; customer children need v6.0.0) and that obp.url is the server's base URL, without /obp/….",
	"OBP-10020": "Fix the value named in the message.",
	"urn:au-cds:error:cds-all:Header/UnsupportedVersion": "The data holder serves none of the versions the provider speaks of this endpoint: " +
		"version 3 or 2 of Get Accounts, version 1 of Get Balances For Specific Accounts.",
	"invalid_client": "Check the TrueLayer client_id and client_secret.",
}

// renamedRoles are the customer read roles OBP-API renamed in 2026: the
// name a 2026 server checks, and the names earlier servers check instead.
var renamedRoles = []struct {
	current string
	earlier []string
}{
	{"CanGetCustomersAtOneBank", []string{"CanGetCustomer", "CanGetCustomers"}},
	{"CanGetCustomersMinimalAtOneBank", []string{"CanGetCustomersMinimal"}},
	{"CanGetCustomersAtAllBanks", []string{"CanGetCustomersAtAnyBank"}},
	{"CanGetCustomersMinimalAtAllBanks", []string{"CanGetCustomersMinimalAtAnyBank"}},
}

var roleName = regexp.MustCompile(`\bCan[A-Za-z]+`)

// renamedRolesNote names both generations' roles when a missing-role message
// names a renamed customer read role, so that a user who read the role
// lists of another OBP-API version grants the name this server checks.
func renamedRolesNote(message string) string {
	for _, name := range roleName.FindAllString(message, -1) {
		for _, r := range renamedRoles {
			if name == r.current || slices.Contains(r.earlier, name) {
				return fmt.Sprintf("\n\nOBP-API renamed this role in 2026: %s (OBP-API 2026) or %s (earlier servers). "+
					"Grant the name this server asks for in the message.", r.current, strings.Join(r.earlier, " / "))
			}
		}
	}
	return ""
}

// codeNote names the API's error code when the message does not already show it.
func codeNote(e *client.APIError) string {
	if e.Code == "" || strings.Contains(e.Message, e.Code) {
		return ""
	}
	return " (" + e.Code + ")"
}

// addAPIError adds a diagnostic for a failed API call: what failed, the API's
// code and message, and what to do. at, when not empty, scopes it to an attribute.
func addAPIError(diags *diag.Diagnostics, at path.Path, summary string, err error) {
	addAPIErrorNote(diags, at, summary, err, "")
}

// addAPIErrorNote is addAPIError with note, when not empty, ending the detail.
func addAPIErrorNote(diags *diag.Diagnostics, at path.Path, summary string, err error, note string) {
	detail := err.Error()
	var lost *client.AmbiguousError
	if errors.As(err, &lost) {
		detail = lost.Err.Error()
	}
	if apiErr, ok := client.AsAPIError(err); ok {
		detail = fmt.Sprintf("%s answered HTTP %d%s.\n\n%s", capitalize(apiErr.Call()), apiErr.StatusCode, codeNote(apiErr), apiErr.Message)
		for _, code := range apiErr.Codes {
			if hint, ok := hints[code]; ok {
				detail += "\n\n" + hint
				break
			}
		}
		if apiErr.HasCode(obp.CodeMissingRoles) {
			detail += renamedRolesNote(apiErr.Message)
		}
		if apiErr.StatusCode == http.StatusGatewayTimeout && apiErr.Code == "" {
			detail += "\n\nThe server (or a gateway in front of it) gave up waiting for the request to finish. " +
				"Reads, updates and deletes were retried up to obp.max_retries times; run apply again later."
		}
	}
	detail += failureNote(err)
	if note != "" {
		detail += "\n\n" + note
	}
	if at.Equal(path.Empty()) {
		diags.AddError(summary, detail)
		return
	}
	diags.AddAttributeError(at, summary, detail)
}

// capitalize upper-cases the first letter of an ASCII text.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// failureNote explains lost answers and timeouts, which need other action
// than fixing a value.
func failureNote(err error) string {
	var lost *client.AmbiguousError
	switch {
	case errors.As(err, &lost) && lost.CheckErr != nil:
		return "\n\nThe answer to the create was lost and the provider could not check whether the server made the object (" +
			lost.CheckErr.Error() + "). Look for it on the server: import it if it exists, then run apply again."
	case errors.As(err, new(*obp.ClaimedError)):
		return "\n\nAnother resource of this configuration created or adopted this same object in this run: " +
			"declare each object once."
	case errors.As(err, &lost) && lost.Checked && interrupted(err):
		return "\n\nThe operation was interrupted after the create was sent; the provider checked that the server has not made " +
			"the object, so nothing was created. Run apply again."
	case errors.As(err, &lost) && lost.Checked:
		return "\n\nThe answer was lost; the provider checked that the server has not made the object, so nothing was created. Run apply again."
	case errors.As(err, &lost):
		return "\n\nThe answer was lost: the server may have made the change. Run plan to see the server's state."
	case isUntrustedCertificate(err):
		return "\n\nThe server's TLS certificate is not trusted. Set ca_file in the provider block of this API to the PEM " +
			"file of the authority that signed it (insecure_skip_verify is for test servers only)."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "\n\nNothing answers at this address: check the URL in the provider block and that the server is running."
	case errors.Is(err, context.DeadlineExceeded):
		return "\n\nThe operation did not finish within its timeout. Raise it in the resource's timeouts block " +
			"or the provider's " + obpSettings.ref("operation_timeout") + ", or obp.request_timeout for one slow request."
	}
	return ""
}

// interrupted: the operation was cancelled or ran out of time.
func interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// isUnreachable: the request got no HTTP answer because the address does not
// resolve, nothing accepts the connection or its certificate is not trusted.
func isUnreachable(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) ||
		errors.Is(err, syscall.ENETUNREACH) || isUntrustedCertificate(err)
}

func isUntrustedCertificate(err error) bool {
	var unknownAuthority x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	return errors.As(err, &unknownAuthority) || errors.As(err, &invalid) || errors.As(err, &hostname)
}
