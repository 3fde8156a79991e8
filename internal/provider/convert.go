package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// optString maps OBP's "" (never set) to null.
func optString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// firstNonEmpty returns the first of values that is not "".
func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// routingsFromAPI converts OBP routings (bank and account routings).
func routingsFromAPI(routings []obp.Routing) []routingModel {
	out := make([]routingModel, len(routings))
	for i, r := range routings {
		out[i] = routingModel{Scheme: optString(r.Scheme), Address: optString(r.Address)}
	}
	return out
}
