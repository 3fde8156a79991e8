data "openbanking_customer_attributes" "ada" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

# The import ids, for import blocks or terraform import.
output "attributes_import_ids" {
  value = data.openbanking_customer_attributes.ada.attributes[*].import_id
}
