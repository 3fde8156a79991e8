package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// lengthBetween refuses "" (OBP treats it as unset: leave the attribute out) and values longer than OBP stores.
func lengthBetween(maxLen int) validator.String { return stringvalidator.LengthBetween(1, maxLen) }

// bankIDValidator: OBP-30111, letters, digits, '-', '.', '_' and shorter than 255.
func bankIDValidator() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z0-9._-]{1,254}$`),
		"must contain only letters, digits, '.', '_' and '-' and be shorter than 255 characters (OBP-30111)")
}

// idValidator: the shape OBP requires of *_id fields in POST bodies (OBP-10001).
func idValidator() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z0-9._-]{1,36}$`),
		"must be 1 to 36 letters, digits, '.', '_' or '-' (OBP refuses other ids with OBP-10001)")
}

func decimalValidator() validator.String {
	return funcValidator{"must be a decimal number such as 5000 or 5000.50", func(s string) bool {
		_, ok := new(big.Rat).SetString(s)
		return ok && !strings.ContainsAny(s, "/eE")
	}}
}

func notContaining(sub string) validator.String {
	return funcValidator{fmt.Sprintf("must not contain %q", sub), func(s string) bool { return !strings.Contains(s, sub) }}
}

// funcValidator checks a known string with a predicate.
type funcValidator struct {
	desc string
	ok   func(string) bool
}

func (v funcValidator) Description(context.Context) string         { return v.desc }
func (v funcValidator) MarkdownDescription(context.Context) string { return v.desc }

func (v funcValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.ok(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid value",
		fmt.Sprintf("%s %s, got %q.", req.Path, v.desc, req.ConfigValue.ValueString()))
}

// sameDatesPlan keeps the state list when every configured date is the same instant.
type sameDatesPlan struct{}

var _ planmodifier.List = sameDatesPlan{}

func (sameDatesPlan) Description(context.Context) string {
	return "dates written differently but meaning the same instants are not a change"
}

func (m sameDatesPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameDatesPlan) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if sameDateList(req.StateValue.Elements(), req.PlanValue.Elements()) {
		resp.PlanValue = req.StateValue
	}
}

func sameDateList(a, b []attr.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		sa, okA := a[i].(types.String)
		sb, okB := b[i].(types.String)
		if !okA || !okB || sa.IsUnknown() || sb.IsUnknown() || !sameDate(sa.ValueString(), sb.ValueString()) {
			return false
		}
	}
	return true
}

// splitImportID splits "a/b[/c]" into exactly len(names) non-empty parts.
func splitImportID(id string, names ...string) ([]string, bool) {
	parts := strings.Split(id, "/")
	if len(parts) != len(names) {
		return nil, false
	}
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
	}
	return parts, true
}
