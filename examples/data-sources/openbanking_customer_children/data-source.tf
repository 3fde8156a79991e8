# Needs OBP v6.0.0: api_version = "v6.0.0" in the provider's obp block.
data "openbanking_customer_children" "subsidiaries" {
  bank_id     = "demo.bank.01"
  customer_id = "0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}

output "subsidiary_names" {
  value = [for c in data.openbanking_customer_children.subsidiaries.customers : c.legal_name]
}
