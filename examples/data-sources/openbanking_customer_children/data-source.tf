# Needs OBP v6.0.0: api_version = "v6.0.0" in the provider's obp block.
data "openbanking_customer_children" "subsidiaries" {
  bank_id     = "demo.bank.01"
  customer_id = openbanking_customer.corporate.customer_id
}

output "subsidiary_names" {
  value = [for c in data.openbanking_customer_children.subsidiaries.customers : c.legal_name]
}
