data "openbanking_customer_attribute_definitions" "bank" {
  bank_id = "demo.bank.01"
}

output "definition_names" {
  value = data.openbanking_customer_attribute_definitions.bank.definitions[*].name
}
