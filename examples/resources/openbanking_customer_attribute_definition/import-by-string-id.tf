# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
import {
  to = openbanking_customer_attribute_definition.risk_score
  id = "demo.bank.01/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
}
