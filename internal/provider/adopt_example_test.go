package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// adoptExample is examples/adopt/main.tf without its terraform block (the
// test framework supplies the provider).
func adoptExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/adopt/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?s)terraform \{.*?\n\}\n`).ReplaceAllString(string(b), "")
}

// populateBank gives a bank n customers, each with an address, a tax
// residence and an attribute; the first customer has every field set.
func (e *accEnv) populateBank(t *testing.T, bankID string, n int) {
	t.Helper()
	ctx := context.Background()
	day := func(s string) *obp.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return obp.NewTime(d)
	}
	for i := range n {
		req := obp.CreateCustomerRequest{LegalName: fmt.Sprintf("Adopted %03d", i), MobilePhoneNumber: "+44 7700 900444",
			CustomerNumber: randomNumber(), DobOfDependants: []obp.Time{}}
		if i == 0 {
			req.Email, req.Title, req.NameSuffix, req.BranchID = "ada@example.com", "Dr", "PhD", "branch-7"
			req.DateOfBirth, req.LastOkDate = day("1990-05-17"), day("2024-02-01")
			req.FaceImage = &obp.FaceImage{URL: "https://example.com/ada.png", Date: day("2024-01-15")}
			req.CreditRating, req.CreditLimit = &obp.CreditRating{Rating: "A", Source: "Bureau"}, &obp.Money{Currency: "EUR", Amount: "5000"}
			req.Dependants, req.DobOfDependants = 1, []obp.Time{*day("2019-03-02")}
			req.RelationshipStatus, req.HighestEducationAttained, req.EmploymentStatus, req.KycStatus = "married", "MSc", "employed", true
		}
		c, err := e.api.CreateCustomer(ctx, bankID, req)
		if err != nil {
			t.Fatal(err)
		}
		_, err1 := e.api.CreateAddress(ctx, bankID, c.CustomerID, obp.Address{Line1: fmt.Sprintf("%d Adopt Street", i), Line2: "Flat 2",
			City: "Leeds", Postcode: "LS1 1AA", CountryCode: "GB", Tags: []string{"home"}, Status: "current"})
		_, err2 := e.api.CreateTaxResidence(ctx, bankID, c.CustomerID, obp.TaxResidence{Domain: "GB", TaxNumber: fmt.Sprintf("TX%03d", i)})
		_, err3 := e.api.CreateCustomerAttribute(ctx, bankID, c.CustomerID, obp.CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: "retail"})
		if err := firstErr(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
	}
}

const adoptedRemoved = `
removed {
  from = openbanking_customer.adopted
  lifecycle { destroy = false }
}
removed {
  from = openbanking_customer_address.adopted
  lifecycle { destroy = false }
}
removed {
  from = openbanking_tax_residence.adopted
  lifecycle { destroy = false }
}
removed {
  from = openbanking_customer_attribute.adopted
  lifecycle { destroy = false }
}
`

// TestAccAdoptExample runs examples/adopt against a populated bank: the
// apply imports every object without writing to the server, and the next
// plan is empty.
func TestAccAdoptExample(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	const customers = 5
	env.populateBank(t, obpsandbox.SecondBankID, customers)
	t.Setenv("OBP_URL", env.url)
	t.Setenv("OBP_USERNAME", obpsandbox.AdminUsername)
	t.Setenv("OBP_PASSWORD", obpsandbox.AdminPassword)
	t.Setenv("OBP_CONSUMER_KEY", obpsandbox.ConsumerKey)
	t.Setenv("OBP_API_VERSION", env.apiVersion)
	vars := config.Variables{"bank_id": config.StringVariable(obpsandbox.SecondBankID)}
	counts := knownvalue.ObjectExact(map[string]knownvalue.Check{
		"customers": knownvalue.Int64Exact(customers), "addresses": knownvalue.Int64Exact(customers),
		"tax_residences": knownvalue.Int64Exact(customers), "attributes": knownvalue.Int64Exact(customers),
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: env.resetCounts, Config: adoptExample(t), ConfigVariables: vars,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("adopted", counts),
					stateCheckFunc(env.checkNoWrites),
				},
			},
			{Config: adoptExample(t), ConfigVariables: vars, PlanOnly: true},
			// Forget the objects: the framework cannot read a state with for_each keys.
			{Config: `provider "openbanking" {}` + adoptedRemoved, PreConfig: env.resetCounts,
				ConfigStateChecks: []statecheck.StateCheck{stateCheckFunc(env.checkNoWrites)}},
		},
	})
}
