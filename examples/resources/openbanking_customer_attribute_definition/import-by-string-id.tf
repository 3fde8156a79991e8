# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
# The id is the import_id of an item of data.openbanking_customer_attribute_definitions.
import {
  to = openbanking_customer_attribute_definition.risk_score
  id = "demo.bank.01/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
}
