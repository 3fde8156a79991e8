# Every customer of a bank, with their import ids.
data "openbanking_customers" "all" {
  bank_id = "demo.bank.01"
}

# One customer by number.
data "openbanking_customers" "ada" {
  bank_id         = "demo.bank.01"
  customer_number = "CUST-000123"
}

output "customer_import_ids" {
  value = data.openbanking_customers.all.customers[*].import_id
}
