# Corporate customers and their subsidiaries need OBP v6.0.0:
# api_version = "v6.0.0" in the provider's obp block.
resource "openbanking_customer" "corporate" {
  bank_id             = "demo.bank.01"
  legal_name          = "Example Holdings Ltd"
  mobile_phone_number = "+44 7700 900200"
  customer_type       = "CORPORATE"
  date_of_birth       = "2001-04-01" # OBP v6.0.0 stores days: YYYY-MM-DD
}

resource "openbanking_customer" "subsidiary" {
  bank_id             = "demo.bank.01"
  legal_name          = "Example Holdings Trading GmbH"
  mobile_phone_number = "+44 7700 900201"
  customer_type       = "SUBSIDIARY"
  parent_customer_id  = openbanking_customer.corporate.customer_id
}
