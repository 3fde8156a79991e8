package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// taxResidencePlan is a planned tax residence (id unknown) and a create response for it.
func taxResidencePlan(t *testing.T) (taxResidenceModel, tfsdk.Plan, *resource.CreateResponse) {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&taxResidenceResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	model := taxResidenceModel{
		BankID: types.StringValue("b"), CustomerID: types.StringValue("c"), TaxResidenceID: types.StringUnknown(),
		Domain: types.StringValue("GB"), TaxNumber: types.StringValue("1"),
	}
	typ, diags := sr.Schema.TypeAtPath(ctx, path.Root("timeouts"))
	if diags.HasError() {
		t.Fatal(diags)
	}
	model.Timeouts = timeouts.Value{Object: types.ObjectNull(typ.(timeouts.Type).AttrTypes)}
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
	if diags := plan.Set(ctx, model); diags.HasError() {
		t.Fatal(diags)
	}
	return model, plan, &resource.CreateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: plan.Raw.Copy()}}
}

func TestSaveCreated(t *testing.T) {
	for _, tt := range []struct {
		name        string
		cancelled   bool
		err         error
		number      string
		wantState   bool
		wantWarning string
		wantError   []string
	}{
		{"created", false, nil, "1", true, "", nil},
		{"interrupted after the server made it", true, nil, "1", true, "Operation Interrupted After the tax residence Was Created", nil},
		{"existing and equal: adopted", false, &client.ExistsError{}, "1", true, "", nil},
		{"existing and different: import command", false, &client.ExistsError{}, "2", false, "", []string{
			"terraform import openbanking_tax_residence.<NAME> b/c/t1",
			"import {\n  to = openbanking_tax_residence.<NAME>\n  id = \"b/c/t1\"\n}",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			model, plan, resp := taxResidencePlan(t)
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancelled {
				cancel()
			}
			defer cancel()
			got := taxResidenceFromAPI(&obp.TaxResidence{TaxResidenceID: "t1", Domain: "GB", TaxNumber: tt.number}, model)
			saveCreated(ctx, plan, resp, tt.err, createdObject{
				typeName: "openbanking_tax_residence", what: "tax residence", importID: "b/c/t1", model: got})
			var id types.String
			resp.State.GetAttribute(context.Background(), path.Root("tax_residence_id"), &id)
			if tt.wantState != (id.ValueString() == "t1") {
				t.Errorf("state id %s; want recorded=%v", id, tt.wantState)
			}
			checkDiags(t, resp.Diagnostics, tt.wantWarning, tt.wantError)
		})
	}
}

func checkDiags(t *testing.T, diags diag.Diagnostics, warning string, errs []string) {
	t.Helper()
	warnings := diags.Warnings()
	if (warning == "") != (len(warnings) == 0) || (warning != "" && warnings[0].Summary() != warning) {
		t.Errorf("warnings %v, want %q", warnings, warning)
	}
	if len(errs) == 0 && diags.HasError() {
		t.Errorf("errors %v", diags.Errors())
	}
	for _, want := range errs {
		if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), want) {
			t.Errorf("errors %v, want one containing %q", diags.Errors(), want)
		}
	}
}

func TestInterruptedCreateNothingMadeNote(t *testing.T) {
	err := &client.AmbiguousError{Err: fmt.Errorf("POST /x: %w", context.Canceled), Checked: true}
	var diags diag.Diagnostics
	addAPIError(&diags, path.Empty(), "Could not create", err)
	if !strings.Contains(diags.Errors()[0].Detail(), "interrupted after the create was sent") ||
		!strings.Contains(diags.Errors()[0].Detail(), "nothing was created") {
		t.Fatalf("detail %q", diags.Errors()[0].Detail())
	}
}

// detailOf is the diagnostic detail addAPIError gives for err.
func detailOf(err error) string {
	var diags diag.Diagnostics
	addAPIError(&diags, path.Empty(), "Could not read", err)
	return diags.Errors()[0].Detail()
}

// A missing role is recognised by its code on both server generations, and a
// renamed customer read role is named in both generations' spelling.
func TestMissingRoleHintBothGenerations(t *testing.T) {
	for _, msg := range []string{
		"OBP-20006: User is missing one or more roles: CanGetCustomer at Bank(demo.bank.01)",
		"OBP-20006: User is missing one or more roles: CanGetCustomersAtOneBank",
		"OBP-20006: User is missing one or more roles: CanGetCustomers for BankId(demo.bank.01).",
	} {
		got := detailOf(client.NewAPIError("GET", "/obp/v5.1.0/banks/b/customers", 403, msg))
		for _, want := range []string{
			msg, "Grant the user the role named above",
			"CanGetCustomersAtOneBank (OBP-API 2026) or CanGetCustomer / CanGetCustomers (earlier servers)",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%q: detail %q\nlacks %q", msg, got, want)
			}
		}
	}
	got := detailOf(client.NewAPIError("POST", "/x", 403, "OBP-20006: User is missing one or more roles: CanCreateCustomer or CanCreateCustomerAtAnyBank"))
	if !strings.Contains(got, "Grant the user the role named above") || strings.Contains(got, "renamed") {
		t.Errorf("detail %q", got)
	}
}

// Unknown failures of either generation and the 2026 endpoint timeout read
// cleanly: the server's words, the status, no empty code.
func TestServerFailureDetails(t *testing.T) {
	for _, tt := range []struct {
		status int
		msg    string
		want   []string
	}{
		{500, "OBP-50000: Unknown Error.: deadlock detected", []string{"answered HTTP 500.\n\nOBP-50000: Unknown Error.: deadlock detected", "its own reason"}},
		{500, "OBP-50015: The server encountered an unexpected condition which prevented it from fulfilling the request.", []string{"answered HTTP 500.\n\nOBP-50015", "server's log"}},
		{504, "Request timeout: backend service did not respond within 55000ms.", []string{
			"GET /x answered HTTP 504.\n\nRequest timeout: backend service did not respond within 55000ms.", "gave up waiting"}},
	} {
		got := detailOf(client.NewAPIError("GET", "/x", tt.status, tt.msg))
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("detail %q\nlacks %q", got, want)
			}
		}
		if strings.Contains(got, "()") || strings.Contains(got, "( )") {
			t.Errorf("empty code in %q", got)
		}
	}
}
