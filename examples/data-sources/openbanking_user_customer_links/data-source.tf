data "openbanking_user_customer_links" "ada" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

# The import ids, for import blocks or terraform import.
output "user_customer_links_import_ids" {
  value = data.openbanking_user_customer_links.ada.user_customer_links[*].import_id
}

# Or the links of one user at the bank.
data "openbanking_user_customer_links" "of_user" {
  bank_id = "demo.bank.01"
  user_id = "9d2c8a51-7b6e-4f3a-8c1d-2e5f6a7b8c9d"
}
