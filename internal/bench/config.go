package main

import "fmt"

// Kinds of workload: the provider's four resources, or as many terraform_data
// resources with the same shape of dependencies.
const (
	workloadProvider = "provider"
	workloadBaseline = "terraform_data"
)

// resourcesPerCustomer: the customer, one address, one attribute, one tax residence.
const resourcesPerCustomer = 4

// providerConfig returns a configuration with n customers of bankID, each with
// one address, one attribute and one tax residence. The provider reads its
// settings from OBP_* environment variables.
func providerConfig(n int, bankID string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}

provider "openbanking" {}

resource "openbanking_customer" "c" {
  count               = %d
  bank_id             = %q
  customer_number     = format("BENCH-%%05d", count.index)
  legal_name          = "Bench Customer ${count.index}"
  mobile_phone_number = format("+44 7700 9%%05d", count.index)
  email               = "bench${count.index}@example.com"
  date_of_birth       = "1990-05-17"
}

resource "openbanking_customer_address" "a" {
  count        = %[1]d
  bank_id      = openbanking_customer.c[count.index].bank_id
  customer_id  = openbanking_customer.c[count.index].customer_id
  line_1       = "${count.index} Bench Street"
  city         = "London"
  postcode     = "N1 9GU"
  country_code = "GB"
  tags         = ["home"]
}

resource "openbanking_customer_attribute" "r" {
  count       = %[1]d
  bank_id     = openbanking_customer.c[count.index].bank_id
  customer_id = openbanking_customer.c[count.index].customer_id
  name        = "RISK_SCORE"
  type        = "DOUBLE"
  value       = "12.5"
}

resource "openbanking_tax_residence" "t" {
  count       = %[1]d
  bank_id     = openbanking_customer.c[count.index].bank_id
  customer_id = openbanking_customer.c[count.index].customer_id
  domain      = "GB"
  tax_number  = format("AB%%06dC", count.index)
}
`, n, bankID)
}

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
