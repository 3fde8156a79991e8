package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// hints say what to do about the OBP errors a user can fix.
var hints = map[string]string{
	"OBP-20001": "Check the provider's obp credentials.",
	"OBP-20003": "The token is invalid or expired: renew OBP_TOKEN / token, or use DirectLogin credentials.",
	"OBP-20004": "Check obp.username and obp.password (OBP_USERNAME, OBP_PASSWORD).",
	"OBP-20006": "Grant the user the role named above (POST /users/{USER_ID}/entitlements) or use a user that holds it.",
	"OBP-20008": "Check obp.consumer_key (OBP_CONSUMER_KEY): it must belong to an enabled consumer.",
	"OBP-20013": "The OBP user is locked after failed logins; an OBP administrator must unlock it.",
	"OBP-30001": "Check bank_id: the openbanking_banks data source lists the banks of the server.",
	"OBP-30006": "Choose a customer_number that no other customer of the bank has.",
	"OBP-30046": "The customer does not exist (any more) at this bank.",
	"OBP-30051": "OBP could not store the customer: a customer_number another customer of the bank already has, or a value longer than OBP stores, causes this.",
	"OBP-30058": "OBP could not store the change: a value longer than OBP stores causes this.",
	"OBP-10001": "Fix the value named in the message.",
	"OBP-10020": "Fix the value named in the message.",
}

// addAPIError adds a diagnostic for a failed API call: what failed, the API's
// code and message, and what to do. at, when not empty, scopes it to an attribute.
func addAPIError(diags *diag.Diagnostics, at path.Path, summary string, err error) {
	detail := err.Error()
	if apiErr, ok := client.AsAPIError(err); ok {
		detail = fmt.Sprintf("%s %s answered HTTP %d.\n\n%s", apiErr.Method, apiErr.Path, apiErr.StatusCode, apiErr.Message)
		for _, code := range apiErr.Codes {
			if hint, ok := hints[code]; ok {
				detail += "\n\n" + hint
				break
			}
		}
	}
	if at.Equal(path.Empty()) {
		diags.AddError(summary, detail)
		return
	}
	diags.AddAttributeError(at, summary, detail)
}

// notConfigured reports a resource used without provider data.
func providerClients(data any, diags *diag.Diagnostics) *clients {
	if data == nil {
		return nil
	}
	c, ok := data.(*clients)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *clients, got %T", data))
		return nil
	}
	return c
}
