package provider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// badInput is one wrong configuration or failing server and the diagnostic a
// user must see: the attribute, the API's code and message, and what to do.
type badInput struct {
	name   string
	config func(e *accEnv, t *testing.T) string
	want   string
}

// customerHCL is a customer resource with extra attributes.
func customerHCL(bankID, extra string) string {
	return fmt.Sprintf(`
resource "openbanking_customer" "bad" {
  bank_id             = %q
  legal_name          = "Bad Input"
  mobile_phone_number = "+44 7700 900999"
%s
}
`, bankID, extra)
}

// withCustomer is the admin provider plus a customer with extra attributes.
func withCustomer(extra string) func(*accEnv, *testing.T) string {
	return func(e *accEnv, _ *testing.T) string { return e.providerConfig() + customerHCL(e.bankID, extra) }
}

// withChild is the admin provider, a customer and a child resource of it.
func withChild(kind, body string) func(*accEnv, *testing.T) string {
	return func(e *accEnv, _ *testing.T) string { return e.parentCustomer() + childHCL(kind, "bad", body) }
}

func childHCL(kind, name, body string) string {
	return fmt.Sprintf(`
resource %q %q {
  bank_id     = openbanking_customer.parent.bank_id
  customer_id = openbanking_customer.parent.customer_id
%s
}
`, kind, name, body)
}

// withDefinition is the admin provider plus an attribute definition.
func withDefinition(body string) func(*accEnv, *testing.T) string {
	return func(e *accEnv, _ *testing.T) string {
		return e.providerConfig() + fmt.Sprintf("resource \"openbanking_customer_attribute_definition\" \"bad\" {\n  bank_id = %q\n%s\n}\n", e.bankID, body)
	}
}

// withProvider is a customer created through a provider with this obp block;
// the block speaks the environment's OBP version unless it sets api_version.
func withProvider(obpBlock func(e *accEnv, t *testing.T) string) func(*accEnv, *testing.T) string {
	return func(e *accEnv, t *testing.T) string {
		return fmt.Sprintf("provider \"openbanking\" {\n  obp {\n%s\n    max_retries = 0\n  }\n}\n", e.withVersion(obpBlock(e, t))) + customerHCL(e.bankID, "")
	}
}

// withVersion adds the environment's api_version to an obp block without one.
func (e *accEnv) withVersion(obpBlock string) string {
	if strings.Contains(obpBlock, "api_version") {
		return obpBlock
	}
	return obpBlock + fmt.Sprintf("\n    api_version = %q", e.apiVersion)
}

func adminLogin(url string) string {
	return fmt.Sprintf("    url = %q\n    username = %q\n    password = %q\n    consumer_key = %q",
		url, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey)
}

// withServer is a customer created against a server that answers every request with handler.
func withServer(handler http.HandlerFunc) func(*accEnv, *testing.T) string {
	return withProvider(func(_ *accEnv, t *testing.T) string {
		srv := httptest.NewServer(handler)
		t.Cleanup(srv.Close)
		return adminLogin(srv.URL)
	})
}

func answer(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// withFaults is a customer created while the sandbox injects faults with max_retries = 0.
// withFaults runs the case against a sandbox of its own, whose faults no
// other case sees; it too must be left as it was.
func withFaults(cfg faults.Config, extra string) func(*accEnv, *testing.T) string {
	return func(_ *accEnv, t *testing.T) string {
		own := newAccEnv(t)
		own.requireSandbox(t)
		before := own.serverObjects()
		own.all.Faults.Set(cfg)
		t.Cleanup(func() {
			own.all.Faults.Set(faults.Config{})
			if after := own.serverObjects(); after != before {
				t.Errorf("the server changed: before %s, after %s", before, after)
			}
		})
		return own.providerConfig() + customerHCL(own.bankID, extra)
	}
}

func badInputs() []badInput {
	return append(append(planTimeBadInputs(), serverBadInputs()...), transportBadInputs()...)
}

// planTimeBadInputs fail at plan, before any request.
func planTimeBadInputs() []badInput {
	return []badInput{
		{"customer bank_id with a slash", func(e *accEnv, _ *testing.T) string { return e.providerConfig() + customerHCL("bank/1", "") },
			`(?s)bank_id.*must contain only letters, digits, '.', '_' and '-' and be shorter\s+than 255 characters \(OBP-30111\)`},
		{"customer legal_name missing", func(e *accEnv, _ *testing.T) string {
			return e.providerConfig() + fmt.Sprintf("resource \"openbanking_customer\" \"bad\" {\n  bank_id = %q\n  mobile_phone_number = \"1\"\n}\n", e.bankID)
		}, `The argument "legal_name" is required`},
		{"customer legal_name too long", withCustomer(`  title = "` + strings.Repeat("x", 256) + `"`),
			`(?s)Invalid Length.*title must be at most 255 characters, got 256\.`},
		{"customer rating longer than OBP stores in characters", withCustomer("  credit_rating = { rating = \"" + strings.Repeat("名", 101) + "\", source = \"s\" }"),
			`(?s)Invalid Length.*credit_rating.rating must be 1 to 100 characters, got 101\.`},
		{"customer date_of_birth year 1", withCustomer(`  date_of_birth = "0001-01-01"`),
			`(?s)Invalid Date.*date_of_birth: 0001-01-01 is outside the dates OBP stores unchanged \(1582-10-15 to 9999-12-31\)`},
		{"customer last_ok_date zero timestamp", withCustomer(`  last_ok_date = "0001-01-01T00:00:00Z"`),
			`(?s)Invalid Date.*last_ok_date: 0001-01-01 is outside the dates OBP stores unchanged`},
		{"customer face_image date before the Gregorian calendar", withCustomer(`  face_image = { url = "https://img.example/a.png", date = "1500-01-01" }`),
			`(?s)Invalid Date.*face_image.date: 1500-01-01 is outside the dates OBP stores unchanged`},
		{"customer dob_of_dependants year 1", withCustomer("  dependants = 1\n  dob_of_dependants = [\"0001-01-01\"]"),
			`(?s)Invalid Date.*dob_of_dependants\[0\]: 0001-01-01 is outside the dates OBP stores unchanged`},
		{"customer date_of_birth with a fraction of a second", withCustomer(`  date_of_birth = "1990-05-17T10:00:00.5Z"`),
			`(?s)Invalid Date.*date_of_birth: OBP stores whole seconds: drop the fraction of a second`},
		{"customer dependants not whole", withCustomer("  dependants = 1.5"),
			`(?s)Invalid Number.*dependants must be a whole number from 0 to 2147483647, got 1\.5\.`},
		{"customer dependants beyond int64", withCustomer("  dependants = 9223372036854775808"),
			`(?s)Invalid Number.*dependants must be a whole number from 0 to 2147483647, got 9223372036854775808\.`},
		{"customer date_of_birth not a date", withCustomer(`  date_of_birth = "1990-13-45"`), `(?s)date_of_birth.*"1990-13-45" is not a date`},
		{"customer dob_of_dependants not a date", withCustomer("  dependants = 1\n  dob_of_dependants = [\"yesterday\"]"), `(?s)Invalid Date.*dob_of_dependants.*"yesterday" is not a date in the form YYYY-MM-DD or RFC 3339`},
		{"customer dependants without dates", withCustomer("  dependants = 2\n  dob_of_dependants = [\"2010-01-01\"]"),
			`(?s)dependants Does Not Match dob_of_dependants.*dependants \(2\) equals the number of dob_of_dependants \(1\); otherwise it answers OBP-10020. Give one date of birth per dependant`},
		{"customer negative dependants", withCustomer("  dependants = -1\n  dob_of_dependants = []"), `(?s)Invalid Number.*dependants must be a whole number from 0 to 2147483647, got -1\.`},
		{"customer credit_limit amount not a number", withCustomer("  credit_limit = { currency = \"EUR\", amount = \"12,5\" }"),
			`(?s)credit_limit.amount.*must be a decimal number such as 5000 or 5000.50`},
		{"customer credit_limit amount in exponent form", withCustomer("  credit_limit = { currency = \"EUR\", amount = \"1e3\" }"),
			`must be a decimal number such as 5000 or 5000.50`},
		{"customer customer_number with ::::", withCustomer(`  customer_number = "a::::b"`), `(?s)customer_number.*must not contain "::::"`},
		{"customer branch_id with a space", withCustomer(`  branch_id = "main branch"`), `(?s)branch_id.*must be 1 to 36 letters, digits, '.', '_' or '-' \(OBP refuses other ids with OBP-10001\)`},
		{"customer face_image without date", withCustomer(`  face_image = { url = "https://img.example/a.png" }`), `Incorrect attribute value type|attribute "date" is required`},
		{"customer timeouts not a duration", withCustomer("  timeouts {\n    create = \"soon\"\n  }"), `(?s)Invalid Attribute Value Time Duration.*"soon" must be a string containing a sequence of decimal numbers`},
		{"customer timeouts negative", withCustomer("  timeouts {\n    create = \"-1s\"\n  }"),
			`(?s)Invalid Value.*timeouts.create must be a Go duration from 1s to 24h, such as 30s, 20m or 1h, got "-1s"\.`},
		{"customer timeouts of a nanosecond", withCustomer("  timeouts {\n    delete = \"1ns\"\n  }"),
			`(?s)timeouts.delete must be a Go duration from 1s to 24h, such as 30s, 20m or 1h, got "1ns"\.`},
		{"customer timeouts over a day", withCustomer("  timeouts {\n    read = \"25h\"\n  }"),
			`(?s)timeouts.read must be a Go duration from 1s to 24h, such as 30s, 20m or 1h, got "25h"\.`},
		{"address country_code of three letters", withChild("openbanking_customer_address", "  line_1 = \"1 Main St\"\n  city = \"Leeds\"\n  country_code = \"GBR\""),
			`must be an ISO 3166-1 alpha-2 code of two upper-case letters, such as GB`},
		{"address tag with a comma", withChild("openbanking_customer_address", "  line_1 = \"1\"\n  city = \"Leeds\"\n  country_code = \"GB\"\n  tags = [\"a,b\"]"),
			`must not contain ","`},
		{"address tags longer than OBP stores", withChild("openbanking_customer_address", "  line_1 = \"1\"\n  city = \"Leeds\"\n  country_code = \"GB\"\n  tags = [\"mailing\", \"billing\", \"homes\"]"),
			`(?s)Tags Too Long.*tags.*OBP stores address tags joined with commas in 20 characters; these take 21\.`},
		{"address postcode too long", withChild("openbanking_customer_address", "  line_1 = \"1\"\n  city = \"Leeds\"\n  country_code = \"GB\"\n  postcode = \""+strings.Repeat("9", 21)+"\""),
			`(?s)Invalid Length.*postcode must be at most 20 characters, got 21\.`},
		{"attribute type not an OBP type", withChild("openbanking_customer_attribute", "  name = \"SEGMENT\"\n  type = \"TEXT\"\n  value = \"x\""),
			`(?s)type value must be one of:.*"STRING"`},
		{"attribute DOUBLE value not a number", withChild("openbanking_customer_attribute", "  name = \"SCORE\"\n  type = \"DOUBLE\"\n  value = \"high\""),
			`(?s)Value Does Not Match Type.*value.*"high" is not a valid DOUBLE value \(INTEGER: 123, DOUBLE: 12.1234`},
		{"attribute INTEGER value with a fraction", withChild("openbanking_customer_attribute", "  name = \"AGE\"\n  type = \"INTEGER\"\n  value = \"1.5\""),
			`(?s)Value Does Not Match Type.*value.*"1.5" is not a valid INTEGER value`},
		{"attribute DATE_WITH_DAY value not a date", withChild("openbanking_customer_attribute", "  name = \"SINCE\"\n  type = \"DATE_WITH_DAY\"\n  value = \"2020-02-31\""),
			`(?s)Value Does Not Match Type.*value.*"2020-02-31" is not a valid DATE_WITH_DAY value`},
		{"tax residence empty tax_number", withChild("openbanking_tax_residence", "  domain = \"DE\"\n  tax_number = \"\""),
			`(?s)Invalid Length.*tax_number must be 1 to 255 characters, got 0\.`},
		{"definition category not Customer", withDefinition("  name = \"SEGMENT\"\n  category = \"Account\"\n  type = \"STRING\"\n  description = \"d\""),
			`(?s)category value must be one of:.*"Customer"`},
		{"definition type not an OBP type", withDefinition("  name = \"SEGMENT\"\n  category = \"Customer\"\n  type = \"TEXT\"\n  description = \"d\""),
			`(?s)type value must be one of:.*"STRING"`},
		{"link user_id with a slash", func(e *accEnv, _ *testing.T) string {
			return e.providerConfig() + fmt.Sprintf("resource \"openbanking_user_customer_link\" \"bad\" {\n  bank_id = %q\n  user_id = \"a/b\"\n  customer_id = \"c\"\n}\n", e.bankID)
		}, `(?s)user_id.*must be 1 to 36 letters, digits`},
		{"provider request_timeout not a duration", withProvider(func(e *accEnv, _ *testing.T) string {
			return adminLogin(e.url) + "\n    request_timeout = \"soon\""
		}), `(?s)obp.request_timeout must be a Go duration from 1s to 1h, such as 30s, 20m or 1h, got "soon"\.`},
		{"provider operation_timeout negative", withProvider(func(e *accEnv, _ *testing.T) string {
			return adminLogin(e.url) + "\n    operation_timeout = \"-5m\""
		}), `(?s)obp.operation_timeout must be a Go duration from 1s to 24h, such as 30s, 20m or 1h, got "-5m"\.`},
		{"provider api_version with a path", withProvider(func(e *accEnv, _ *testing.T) string {
			return adminLogin(e.url) + "\n    api_version = \"v5.1.0/../../x\""
		}), `(?s)obp.api_version must be an OBP API version of the form vN.N.N; the provider speaks v6.0.0, v5.1.0 and v5.0.0, got: v5.1.0/../../x`},
		{"provider password with a comma", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = %q\n    password = \"pa,ss-secret\"\n    consumer_key = %q", e.url, obpsandbox.AdminUsername, obpsandbox.ConsumerKey)
		}), `(?s)Invalid DirectLogin Value.*obp.password must not contain a comma: OBP's DirectLogin header separates its parameters with commas\. Change the value`},
		{"provider username with a trailing space", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = \"admin \"\n    password = %q\n    consumer_key = %q", e.url, obpsandbox.AdminPassword, obpsandbox.ConsumerKey)
		}), `(?s)Invalid DirectLogin Value.*obp.username must not start or end with spaces: OBP would drop them`},
		{"provider consumer_key with a quote", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = %q\n    password = %q\n    consumer_key = \"key\\\"x\"", e.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword)
		}), `(?s)Invalid DirectLogin Value.*obp.consumer_key must not contain '"': OBP's DirectLogin header cannot carry it`},
		{"provider max_retries not whole", func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("provider \"openbanking\" {\n  obp {\n%s\n    max_retries = 1.5\n  }\n}\n", e.withVersion(adminLogin(e.url))) + customerHCL(e.bankID, "")
		}, `(?s)Invalid Number.*obp.max_retries must be a whole number from 0 to 20, got 1\.5\.`},
		{"provider cdr page_size beyond int64", func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("provider \"openbanking\" {\n  obp {\n%s\n  }\n  cdr {\n    page_size = 9223372036854775808\n  }\n}\n", e.withVersion(adminLogin(e.url))) +
				customerHCL(e.bankID, "")
		}, `(?s)Invalid Number.*cdr.page_size must be a whole number from 1 to 1000, got 9223372036854775808\.`},
		{"provider without url", withProvider(func(*accEnv, *testing.T) string { return adminLogin("") }),
			`(?s)Missing OBP URL.*OBP_URL environment variable`},
	}
}

// serverBadInputs fail on the server's answer: an unknown bank already at
// plan, the others at apply.
func serverBadInputs() []badInput {
	return []badInput{
		{"attribute definition at an unknown bank", func(e *accEnv, _ *testing.T) string {
			return e.providerConfig() + "resource \"openbanking_customer_attribute_definition\" \"bad\" {\n  bank_id = \"no-such-bank\"\n" +
				"  name = \"SEGMENT\"\n  category = \"Customer\"\n  type = \"STRING\"\n  description = \"d\"\n}\n"
		}, `(?s)Bank Not Found.*bank_id.*OBP-30001: Bank not found`},
		{"unknown bank", func(e *accEnv, _ *testing.T) string { return e.providerConfig() + customerHCL("no-such-bank", "") },
			`(?s)Bank Not Found.*bank_id.*HTTP\s+404.*OBP-30001: Bank not found.*openbanking_banks data source lists the banks`},
		{"unknown customer for an address", func(e *accEnv, _ *testing.T) string {
			return e.providerConfig() + fmt.Sprintf("resource \"openbanking_customer_address\" \"bad\" {\n  bank_id = %q\n  customer_id = \"no-such-customer\"\n  line_1 = \"1\"\n  city = \"Leeds\"\n  country_code = \"GB\"\n}\n", e.bankID)
		}, `(?s)customer_id.*OBP-30046: Customer not found.*does not exist \(any more\) at this bank`},
		{"customer_number taken", func(e *accEnv, _ *testing.T) string {
			return e.providerConfig() + customerHCL(e.bankID, `  customer_number = "55501"`) + `
resource "openbanking_customer" "same_number" {
  bank_id             = openbanking_customer.bad.bank_id
  legal_name          = "Same Number"
  mobile_phone_number = "+44 7700 900998"
  customer_number     = openbanking_customer.bad.customer_number
}
`
		}, `(?s)customer_number.*OBP-30051: Cannot create Customer.*customer_number another customer of the bank already has`},
		{"duplicate tax residence", func(e *accEnv, _ *testing.T) string {
			return withChild("openbanking_tax_residence", "  domain = \"DE\"\n  tax_number = \"dup\"")(e, nil) +
				childHCL("openbanking_tax_residence", "again", "  domain = \"DE\"\n  tax_number = \"dup\"\n  depends_on = [openbanking_tax_residence.bad]")
		}, `(?s)Could Not Create the Tax Residence.*OBP-50200.*the customer already has a tax residence with this domain and tax_number`},
		{"link to an unknown user", func(e *accEnv, _ *testing.T) string {
			return e.parentCustomer() + fmt.Sprintf("resource \"openbanking_user_customer_link\" \"bad\" {\n  bank_id = %q\n  user_id = \"no-such-user\"\n  customer_id = openbanking_customer.parent.customer_id\n}\n", e.bankID)
		}, `(?s)user_id.*HTTP 404.*OBP-20057: User not found by userId.*openbanking_user data source`},
		{"wrong password", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = %q\n    password = \"wrong\"\n    consumer_key = %q", e.url, obpsandbox.AdminUsername, obpsandbox.ConsumerKey)
		}), `(?s)HTTP\s+401.*OBP-20004: Invalid login credentials.*Check obp.username and obp.password`},
		{"unknown consumer key", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = %q\n    password = %q\n    consumer_key = \"nope\"", e.url, obpsandbox.AdminUsername, obpsandbox.AdminPassword)
		}), `(?s)OBP-20008: Invalid Consumer Key.*Check obp.consumer_key`},
		{"missing role", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    username = %q\n    password = %q\n    consumer_key = %q", e.url, obpsandbox.NoRoleUsername, obpsandbox.NoRolePassword, obpsandbox.ConsumerKey)
		}), `(?s)HTTP\s+403.*OBP-20006: User is missing one or more roles:\s+CanCreateCustomer.*Grant the user the role named above`},
		{"expired token", withProvider(func(e *accEnv, _ *testing.T) string {
			return fmt.Sprintf("    url = %q\n    token = \"expired-token-0001\"", e.url)
		}),
			`(?s)OBP-20003: This DirectLogin token is invalid or expired.*renew OBP_TOKEN`},
		{"wrong API version", withProvider(func(e *accEnv, _ *testing.T) string { return adminLogin(e.url) + "\n    api_version = \"v9.9.9\"" }),
			`(?s)HTTP\s+404.*OBP-10404: 404 Not Found.*check obp.api_version`},
		{"rate limited", withFaults(faults.Config{ErrorRates: map[int]float64{429: 1}, RateLimitReset: 0}, ""),
			`(?s)HTTP 429.*OBP-10018: Too Many Requests.*raise obp.max_retries, lower terraform's -parallelism`},
		{"create timeout", withFaults(faults.Config{Latency: 1500 * time.Millisecond, ExpireTokens: 1}, "  timeouts {\n    create = \"1s\"\n  }"),
			`(?s)context deadline exceeded.*The answer to the create was lost and the provider could not check whether the server made the object`},
	}
}

// transportBadInputs get answers that are not the API's, or none.
func transportBadInputs() []badInput {
	huge := "<html>" + strings.Repeat("x", 5<<20) + "</html>"
	return []badInput{
		{"HTML error page", withServer(answer(http.StatusBadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")),
			`(?s)POST (/obp/v6\.0\.0)?/my/logins/direct answered HTTP 502\. unexpected text/html response: <html><body><h1>502 Bad Gateway</h1></body></html>`},
		{"HTML sign-in page with 200", withServer(answer(http.StatusOK, "text/html", "<html>Sign in</html>")),
			`(?s)HTTP\s+200\s+with\s+a\s+body\s+that\s+is\s+not\s+the\s+expected\s+JSON.*<html>Sign\s+in</html>`},
		{"empty error body", withServer(answer(http.StatusInternalServerError, "application/json", "")),
			`(?s)POST (/obp/v6\.0\.0)?/my/logins/direct answered HTTP 500\. empty response body`},
		{"huge error body", withServer(answer(http.StatusInternalServerError, "text/html", huge)),
			`(?s)POST (/obp/v6\.0\.0)?/my/logins/direct answered HTTP 500\. unexpected text/html response: <html>x{194}…`},
		{"untrusted TLS certificate", withProvider(func(e *accEnv, t *testing.T) string {
			srv := httptest.NewTLSServer(e.all)
			t.Cleanup(srv.Close)
			return adminLogin(srv.URL)
		}), `(?s)Could Not Reach the OBP Server.*certificate signed by unknown authority.*Set ca_file in the provider block`},
		{"nothing listening", withProvider(func(_ *accEnv, t *testing.T) string {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			url := "http://" + ln.Addr().String()
			_ = ln.Close()
			return adminLogin(url)
		}), `(?s)Could Not Reach the OBP Server.*\(obp.url or OBP_URL\) got no answer.*connection refused.*Nothing answers at this address`},
	}
}

// TestAccBadInputMatrix: every wrong input gets its exact diagnostic, and
// none of them leaves anything on the server or in state.
func TestAccBadInputMatrix(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	before := env.serverObjects()
	cases := badInputs()
	if len(cases) < 40 {
		t.Fatalf("%d cases, want at least 40", len(cases))
	}
	// The cases run in parallel; the group returns when all have finished.
	t.Run("cases", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      tc.config(env, t),
						ExpectError: wrapped(tc.want),
					}},
				})
			})
		}
	})
	if after := env.serverObjects(); after != before {
		t.Errorf("the server changed: before %s, after %s", before, after)
	}
}

// wrapped compiles want so that each space also matches terraform's line wraps.
func wrapped(want string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))
}

// serverObjects summarises what the sandbox stores for the test bank.
func (e *accEnv) serverObjects() string {
	var b strings.Builder
	for _, c := range e.sandbox.Customers(e.bankID) {
		fmt.Fprintf(&b, "%s(%d addresses, %d attributes, %d tax residences, %d links) ", c.LegalName,
			len(e.sandbox.Addresses(c.CustomerID)), len(e.sandbox.CustomerAttributes(c.CustomerID)),
			len(e.sandbox.TaxResidences(c.CustomerID)), len(e.sandbox.UserCustomerLinks(c.CustomerID)))
	}
	fmt.Fprintf(&b, "%d definitions", len(e.sandbox.AttributeDefinitions(e.bankID)))
	return b.String()
}
