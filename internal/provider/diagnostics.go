package provider

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"syscall"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// hints say what to do about the OBP errors a user can fix.
var hints = map[string]string{
	"OBP-20001": "Check the provider's obp credentials.",
	"OBP-20003": "The token is invalid or expired: renew OBP_TOKEN / token, or use DirectLogin credentials.",
	"OBP-20004": "Check obp.username and obp.password (OBP_USERNAME, OBP_PASSWORD).",
	"OBP-20006": "Grant the user the role named above (any one of them when several are named) through POST /users/{USER_ID}/entitlements, or use a user that holds it.",
	"OBP-20008": "Check obp.consumer_key (OBP_CONSUMER_KEY): it must belong to an enabled consumer.",
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
	"OBP-10404": "The server does not serve this path: check obp.api_version (OBP_API_VERSION; the provider speaks v6.0.0, v5.1.0 and v5.0.0; customer children need v6.0.0) and that obp.url is the server's base URL, without /obp/….",
	"OBP-10020": "Fix the value named in the message.",
	"urn:au-cds:error:cds-all:Header/UnsupportedVersion": "The data holder serves neither version 3 nor version 2 of Get Accounts.",
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
	detail := err.Error()
	var lost *client.AmbiguousError
	if errors.As(err, &lost) {
		detail = lost.Err.Error()
	}
	if apiErr, ok := client.AsAPIError(err); ok {
		detail = fmt.Sprintf("%s %s answered HTTP %d%s.\n\n%s", apiErr.Method, apiErr.Path, apiErr.StatusCode, codeNote(apiErr), apiErr.Message)
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
	if at.Equal(path.Empty()) {
		diags.AddError(summary, detail)
		return
	}
	diags.AddAttributeError(at, summary, detail)
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
			"or the provider's obp.operation_timeout (OBP_OPERATION_TIMEOUT), or obp.request_timeout for one slow request."
	}
	return ""
}

// interrupted: the operation was cancelled or ran out of time.
func interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func isUntrustedCertificate(err error) bool {
	var unknownAuthority x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	return errors.As(err, &unknownAuthority) || errors.As(err, &invalid) || errors.As(err, &hostname)
}

// providerClients returns the provider's clients (nil before the provider is configured).
func providerClients(data any, diags *diag.Diagnostics) *clients {
	if data == nil {
		return nil
	}
	c, ok := data.(*clients)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("expected *clients, got %T", data))
		return nil
	}
	return c
}

// obpClients returns the provider's clients for a resource or data source of
// OBP, with an error when the provider has no OBP configuration.
func obpClients(data any, diags *diag.Diagnostics) *clients {
	c := providerClients(data, diags)
	if c != nil && c.OBP == nil {
		diags.AddAttributeError(path.Root("obp"), "OBP Is Not Configured",
			"This resource or data source manages an OBP server: add an obp block to the provider "+
				"or set OBP_URL and the OBP credentials in the environment.")
	}
	return c
}

// accountAPI returns the client of an account API, with an error naming the
// provider block to add when that API is not configured.
func accountAPI[T any](data any, diags *diag.Diagnostics, block, urlEnv string, pick func(*clients) *T) *T {
	c := providerClients(data, diags)
	if c == nil {
		return nil
	}
	api := pick(c)
	if api == nil {
		diags.AddAttributeError(path.Root(block), block+" Is Not Configured",
			fmt.Sprintf("This data source reads the %s API: add a %s block to the provider or set %s and its credentials in the environment.", block, block, urlEnv))
	}
	return api
}

// createdObject is what a create answered, ready for state.
type createdObject struct {
	typeName string // resource type, e.g. openbanking_customer
	what     string // for messages, e.g. "customer"
	importID string // the resource's import ID for the object
	model    any    // the state built from the server's object
}

// saveCreated records a create's object in state. An object that already
// existed (err is a *client.ExistsError) is adopted only when it matches the
// plan; otherwise the error shows how to import it. A create interrupted
// after the server made the object is recorded with a warning.
func saveCreated(ctx context.Context, plan tfsdk.Plan, resp *resource.CreateResponse, err error, obj createdObject) {
	if client.IsExists(err) {
		adoptExisting(ctx, plan, resp, obj)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, obj.model)...)
	if ctx.Err() != nil {
		resp.Diagnostics.AddWarning("Operation Interrupted After the "+obj.what+" Was Created",
			fmt.Sprintf("The create was interrupted (%v) after the server created the %s %s; the provider found it "+
				"and recorded it in the state, so nothing is left behind.", context.Cause(ctx), obj.what, obj.importID))
	}
}

// adoptExisting records an object the server already had when the state it
// gives equals the plan, and refuses it otherwise.
func adoptExisting(ctx context.Context, plan tfsdk.Plan, resp *resource.CreateResponse, obj createdObject) {
	found := tfsdk.State{Schema: plan.Schema}
	resp.Diagnostics.Append(found.Set(ctx, obj.model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !matchesPlan(plan.Raw, found.Raw) {
		resp.Diagnostics.AddError("The "+obj.what+" Already Exists", alreadyExistsDetail(obj))
		return
	}
	tflog.Info(ctx, "adopting the existing object that matches the configuration", map[string]any{
		"resource_type": obj.typeName, "import_id": obj.importID,
	})
	resp.State.Raw = found.Raw
}

// matchesPlan: every attribute the plan knows has the same value in state.
func matchesPlan(plan, state tftypes.Value) bool {
	var planned, got map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&got) != nil {
		return false
	}
	for name, v := range planned {
		if v.IsFullyKnown() && !v.Equal(got[name]) {
			return false
		}
	}
	return true
}

// alreadyExistsDetail tells how to bring an existing object under management.
func alreadyExistsDetail(obj createdObject) string {
	return fmt.Sprintf("The server already has a %[1]s with this configuration's identifying values (import ID %[3]s), "+
		"but its other values differ from the configuration, so it was not adopted. Import it and then "+
		"reconcile the configuration, or change the identifying values:\n\n"+
		"  terraform import %[2]s.<NAME> %[3]s\n\nor add an import block:\n\n"+
		"import {\n  to = %[2]s.<NAME>\n  id = %[3]q\n}\n\nwhere <NAME> is this resource's name in the configuration.",
		obj.what, obj.typeName, obj.importID)
}

// childImportID is the import ID bank_id/customer_id/child_id.
func childImportID(bankID, customerID types.String, childID string) string {
	return bankID.ValueString() + "/" + customerID.ValueString() + "/" + childID
}
