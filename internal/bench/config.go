package main

import (
	"fmt"
	"strings"
)

// Kinds of workload: the provider's four resources, or as many terraform_data
// resources with the same shape of dependencies.
const (
	workloadProvider = "provider"
	workloadBaseline = "terraform_data"
)

// resourcesPerCustomer: the customer, one address, one attribute, one tax residence.
const resourcesPerCustomer = 4

// shape is how a configuration of the provider's resources is written.
type shape struct {
	// forEach repeats the resources with for_each over a map of customer
	// keys instead of count.
	forEach bool
	// bankFromVariable takes the children's bank_id from a variable instead
	// of their customer: one reference to the customer per child, not two.
	bankFromVariable bool
}

// providerConfig returns the bench's configuration: n customers of bankID,
// each with one address, one attribute and one tax residence, the children
// taking bank_id and customer_id from their customer. The provider reads its
// settings from OBP_* environment variables.
func providerConfig(n int, bankID string) string { return shapedConfig(n, bankID, shape{}) }

// shapedConfig returns the bench's resources written in the given shape.
func shapedConfig(n int, bankID string, s shape) string {
	repeat, index, parent, locals := fmt.Sprintf("count = %d", n), "count.index", "openbanking_customer.c[count.index]", ""
	if s.forEach {
		repeat, index, parent = "for_each = local.customers", "each.value", "openbanking_customer.c[each.key]"
		locals = fmt.Sprintf("locals {\n  customers = { for i in range(%d) : format(\"c%%05d\", i) => i }\n}\n", n)
	}
	childBank := parent + ".bank_id"
	if s.bankFromVariable {
		childBank = "var.bank_id"
	}
	return strings.NewReplacer("REPEAT", repeat, "INDEX", index, "PARENT", parent, "CHILD_BANK", childBank, "LOCALS", locals).Replace(
		fmt.Sprintf(shapedTemplate, bankID))
}

const shapedTemplate = `terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}

provider "openbanking" {}

variable "bank_id" {
  type    = string
  default = %q
}

LOCALS
resource "openbanking_customer" "c" {
  REPEAT
  bank_id             = var.bank_id
  customer_number     = format("BENCH-%%05d", INDEX)
  legal_name          = "Bench Customer ${INDEX}"
  mobile_phone_number = format("+44 7700 9%%05d", INDEX)
  email               = "bench${INDEX}@example.com"
  date_of_birth       = "1990-05-17"
}

resource "openbanking_customer_address" "a" {
  REPEAT
  bank_id      = CHILD_BANK
  customer_id  = PARENT.customer_id
  line_1       = "${INDEX} Bench Street"
  city         = "London"
  postcode     = "N1 9GU"
  country_code = "GB"
  tags         = ["home"]
}

resource "openbanking_customer_attribute" "r" {
  REPEAT
  bank_id     = CHILD_BANK
  customer_id = PARENT.customer_id
  name        = "RISK_SCORE"
  type        = "DOUBLE"
  value       = "12.5"
}

resource "openbanking_tax_residence" "t" {
  REPEAT
  bank_id     = CHILD_BANK
  customer_id = PARENT.customer_id
  domain      = "GB"
  tax_number  = format("AB%%06dC", INDEX)
}
`

// baselineConfig returns n × 4 terraform_data resources with the same inputs,
// dependencies and references as providerConfig (each child refers to its
// customer twice): terraform's own cost.
func baselineConfig(n int, bankID string) string {
	return fmt.Sprintf(`resource "terraform_data" "c" {
  count = %d
  input = {
    bank_id             = %q
    customer_number     = format("BENCH-%%05d", count.index)
    legal_name          = "Bench Customer ${count.index}"
    mobile_phone_number = format("+44 7700 9%%05d", count.index)
    email               = "bench${count.index}@example.com"
    date_of_birth       = "1990-05-17"
  }
}

resource "terraform_data" "a" {
  count = %[1]d
  input = {
    bank_id      = terraform_data.c[count.index].input.bank_id
    customer_id  = terraform_data.c[count.index].id
    line_1       = "${count.index} Bench Street"
    city         = "London"
    postcode     = "N1 9GU"
    country_code = "GB"
    tags         = ["home"]
  }
}

resource "terraform_data" "r" {
  count = %[1]d
  input = {
    bank_id     = terraform_data.c[count.index].input.bank_id
    customer_id = terraform_data.c[count.index].id
    name        = "RISK_SCORE"
    type        = "DOUBLE"
    value       = "12.5"
  }
}

resource "terraform_data" "t" {
  count = %[1]d
  input = {
    bank_id     = terraform_data.c[count.index].input.bank_id
    customer_id = terraform_data.c[count.index].id
    domain      = "GB"
    tax_number  = format("AB%%06dC", count.index)
  }
}
`, n, bankID)
}

// workloadConfig returns the configuration of a workload.
func workloadConfig(workload string, n int, bankID string) (string, error) {
	switch workload {
	case workloadProvider:
		return providerConfig(n, bankID), nil
	case workloadBaseline:
		return baselineConfig(n, bankID), nil
	}
	return "", fmt.Errorf("unknown workload %q", workload)
}
