data "openbanking_customer_addresses" "ada" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

# The import ids, for import blocks or terraform import.
output "addresses_import_ids" {
  value = data.openbanking_customer_addresses.ada.addresses[*].import_id
}
