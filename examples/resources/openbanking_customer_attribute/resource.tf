resource "openbanking_customer" "example" {
  bank_id             = "demo.bank.01"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
}

resource "openbanking_customer_attribute" "risk_score" {
  bank_id     = openbanking_customer.example.bank_id
  customer_id = openbanking_customer.example.customer_id
  name        = "RISK_SCORE"
  type        = "DOUBLE"
  value       = "12.5"
}
