data "openbanking_tax_residences" "ada" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

# The import ids, for import blocks or terraform import.
output "tax_residences_import_ids" {
  value = data.openbanking_tax_residences.ada.tax_residences[*].import_id
}
