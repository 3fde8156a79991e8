package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// TestAccProvider_loginRefusedOnce: a refused DirectLogin is one error on the
// provider's obp block, made by one login request, and no resource runs.
func TestAccProvider_loginRefusedOnce(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	config := env.providerConfigAs(obpsandbox.AdminUsername, "wrong")
	for i := range 3 {
		config += fmt.Sprintf(`
resource "openbanking_customer" "c%d" {
  bank_id             = %q
  legal_name          = "Refused %d"
  mobile_phone_number = "+44 7700 90010%d"
}
`, i, env.bankID, i, i)
	}
	config += fmt.Sprintf("data \"openbanking_customer\" \"x\" {\n  bank_id = %q\n  customer_number = \"1\"\n}\n", env.bankID)
	const login = "POST /my/logins/direct"
	before := env.sandbox.RequestCount(login)
	var got error
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               func(err error) error { got = err; return nil },
		Steps:                    []resource.TestStep{{Config: config}},
	})
	if got == nil {
		t.Fatal("apply with a wrong password succeeded")
	}
	out := got.Error()
	if n := strings.Count(out, "Error: "); n != 1 {
		t.Errorf("%d errors, want 1:\n%s", n, out)
	}
	want := wrapped(`(?s)Error: OBP Refused the DirectLogin.*in provider "openbanking".*` +
		`POST /my/logins/direct answered HTTP 401\..*OBP-20004: Invalid login credentials.*Check obp.username and obp.password`)
	if !want.MatchString(out) {
		t.Errorf("error does not match %s:\n%s", want, out)
	}
	if n := env.sandbox.RequestCount(login) - before; n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
	for _, c := range env.sandbox.Customers(env.bankID) {
		if strings.HasPrefix(c.LegalName, "Refused") {
			t.Errorf("a resource ran: customer %q exists", c.LegalName)
		}
	}
}

// TestLoginRefusal: a refused login is one error on the obp block (never on a
// secret attribute, whose configuration line terraform would print) whose
// summary names the setting to fix.
func TestLoginRefusal(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	for key, want := range map[string]string{"nope": "(obp.consumer_key)", obpsandbox.ConsumerKey: "(obp.username / obp.password)"} {
		c := newTestClient(t, obp.Config{URL: env.url, Username: obpsandbox.AdminUsername, Password: "wrong", ConsumerKey: key})
		var diags diag.Diagnostics
		checkLogin(context.Background(), c, &diags)
		if len(diags.Errors()) != 1 {
			t.Fatalf("key %q: want one error, got %v", key, diags)
		}
		if wp, ok := diags.Errors()[0].(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(obpBlock) {
			t.Errorf("key %q: error not on the obp block: %v", key, diags)
		}
		if summary := diags.Errors()[0].Summary(); !strings.HasSuffix(summary, want) {
			t.Errorf("key %q: summary %q does not name %s", key, summary, want)
		}
	}
	// A refused ready token is one error on the obp block too.
	var tokenDiags diag.Diagnostics
	checkLogin(context.Background(), newTestClient(t, obp.Config{URL: env.url, Token: "not-a-token"}), &tokenDiags)
	if len(tokenDiags.Errors()) != 1 || tokenDiags.Errors()[0].Summary() != "OBP Refused the Token (obp.token / obp.bearer_token)" ||
		!strings.Contains(tokenDiags.Errors()[0].Detail(), "OBP-20003") {
		t.Errorf("refused token: want one error naming the token settings, got %v", tokenDiags)
	}
	// A server nothing answers for is one error on obp.url; an error answer
	// (here a 502 page) is left to the operations, which retry it.
	var diags diag.Diagnostics
	checkLogin(context.Background(), newTestClient(t, obp.Config{URL: "http://127.0.0.1:1", Username: "u", Password: "p", ConsumerKey: "k"}), &diags)
	if len(diags.Errors()) != 1 || diags.Errors()[0].Summary() != "Could Not Reach the OBP Server" ||
		!strings.Contains(diags.Errors()[0].Detail(), "http://127.0.0.1:1 (obp.url or OBP_URL)") {
		t.Errorf("a server that does not answer: want one error naming obp.url, got %v", diags)
	} else if wp, ok := diags.Errors()[0].(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(obpPath("url")) {
		t.Errorf("a server that does not answer: error not on obp.url: %v", diags)
	}
	gateway := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	t.Cleanup(gateway.Close)
	diags = nil
	checkLogin(context.Background(), newTestClient(t, obp.Config{URL: gateway.URL, Username: "u", Password: "p", ConsumerKey: "k", Settings: client.Settings{MaxRetries: 0}}), &diags)
	if diags.HasError() {
		t.Errorf("an error answer fails Configure: %v", diags)
	}
}
