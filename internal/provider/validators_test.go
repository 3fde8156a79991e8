package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringErrors runs a string validator on value and returns its error details.
func stringErrors(v validator.String, attr, value string) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(attr), ConfigValue: types.StringValue(value)}, resp)
	var out []string
	for _, d := range resp.Diagnostics.Errors() {
		out = append(out, d.Detail())
	}
	return strings.Join(out, "\n")
}

func TestLengthCountsCharacters(t *testing.T) {
	if got := stringErrors(lengthBetween(100), "rating", strings.Repeat("名", 100)); got != "" {
		t.Errorf("100 characters of 3 bytes each must fit 100: %s", got)
	}
	want := "rating must be 1 to 100 characters, got 101."
	if got := stringErrors(lengthBetween(100), "rating", strings.Repeat("名", 101)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := stringErrors(lengthAtMost(16), "relationship_status", ""); got != "" {
		t.Errorf("an optional string accepts \"\": %s", got)
	}
	want = "relationship_status must be at most 16 characters, got 17."
	if got := stringErrors(lengthAtMost(16), "relationship_status", strings.Repeat("é", 17)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWholeNumber(t *testing.T) {
	v := wholeNumber{min: 0, max: 2147483647}
	for in, want := range map[string]string{
		"0":                   "",
		"2147483647":          "",
		"1.5":                 "dependants must be a whole number from 0 to 2147483647, got 1.5.",
		"-1":                  "dependants must be a whole number from 0 to 2147483647, got -1.",
		"2147483648":          "dependants must be a whole number from 0 to 2147483647, got 2147483648.",
		"9223372036854775808": "dependants must be a whole number from 0 to 2147483647, got 9223372036854775808.",
	} {
		f, _, err := big.ParseFloat(in, 10, 512, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		resp := &validator.NumberResponse{}
		v.ValidateNumber(context.Background(), validator.NumberRequest{Path: path.Root("dependants"), ConfigValue: types.NumberValue(f)}, resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics.Errors()[0].Detail()
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

func TestDateValidatorRefusesDatesOBPChanges(t *testing.T) {
	for in, want := range map[string]string{
		"1990-05-17":                "",
		"1582-10-15":                "",
		"9999-12-31T23:59:59Z":      "",
		"2019-03-02T12:00:00+02:00": "",
		"0001-01-01":                "date_of_birth: 0001-01-01 is outside the dates OBP stores unchanged (1582-10-15 to 9999-12-31)",
		"0001-01-01T00:00:00Z":      "date_of_birth: 0001-01-01 is outside",
		"1582-10-14T23:59:59Z":      "is outside the dates OBP stores unchanged",
		"9999-12-31T23:00:00-05:00": "is outside the dates OBP stores unchanged",
		"1990-05-17T10:00:00.5Z":    "date_of_birth: OBP stores whole seconds: drop the fraction of a second.",
		"1990-13-45":                `date_of_birth: "1990-13-45" is not a date`,
	} {
		got := stringErrors(dateValidator{}, "date_of_birth", in)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}
