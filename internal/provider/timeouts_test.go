package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An operation's timeout is the block's value for it, else the default; a
// value that does not parse is an error naming the operation.
func TestOperationTimeoutFromTheBlock(t *testing.T) {
	attrTypes := map[string]attr.Type{"create": types.StringType, "read": types.StringType}
	block := func(create, read types.String) timeouts.Value {
		return timeouts.Value{Object: types.ObjectValueMust(attrTypes, map[string]attr.Value{"create": create, "read": read})}
	}
	cases := []struct {
		name    string
		block   timeouts.Value
		op      string
		want    time.Duration
		wantErr string
	}{
		{"no block", timeouts.Value{Object: types.ObjectNull(attrTypes)}, "read", time.Minute, ""},
		{"set", block(types.StringValue("90s"), types.StringNull()), "create", 90 * time.Second, ""},
		{"left out", block(types.StringValue("90s"), types.StringNull()), "read", time.Minute, ""},
		{"unknown", block(types.StringUnknown(), types.StringNull()), "create", time.Minute, ""},
		{"not in the block", block(types.StringValue("90s"), types.StringNull()), "update", time.Minute, ""},
		{"unparsable", block(types.StringValue("soon"), types.StringNull()), "create", time.Minute, `timeout for "create" cannot be parsed`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			got := operationTimeout(tc.block, tc.op, time.Minute, &diags)
			if got != tc.want {
				t.Errorf("timeout %s, want %s", got, tc.want)
			}
			if tc.wantErr == "" && diags.HasError() {
				t.Errorf("unexpected error: %v", diags)
			}
			if tc.wantErr != "" && (!diags.HasError() || !strings.Contains(diags[0].Detail(), tc.wantErr)) {
				t.Errorf("error %v, want %q", diags, tc.wantErr)
			}
		})
	}
}
