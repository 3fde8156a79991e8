package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

const customerAddr = "openbanking_customer.test"

// customerFields fills the full customer configuration.
type customerFields struct {
	Number, Name, Mobile, Email, DOB, Title, Suffix, Branch string
	Relationship, Education, Employment, FaceURL, FaceDate  string
	Rating, Source, Currency, Amount, KYC, LastOK, DOBDeps  string
	Dependants                                              int
}

func fullCustomer(number string) customerFields {
	return customerFields{
		Number: number, Name: "Ada Example", Mobile: "+44 7700 900123", Email: "ada@example.com",
		DOB: "1990-05-17", Title: "Dr", Suffix: "PhD", Branch: "branch-7",
		Relationship: "married", Education: "MSc", Employment: "employed",
		FaceURL: "https://example.com/ada.png", FaceDate: "2024-01-15",
		Rating: "A", Source: "Example Bureau", Currency: "EUR", Amount: "5000",
		KYC: "true", LastOK: "2024-02-01T09:30:00Z", DOBDeps: `["2019-03-02"]`, Dependants: 1,
	}
}

func (e *accEnv) fullCustomerConfig(f customerFields) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "test" {
  bank_id                    = %q
  customer_number            = %q
  legal_name                 = %q
  mobile_phone_number        = %q
  email                      = %q
  date_of_birth              = %q
  title                      = %q
  name_suffix                = %q
  branch_id                  = %q
  relationship_status        = %q
  highest_education_attained = %q
  employment_status          = %q
  dependants                 = %d
  dob_of_dependants          = %s
  kyc_status                 = %s
  last_ok_date               = %q
  face_image = {
    url  = %q
    date = %q
  }
  credit_rating = {
    rating = %q
    source = %q
  }
  credit_limit = {
    currency = %q
    amount   = %q
  }
}
`, e.bankID, f.Number, f.Name, f.Mobile, f.Email, f.DOB, f.Title, f.Suffix, f.Branch, f.Relationship, f.Education,
		f.Employment, f.Dependants, f.DOBDeps, f.KYC, f.LastOK, f.FaceURL, f.FaceDate, f.Rating, f.Source, f.Currency, f.Amount)
}

func (e *accEnv) minimalCustomerConfig(name, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "openbanking_customer" "test" {
  bank_id             = %q
  legal_name          = %q
  mobile_phone_number = "+44 7700 900999"
%s
}
`, e.bankID, name, extra)
}

func randomNumber() string {
	return "ACC-" + acctest.RandStringFromCharSet(10, acctest.CharSetAlphaNum)
}

func stateValue(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New(attr), v)
}

func stateNested(attr, field string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New(attr).AtMapKey(field), v)
}

// checkServer compares the server's view of the customer in state with want.
func (e *accEnv) checkServer(t *testing.T, want func(c *obp.Customer) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[customerAddr]
		if !ok {
			return fmt.Errorf("%s not in state", customerAddr)
		}
		c, err := e.customer(t, rs.Primary.Attributes["customer_id"])
		if err != nil {
			return fmt.Errorf("server has no customer %s: %w", rs.Primary.Attributes["customer_id"], err)
		}
		return want(c)
	}
}

func (e *accEnv) checkCustomersDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "openbanking_customer" {
				continue
			}
			_, err := e.customer(t, rs.Primary.Attributes["customer_id"])
			if !client.IsNotFound(err) {
				return fmt.Errorf("customer %s still exists after destroy (err=%w)", rs.Primary.Attributes["customer_id"], err)
			}
		}
		return nil
	}
}

func importCustomerID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[customerAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", customerAddr)
	}
	return rs.Primary.Attributes["bank_id"] + "/" + rs.Primary.Attributes["customer_id"], nil
}

func equal(what, got, want string) error {
	if got != want {
		return fmt.Errorf("server %s = %q, want %q", what, got, want)
	}
	return nil
}

func TestAccCustomerResource_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	created := fullCustomer(randomNumber())
	updated := created
	updated.Number, updated.Name, updated.Mobile, updated.Email = randomNumber(), "Ada Lovelace", "+44 7700 900124", "ada@lovelace.example"
	updated.DOB, updated.Title, updated.Suffix, updated.Branch = "1990-05-18", "Prof", "FRS", "branch-8"
	updated.Relationship, updated.Education, updated.Employment, updated.Dependants = "widowed", "PhD", "retired", 2
	updated.FaceURL, updated.FaceDate = "https://example.com/ada-2.png", "2025-06-01T12:00:00Z"
	updated.Rating, updated.Source, updated.Currency, updated.Amount = "AA", "Other Bureau", "GBP", "7500.50"
	emailOnly := updated
	emailOnly.Email = "countess@lovelace.example"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.fullCustomerConfig(created),
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("customer_id", knownvalue.NotNull()),
					stateValue("customer_number", knownvalue.StringExact(created.Number)),
					stateValue("email", knownvalue.StringExact(created.Email)),
					stateValue("date_of_birth", knownvalue.StringExact("1990-05-17")),
					stateValue("last_ok_date", knownvalue.StringExact("2024-02-01T09:30:00Z")),
					stateValue("dob_of_dependants", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("2019-03-02")})),
					stateValue("kyc_status", knownvalue.Bool(true)),
					stateNested("credit_limit", "amount", knownvalue.StringExact("5000")),
					stateNested("face_image", "date", knownvalue.StringExact("2024-01-15")),
				},
				Check: env.checkServer(t, func(c *obp.Customer) error {
					return firstErr(equal("legal_name", c.LegalName, created.Name), equal("branch_id", c.BranchID, created.Branch),
						equal("date_of_birth", c.DateOfBirth.Format(obp.TimestampLayout), "1990-05-17T00:00:00Z"),
						equal("credit_limit.amount", c.CreditLimit.Amount, "5000"), equal("credit_rating.source", c.CreditRating.Source, created.Source))
				}),
			},
			{
				ResourceName: customerAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importCustomerID, ImportStateVerifyIdentifierAttribute: "customer_id",
			},
			{
				Config: env.fullCustomerConfig(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("customer_number", knownvalue.StringExact(updated.Number)),
					stateValue("face_image", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url": knownvalue.StringExact(updated.FaceURL), "date": knownvalue.StringExact(updated.FaceDate)})),
				},
				Check: env.checkServer(t, func(c *obp.Customer) error {
					return firstErr(equal("customer_number", c.CustomerNumber, updated.Number), equal("legal_name", c.LegalName, updated.Name),
						equal("mobile", c.MobilePhoneNumber, updated.Mobile), equal("email", c.Email, updated.Email),
						equal("title", c.Title, updated.Title), equal("name_suffix", c.NameSuffix, updated.Suffix),
						equal("date_of_birth", c.DateOfBirth.Format(obp.DayLayout), updated.DOB), equal("branch_id", c.BranchID, updated.Branch),
						equal("relationship_status", c.RelationshipStatus, updated.Relationship), equal("employment_status", c.EmploymentStatus, updated.Employment),
						equal("highest_education_attained", c.HighestEducationAttained, updated.Education), equal("face_image.url", c.FaceImage.URL, updated.FaceURL),
						equal("credit_rating", c.CreditRating.Rating+"/"+c.CreditRating.Source, updated.Rating+"/"+updated.Source),
						equal("credit_limit", c.CreditLimit.Amount+" "+c.CreditLimit.Currency, updated.Amount+" "+updated.Currency),
						equal("dependants", fmt.Sprint(c.Dependants), "2"))
				}),
			},
			{
				PreConfig: env.resetCounts,
				Config:    env.fullCustomerConfig(emailOnly),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
				}},
				Check: env.checkOnlyPut("email"),
			},
			{
				RefreshState:      true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

var customerPutEndpoints = []string{"email", "mobile-number", "number", "identity", "credit-limit", "credit-rating-and-source", "branch", "data"}

func (e *accEnv) resetCounts() {
	if e.sandbox != nil {
		e.sandbox.ResetCounts()
	}
}

// checkOnlyPut asserts, on the sandbox, that the last apply called only the PUT sub-resource named.
func (e *accEnv) checkOnlyPut(want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.sandbox == nil {
			return nil
		}
		for _, ep := range customerPutEndpoints {
			n := e.sandbox.RequestCount("PUT /banks/{BANK_ID}/customers/{CUSTOMER_ID}/" + ep)
			if (ep == want) != (n == 1) {
				return fmt.Errorf("PUT …/%s was called %d times, want %d", ep, n, map[bool]int{true: 1}[ep == want])
			}
		}
		return nil
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestAccCustomerResource_minimalAndReplacement(t *testing.T) {
	env := newAccEnv(t)
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.minimalCustomerConfig("Min Imal", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("customer_number", knownvalue.NotNull()),
					stateValue("email", knownvalue.Null()),
					stateValue("date_of_birth", knownvalue.Null()),
					stateValue("credit_limit", knownvalue.Null()),
					stateValue("dependants", knownvalue.Int64Exact(0)),
					stateValue("kyc_status", knownvalue.Bool(false)),
				},
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources[customerAddr].Primary.Attributes["customer_id"]
					return nil
				},
			},
			{
				// Without date_of_birth OBP's identity update cannot run: a new name means a new customer.
				Config: env.minimalCustomerConfig("Max Imal", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionReplace),
				}},
				Check: func(s *terraform.State) error {
					if _, err := env.customer(t, firstID); !client.IsNotFound(err) {
						return fmt.Errorf("replaced customer %s still on the server (err=%w)", firstID, err)
					}
					return nil
				},
			},
			{
				Config: env.minimalCustomerConfig("Max Imal", `date_of_birth = "1985-12-01"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				// The same day written as a timestamp is not a change.
				Config:           env.minimalCustomerConfig("Max Imal", `date_of_birth = "1985-12-01T00:00:00Z"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: env.minimalCustomerConfig("Maxi Imal", `date_of_birth = "1985-12-01T00:00:00Z"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config: env.minimalCustomerConfig("Maxi Imal", "date_of_birth = \"1985-12-01\"\nkyc_status = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateValue("kyc_status", knownvalue.Bool(true))},
			},
		},
	})
}

func TestAccCustomerResource_drift(t *testing.T) {
	env := newAccEnv(t)
	number := randomNumber()
	config := env.minimalCustomerConfig("Drift Example", fmt.Sprintf("customer_number = %q\nemail = \"drift@example.com\"", number))
	var id string
	remember := func(s *terraform.State) error {
		id = s.RootModule().Resources[customerAddr].Primary.Attributes["customer_id"]
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config, Check: remember},
			{
				PreConfig: func() {
					if _, err := env.api.UpdateCustomerEmail(context.Background(), env.bankID, id, "changed@elsewhere.example"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(customerAddr, tfjsonpath.New("email"), knownvalue.StringExact("drift@example.com")),
				}},
				Check: env.checkServer(t, func(c *obp.Customer) error { return equal("email", c.Email, "drift@example.com") }),
			},
			{
				PreConfig: func() {
					if err := env.api.DeleteCustomerCascade(context.Background(), env.bankID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionCreate),
				}},
				Check: env.checkServer(t, func(c *obp.Customer) error { return equal("customer_number", c.CustomerNumber, number) }),
			},
		},
	})
}

func TestAccCustomerResource_badInput(t *testing.T) {
	env := newAccEnv(t)
	planError := func(extra, want string) resource.TestStep {
		return resource.TestStep{Config: env.minimalCustomerConfig("Bad Input", extra), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	number := randomNumber()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkCustomersDestroyed(t),
		Steps: []resource.TestStep{
			planError(`branch_id = "branch 7!"`, `(?s)branch_id.*must be 1 to 36 letters, digits`),
			planError(`relationship_status = "it-is-complicated"`, `(?s)relationship_status must be at most 16 characters, got 17`),
			planError(`date_of_birth = "17/05/1990"`, `(?s)date_of_birth.*"17/05/1990" is not a date in the form YYYY-MM-DD`),
			planError(`dob_of_dependants = ["2020-13-40"]`, `(?s)dob_of_dependants.*is not a date`),
			planError(`dependants = 2`, `(?s)dependants.*OBP creates a customer only when dependants \(2\) equals the number of\s+dob_of_dependants \(0\)`),
			planError(`customer_number = "a::::b"`, `(?s)customer_number.*must not contain "::::"`),
			planError(`credit_limit = { currency = "EUR", amount = "lots" }`, `(?s)credit_limit.amount.*must be a decimal number`),
			{
				// Refused at plan: the apply's error would be Could Not Create the OBP Customer.
				Config:      strings.Replace(env.minimalCustomerConfig("Bad Bank", ""), env.bankID, "no.such.bank", 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Bank Not Found.*bank_id.*OBP-30001: Bank not found.*openbanking_banks data source`),
			},
			{
				Config: env.minimalCustomerConfig("First", fmt.Sprintf("customer_number = %q", number)) + fmt.Sprintf(`
resource "openbanking_customer" "duplicate" {
  depends_on          = [openbanking_customer.test]
  bank_id             = %q
  customer_number     = %q
  legal_name          = "Second"
  mobile_phone_number = "+44 7700 900998"
}
`, env.bankID, number),
				ExpectError: regexp.MustCompile(`(?s)customer_number.*OBP-30051: Cannot create Customer.*declare each object once`),
			},
			{
				Config:       env.minimalCustomerConfig("First", fmt.Sprintf("customer_number = %q", number)),
				ResourceName: customerAddr, ImportState: true, ImportStateId: "only-one-part",
				ExpectError: regexp.MustCompile(`Expected bank_id/customer_id`),
			},
		},
	})
}

func TestAccCustomerResource_missingRole(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfigAs("sandbox.viewer", "Sandbox-Viewer-Pass-1") +
				strings.TrimPrefix(env.minimalCustomerConfig("No Role", ""), env.providerConfig()),
			ExpectError: regexp.MustCompile(`(?s)HTTP\s+403.*OBP-20006: User is missing one or more roles:\s+CanCreateCustomer`),
		}},
	})
	if n := len(env.sandbox.Customers(env.bankID)); n != 0 {
		t.Fatalf("a refused create left %d customers on the server", n)
	}
}
