package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

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
