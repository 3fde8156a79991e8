package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// lengthBetween refuses "" and values longer than OBP stores, counted in
// characters as OBP's columns count them.
func lengthBetween(maxLen int) validator.String { return runeLength{min: 1, max: maxLen} }

// lengthAtMost refuses values longer than OBP stores, counted in characters.
func lengthAtMost(maxLen int) validator.String { return runeLength{min: 0, max: maxLen} }

// runeLength checks a string's length in characters (runes), not bytes.
type runeLength struct{ min, max int }

func (v runeLength) Description(context.Context) string {
	if v.min == 0 {
		return fmt.Sprintf("must be at most %d characters", v.max)
	}
	return fmt.Sprintf("must be %d to %d characters", v.min, v.max)
}

func (v runeLength) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v runeLength) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := utf8.RuneCountInString(req.ConfigValue.ValueString())
	if n >= v.min && n <= v.max {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Length",
		fmt.Sprintf("%s %s, got %d.", req.Path, v.Description(ctx), n))
}

// wholeNumber accepts whole numbers from min to max, the range OBP stores.
type wholeNumber struct{ min, max int64 }

var _ validator.Number = wholeNumber{}

func (v wholeNumber) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v wholeNumber) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	if n, acc := f.Int64(); acc == big.Exact && n >= v.min && n <= v.max {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Number",
		fmt.Sprintf("%s %s, got %s.", req.Path, v.Description(ctx), numberText(f)))
}

// numberText writes whole numbers in full and others in the shortest form.
func numberText(f *big.Float) string {
	if f.IsInt() {
		return f.Text('f', 0)
	}
	return f.Text('g', -1)
}

// int64Of is a validated whole number attribute as an int64 (0 when null or unknown).
func int64Of(v types.Number) int64 {
	if v.IsNull() || v.IsUnknown() {
		return 0
	}
	n, _ := v.ValueBigFloat().Int64()
	return n
}

// numberOf is n as a Number value.
func numberOf(n int64) types.Number { return types.NumberValue(new(big.Float).SetInt64(n)) }

// bankIDValidator: OBP-30111, letters, digits, '-', '.', '_' and shorter than 255.
func bankIDValidator() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z0-9._-]{1,254}$`),
		"must contain only letters, digits, '.', '_' and '-' and be shorter than 255 characters (OBP-30111)")
}

// apiVersionValidator: an OBP version path segment such as v5.1.0.
func apiVersionValidator() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`),
		"must be an OBP API version of the form vN.N.N; the provider speaks v6.0.0, v5.1.0 and v5.0.0")
}

// directLoginRule describes the values obp.CheckDirectLoginValue accepts.
const directLoginRule = "No commas, quotes, backslashes or control characters, and no spaces at either end: " +
	"OBP's DirectLogin header cannot carry them."

// directLoginValue refuses a username, password or consumer key that the
// DirectLogin header cannot carry unchanged; the value is never shown.
type directLoginValue struct{}

var _ validator.String = directLoginValue{}

func (directLoginValue) Description(context.Context) string { return directLoginRule }

func (v directLoginValue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (directLoginValue) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	// "" is not set: Configure reports it as missing when DirectLogin needs it.
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	if err := obp.CheckDirectLoginValue(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid DirectLogin Value", directLoginDetail(req.Path.String(), err))
	}
}

// directLoginDetail says what is wrong with a DirectLogin value without showing it.
func directLoginDetail(name string, err error) string {
	return fmt.Sprintf("%s %s. Change the value on the OBP server and here, "+
		"or authenticate with token (OBP_TOKEN) or bearer_token (OBP_BEARER_TOKEN) instead.", name, err)
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

// emptyOr applies v to values other than "", which OBP treats as unset.
func emptyOr(v validator.String) validator.String { return emptyOrValidator{v} }

type emptyOrValidator struct{ validator.String }

func (v emptyOrValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		return
	}
	v.String.ValidateString(ctx, req, resp)
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
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Value",
		fmt.Sprintf("%s %s, got %q.", req.Path, v.desc, req.ConfigValue.ValueString()))
}
