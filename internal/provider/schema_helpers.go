package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// requiredString is a required string of 1 to maxLen characters.
func requiredString(desc string, maxLen int) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{lengthBetween(maxLen)},
	}
}

// optionalString is an optional string OBP stores as "" when unset; null and ""
// mean the same to OBP and both are accepted.
func optionalString(desc string, maxLen int, extra ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc,
		Validators:          append([]validator.String{lengthAtMost(maxLen)}, extra...),
	}
}
