# Adopt every customer of a bank, with their addresses, tax residences and
# attributes, without changing anything on the server (Terraform 1.7+).
# The list data sources drive both the resources and the import blocks; the
# first apply imports, and the plan after it is empty.

terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}

# Credentials from OBP_URL, OBP_USERNAME, OBP_PASSWORD and OBP_CONSUMER_KEY.
provider "openbanking" {}

variable "bank_id" {
  type        = string
  description = "The bank whose customers to adopt."
}

data "openbanking_customers" "all" {
  bank_id = var.bank_id
}

locals {
  customers = { for c in data.openbanking_customers.all.customers : c.customer_id => c }
}

data "openbanking_customer_addresses" "each" {
  for_each    = local.customers
  bank_id     = var.bank_id
  customer_id = each.key
}

data "openbanking_tax_residences" "each" {
  for_each    = local.customers
  bank_id     = var.bank_id
  customer_id = each.key
}

data "openbanking_customer_attributes" "each" {
  for_each    = local.customers
  bank_id     = var.bank_id
  customer_id = each.key
}

locals {
  # Children keyed by import id, each with the id of its customer.
  addresses = merge([for customer_id, d in data.openbanking_customer_addresses.each :
    { for a in d.addresses : a.import_id => merge(a, { customer_id = customer_id }) }
  ]...)
  tax_residences = merge([for customer_id, d in data.openbanking_tax_residences.each :
    { for r in d.tax_residences : r.import_id => merge(r, { customer_id = customer_id }) }
  ]...)
  attributes = merge([for customer_id, d in data.openbanking_customer_attributes.each :
    { for a in d.attributes : a.import_id => merge(a, { customer_id = customer_id }) }
  ]...)
}

import {
  for_each = local.customers
  to       = openbanking_customer.adopted[each.key]
  id       = each.value.import_id
}

resource "openbanking_customer" "adopted" {
  for_each = local.customers

  bank_id                    = each.value.bank_id
  customer_number            = each.value.customer_number
  legal_name                 = each.value.legal_name
  mobile_phone_number        = each.value.mobile_phone_number
  email                      = each.value.email
  face_image                 = each.value.face_image
  date_of_birth              = each.value.date_of_birth
  relationship_status        = each.value.relationship_status
  dependants                 = each.value.dependants
  dob_of_dependants          = each.value.dob_of_dependants
  credit_rating              = each.value.credit_rating
  credit_limit               = each.value.credit_limit
  highest_education_attained = each.value.highest_education_attained
  employment_status          = each.value.employment_status
  kyc_status                 = each.value.kyc_status
  last_ok_date               = each.value.last_ok_date
  title                      = each.value.title
  branch_id                  = each.value.branch_id
  name_suffix                = each.value.name_suffix
  customer_type              = each.value.customer_type
  parent_customer_id         = each.value.parent_customer_id
}

import {
  for_each = local.addresses
  to       = openbanking_customer_address.adopted[each.key]
  id       = each.key
}

resource "openbanking_customer_address" "adopted" {
  for_each = local.addresses

  bank_id      = var.bank_id
  customer_id  = each.value.customer_id
  line_1       = each.value.line_1
  line_2       = each.value.line_2
  line_3       = each.value.line_3
  city         = each.value.city
  county       = each.value.county
  state        = each.value.state
  postcode     = each.value.postcode
  country_code = each.value.country_code
  tags         = each.value.tags
}

import {
  for_each = local.tax_residences
  to       = openbanking_tax_residence.adopted[each.key]
  id       = each.key
}

resource "openbanking_tax_residence" "adopted" {
  for_each = local.tax_residences

  bank_id     = var.bank_id
  customer_id = each.value.customer_id
  domain      = each.value.domain
  tax_number  = each.value.tax_number
}

import {
  for_each = local.attributes
  to       = openbanking_customer_attribute.adopted[each.key]
  id       = each.key
}

resource "openbanking_customer_attribute" "adopted" {
  for_each = local.attributes

  bank_id     = var.bank_id
  customer_id = each.value.customer_id
  name        = each.value.name
  type        = each.value.type
  value       = each.value.value
}

output "adopted" {
  value = {
    customers      = length(openbanking_customer.adopted)
    addresses      = length(openbanking_customer_address.adopted)
    tax_residences = length(openbanking_tax_residence.adopted)
    attributes     = length(openbanking_customer_attribute.adopted)
  }
}
