data "openbanking_user_customer_links" "ada" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

# The import ids, for import blocks or terraform import.
output "user_customer_links_import_ids" {
  value = data.openbanking_user_customer_links.ada.user_customer_links[*].import_id
}
