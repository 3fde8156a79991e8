# By customer number ...
data "openbanking_customer" "by_number" {
  bank_id         = "demo.bank.01"
  customer_number = "CUST-000123"
}

# ... or by customer id.
data "openbanking_customer" "by_id" {
  bank_id     = "demo.bank.01"
  customer_id = data.openbanking_customer.by_number.customer_id
}

output "customer_attributes" {
  value = data.openbanking_customer.by_id.customer_attributes
}
