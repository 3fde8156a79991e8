resource "openbanking_tax_residence" "germany" {
  bank_id     = openbanking_customer.example.bank_id
  customer_id = openbanking_customer.example.customer_id
  domain      = "DE"
  tax_number  = "12/345/67890"
}
