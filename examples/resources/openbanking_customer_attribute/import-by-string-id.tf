# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
# The id is the import_id of an item of data.openbanking_customer_attributes.
import {
  to = openbanking_customer_attribute.risk_score
  id = "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d"
}
