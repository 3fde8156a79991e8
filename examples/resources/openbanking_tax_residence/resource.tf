resource "openbanking_customer" "example" {
  bank_id             = "demo.bank.01"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
}

resource "openbanking_tax_residence" "germany" {
  bank_id     = openbanking_customer.example.bank_id
  customer_id = openbanking_customer.example.customer_id
  domain      = "DE"
  tax_number  = "12/345/67890"
}
