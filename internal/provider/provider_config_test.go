package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

var compareEqual = compare.ValuesSame()

// TestAccProvider_configErrors: missing or wrong settings fail on the attribute to fix.
func TestAccProvider_configErrors(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	for _, name := range []string{"OBP_URL", "OBP_BASE_URL", "OBP_API_HOST", "OBP_USERNAME", "OBP_PASSWORD", "OBP_CONSUMER_KEY", "OBP_TOKEN", "OBP_DIRECT_LOGIN_TOKEN", "OBP_AUTH_TOKEN", "OBP_BEARER_TOKEN", "OBP_REQUEST_TIMEOUT"} {
		t.Setenv(name, "")
	}
	// Reading a customer needs a login (the banks are public).
	lookup := fmt.Sprintf("data \"openbanking_customer\" \"x\" {\n  bank_id = %q\n  customer_number = \"1\"\n}\n", env.bankID)
	step := func(obpBlock, want string) resource.TestStep {
		return resource.TestStep{
			Config:      fmt.Sprintf("provider \"openbanking\" {\n  obp {\n%s\n  }\n}\n%s", obpBlock, lookup),
			ExpectError: regexp.MustCompile(want),
		}
	}
	creds := fmt.Sprintf("username = %q\npassword = %q\nconsumer_key = %q", obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(creds, `(?s)Missing OBP URL.*OBP_URL environment variable`),
			step(fmt.Sprintf("url = %q\nusername = \"x\"", env.url), `(?s)Missing OBP Credential password.*OBP_PASSWORD environment variable`),
			step(fmt.Sprintf("url = %q\ntoken = \"a\"\nbearer_token = \"b\"", env.url), `(?s)Conflicting OBP Credentials.*Set either token \(DirectLogin\) or bearer_token`),
			step(fmt.Sprintf("url = %q\n%s\nrequest_timeout = \"soon\"", env.url, creds), `(?s)obp.request_timeout must be a Go duration from 1s to 1h`),
			step(fmt.Sprintf("url = %q\nusername = %q\npassword = \"wrong\"\nconsumer_key = %q", env.url, obpsandbox.AdminUsername, obpsandbox.ConsumerKey),
				`(?s)OBP-20004: Invalid login credentials.*Check obp.username and obp.password`),
			step(fmt.Sprintf("url = %q\nusername = %q\npassword = %q\nconsumer_key = \"unknown\"", env.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword),
				`(?s)OBP-20008: Invalid Consumer Key.*Check obp.consumer_key`),
			step(fmt.Sprintf("url = %q\ntoken = \"not-a-token\"", env.url),
				`(?s)HTTP\s+40[01].*OBP-20003: This DirectLogin token is invalid or expired.*renew OBP_TOKEN`), // 401 on 2026 servers
		},
	})
}

// TestAccProvider_envConfig: an empty provider block is configured from OBP_* variables.
func TestAccProvider_envConfig(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	t.Setenv("OBP_URL", env.url)
	t.Setenv("OBP_USERNAME", obpsandbox.AdminUsername)
	t.Setenv("OBP_PASSWORD", obpsandbox.AdminPassword)
	t.Setenv("OBP_CONSUMER_KEY", obpsandbox.ConsumerKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "openbanking" {}` + "\n" + fmt.Sprintf(`
resource "openbanking_customer" "test" {
  bank_id             = %q
  legal_name          = "Env Config"
  mobile_phone_number = "+44 7700 900777"
}`, env.bankID),
			Check: resource.TestCheckResourceAttrSet(customerAddr, "customer_id"),
		}},
	})
}

// TestPlainHTTPWarning: credentials sent over plain HTTP to another machine get a warning on the URL.
func TestPlainHTTPWarning(t *testing.T) {
	for rawURL, warn := range map[string]bool{
		"http://obp.example.com":    true,
		"http://10.0.0.7:8080":      true,
		"https://obp.example.com":   false,
		"http://127.0.0.1:18080":    false,
		"http://localhost:8080":     false,
		"http://[::1]:8080/obp-api": false,
	} {
		m := &obpConfigModel{URL: types.StringValue(rawURL), Token: types.StringValue("t")}
		_, _, diags := m.resolve("test")
		if diags.HasError() {
			t.Fatalf("%s: %v", rawURL, diags)
		}
		got := diags.WarningsCount() == 1
		if got != warn {
			t.Fatalf("%s: warnings %v, want warning %v", rawURL, diags, warn)
		}
		if warn {
			d := diags.Warnings()[0]
			want := "obp.url is " + rawURL + ": credentials, tokens and customer data would cross the network unencrypted."
			if d.Summary() != "Plain HTTP to a Remote Host" || !strings.HasPrefix(d.Detail(), want) {
				t.Errorf("%s: warning %q / %q", rawURL, d.Summary(), d.Detail())
			}
			if wp, ok := d.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(obpPath("url")) {
				t.Errorf("%s: warning not on obp.url", rawURL)
			}
		}
	}
}

// TestOperationTimeout: obp.operation_timeout is the default bound of resource operations.
func TestOperationTimeout(t *testing.T) {
	for value, want := range map[string]time.Duration{"": defaultOperationTimeout, "90s": 90 * time.Second} {
		m := &obpConfigModel{URL: types.StringValue("https://obp.example.com"), Token: types.StringValue("t")}
		if value != "" {
			m.OperationTimeout = types.StringValue(value)
		}
		_, got, diags := m.resolve("test")
		if diags.HasError() || got != want {
			t.Errorf("operation_timeout %q: got %v %v, want %v", value, got, diags, want)
		}
	}
	m := &obpConfigModel{URL: types.StringValue("https://obp.example.com"), Token: types.StringValue("t"), OperationTimeout: types.StringValue("-1m")}
	_, _, diags := m.resolve("test")
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), `"-1m" is not a Go duration from 1s to 24h`) {
		t.Errorf("negative operation_timeout: %v", diags)
	}
}

// TestDurationsFromEnvironment: timeouts and api_version from the environment get the same checks as in the block.
func TestDurationsFromEnvironment(t *testing.T) {
	for env, want := range map[string]string{
		"OBP_OPERATION_TIMEOUT=1ns": `"1ns" is not a Go duration from 1s to 24h such as 30s or 2m (from the obp block or OBP_OPERATION_TIMEOUT).`,
		"OBP_REQUEST_TIMEOUT=2h":    `"2h" is not a Go duration from 1s to 1h such as 30s or 2m (from the obp block or OBP_REQUEST_TIMEOUT).`,
		"OBP_API_VERSION=v5.1.0/x":  "Attribute obp.api_version must be an OBP API version of the form vN.N.N; the provider speaks v6.0.0, v5.1.0 and v5.0.0, got: v5.1.0/x (from the obp block or OBP_API_VERSION)",
	} {
		name, value, _ := strings.Cut(env, "=")
		t.Setenv(name, value)
		m := &obpConfigModel{URL: types.StringValue("https://obp.example.com"), Token: types.StringValue("t")}
		_, _, diags := m.resolve("test")
		if len(diags.Errors()) != 1 || diags.Errors()[0].Detail() != want {
			t.Errorf("%s: got %v, want %q", env, diags, want)
		}
		t.Setenv(name, "")
	}
}

// TestInsecureSkipVerifyWarns: turning TLS verification off warns on the attribute, from the block or the environment.
func TestInsecureSkipVerifyWarns(t *testing.T) {
	for _, fromEnv := range []bool{false, true} {
		m := &obpConfigModel{URL: types.StringValue("https://obp.example.com"), Token: types.StringValue("t")}
		if fromEnv {
			t.Setenv("OBP_INSECURE_SKIP_VERIFY", "true")
		} else {
			m.InsecureSkipVerify = types.BoolValue(true)
		}
		_, _, diags := m.resolve("test")
		if diags.HasError() || len(diags.Warnings()) != 1 {
			t.Fatalf("env %v: want one warning, got %v", fromEnv, diags)
		}
		w := diags.Warnings()[0]
		if wp, ok := w.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(obpPath("insecure_skip_verify")) ||
			!strings.Contains(w.Detail(), "accepts any certificate") {
			t.Errorf("env %v: warning %q not on obp.insecure_skip_verify", fromEnv, w.Detail())
		}
	}
}

// TestDirectLoginValuesFromEnvironment: credentials the DirectLogin header cannot carry are refused on their
// attribute without showing them.
func TestDirectLoginValuesFromEnvironment(t *testing.T) {
	for _, f := range []struct{ attr, env, value, want string }{
		{"username", "OBP_USERNAME", "ad,min", "obp.username (from the obp block or OBP_USERNAME) must not contain a comma"},
		{"password", "OBP_PASSWORD", "se\\cret", `obp.password (from the obp block or OBP_PASSWORD) must not contain '\\'`},
		{"consumer_key", "OBP_CONSUMER_KEY", " key", "obp.consumer_key (from the obp block or OBP_CONSUMER_KEY) must not start or end with spaces"},
	} {
		t.Run(f.attr, func(t *testing.T) {
			t.Setenv("OBP_USERNAME", "admin")
			t.Setenv("OBP_PASSWORD", "pw")
			t.Setenv("OBP_CONSUMER_KEY", "key")
			t.Setenv(f.env, f.value)
			m := &obpConfigModel{URL: types.StringValue("https://obp.example.com")}
			_, _, diags := m.resolve("test")
			if len(diags.Errors()) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			e := diags.Errors()[0]
			wp, ok := e.(diag.DiagnosticWithPath)
			if !ok || !wp.Path().Equal(obpPath(f.attr)) || !strings.Contains(e.Detail(), f.want) {
				t.Errorf("got %q, want it on obp.%s containing %q", e.Detail(), f.attr, f.want)
			}
			if strings.Contains(e.Detail(), f.value) || strings.Contains(e.Summary(), f.value) {
				t.Errorf("the diagnostic shows the value: %q", e.Detail())
			}
		})
	}
}

// TestDirectLoginValidatorHidesValue: the plan-time check names the attribute and never the value.
func TestDirectLoginValidatorHidesValue(t *testing.T) {
	got := stringErrors(directLoginValue{}, "password", "s3cr3t,pw")
	if !strings.Contains(got, "password must not contain a comma") || strings.Contains(got, "s3cr3t") {
		t.Errorf("got %q", got)
	}
	if got := stringErrors(directLoginValue{}, "password", "fine-Pässwörd!"); got != "" {
		t.Errorf("a plain password is refused: %q", got)
	}
}

// TestWholeNumbersFromEnvironment: whole-number settings from the environment get the block's range check.
func TestWholeNumbersFromEnvironment(t *testing.T) {
	for env, want := range map[string]string{
		"OBP_MAX_RETRIES=-1":  "obp.max_retries must be a whole number from 0 to 20 (from the obp block or OBP_MAX_RETRIES), got -1.",
		"OBP_MAX_RETRIES=1.5": "obp.max_retries must be a whole number from 0 to 20 (from the obp block or OBP_MAX_RETRIES), got 1.5.",
		"OBP_MAX_RETRIES=21":  "obp.max_retries must be a whole number from 0 to 20 (from the obp block or OBP_MAX_RETRIES), got 21.",
	} {
		name, value, _ := strings.Cut(env, "=")
		t.Setenv(name, value)
		m := &obpConfigModel{URL: types.StringValue("https://obp.example.com"), Token: types.StringValue("t")}
		_, _, diags := m.resolve("test")
		if len(diags.Errors()) != 1 || diags.Errors()[0].Detail() != want {
			t.Errorf("%s: got %v, want %q", env, diags, want)
		}
	}
	t.Setenv("IVY_PAGE_SIZE", "101")
	_, diags := (&ivyConfigModel{URL: types.StringValue("https://ivy.example"), APIKey: types.StringValue("k")}).client("test")
	if want := "ivy.page_size must be a whole number from 1 to 100 (from the ivy block or IVY_PAGE_SIZE), got 101."; len(diags.Errors()) != 1 || diags.Errors()[0].Detail() != want {
		t.Errorf("IVY_PAGE_SIZE=101: got %v, want %q", diags, want)
	}
}
