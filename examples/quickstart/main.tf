# Quick start: one customer on the OBP sandbox (make demo), read back through
# the data sources. The provider is configured from OBP_* environment variables.
terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}

provider "openbanking" {}

data "openbanking_banks" "all" {}

locals {
  bank_id = data.openbanking_banks.all.banks[0].id
}

resource "openbanking_customer" "ada" {
  bank_id             = local.bank_id
  customer_number     = "QS-0001"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
  email               = "ada@example.com"
  date_of_birth       = "1990-05-17"
  title               = "Dr"
  relationship_status = "single"
  employment_status   = "employed"

  face_image = {
    url  = "https://example.com/ada.png"
    date = "2024-01-15"
  }

  credit_rating = {
    rating = "A"
    source = "Example Bureau"
  }

  credit_limit = {
    currency = "EUR"
    amount   = "5000"
  }
}

resource "openbanking_customer_address" "ada_home" {
  bank_id      = openbanking_customer.ada.bank_id
  customer_id  = openbanking_customer.ada.customer_id
  line_1       = "1 Example Street"
  city         = "London"
  state        = "Greater London"
  postcode     = "N1 9GU"
  country_code = "GB"
  tags         = ["mailing", "home"]
}

resource "openbanking_customer_attribute" "ada_risk" {
  bank_id     = openbanking_customer.ada.bank_id
  customer_id = openbanking_customer.ada.customer_id
  name        = "RISK_SCORE"
  type        = "DOUBLE"
  value       = "12.5"
}

resource "openbanking_tax_residence" "ada_uk" {
  bank_id     = openbanking_customer.ada.bank_id
  customer_id = openbanking_customer.ada.customer_id
  domain      = "GB"
  tax_number  = "AB123456C"
}

resource "openbanking_customer_attribute_definition" "risk_score" {
  bank_id              = local.bank_id
  name                 = "RISK_SCORE"
  type                 = "DOUBLE"
  description          = "Internal risk score, 0 to 100"
  can_be_seen_on_views = ["owner"]
}

# The sandbox's viewer user acts as Ada.
data "openbanking_user" "viewer" {
  username = "sandbox.viewer"
}

resource "openbanking_user_customer_link" "viewer_is_ada" {
  bank_id     = openbanking_customer.ada.bank_id
  user_id     = data.openbanking_user.viewer.user_id
  customer_id = openbanking_customer.ada.customer_id
}

data "openbanking_customer" "ada_by_number" {
  bank_id         = openbanking_customer.ada.bank_id
  customer_number = openbanking_customer.ada.customer_number
}

# The OBP accounts of the sandbox admin, and accounts from the four open-banking
# account APIs, all shown in the shared normalized shape.
data "openbanking_accounts" "demo" {
  bank_id   = local.bank_id
  held_only = true
}

data "openbanking_thredd_accounts" "demo" {
  customer_id = "100200300"
}

data "openbanking_truelayer_accounts" "demo" {
  connection_id = "3f2a7c1e-5b8d-4e9a-9c0b-1d2e3f4a5b6c"
}

data "openbanking_cdr_accounts" "demo" {
  product_category = "TRANS_AND_SAVINGS_ACCOUNTS"
}

data "openbanking_ivy_accounts" "demo" {}

output "accounts_normalized" {
  value = {
    obp       = [for a in data.openbanking_accounts.demo.accounts : "${a.normalized.display_name}: ${a.normalized.balance} ${a.normalized.currency} (${a.normalized.type})"]
    thredd    = data.openbanking_thredd_accounts.demo.accounts[0].normalized
    truelayer = data.openbanking_truelayer_accounts.demo.accounts[0].normalized
    cdr       = data.openbanking_cdr_accounts.demo.accounts[0].normalized
    ivy       = data.openbanking_ivy_accounts.demo.accounts[0].normalized
  }
}

output "banks" {
  value = [for b in data.openbanking_banks.all.banks : "${b.id}: ${b.full_name}"]
}

output "customer" {
  value = {
    customer_id     = openbanking_customer.ada.customer_id
    customer_number = openbanking_customer.ada.customer_number
    legal_name      = openbanking_customer.ada.legal_name
    credit_limit    = "${openbanking_customer.ada.credit_limit.amount} ${openbanking_customer.ada.credit_limit.currency}"
  }
}

output "customer_children" {
  value = {
    address       = "${openbanking_customer_address.ada_home.line_1}, ${openbanking_customer_address.ada_home.city} (${openbanking_customer_address.ada_home.customer_address_id})"
    attribute     = "${openbanking_customer_attribute.ada_risk.name}=${openbanking_customer_attribute.ada_risk.value}"
    tax_residence = "${openbanking_tax_residence.ada_uk.domain} ${openbanking_tax_residence.ada_uk.tax_number}"
    linked_user   = "${data.openbanking_user.viewer.username} (${openbanking_user_customer_link.viewer_is_ada.user_customer_link_id})"
    definition    = "${openbanking_customer_attribute_definition.risk_score.name}: ${openbanking_customer_attribute_definition.risk_score.type}"
  }
}

output "customer_read_back" {
  value = {
    customer_id   = data.openbanking_customer.ada_by_number.customer_id
    date_of_birth = data.openbanking_customer.ada_by_number.date_of_birth
  }
}
