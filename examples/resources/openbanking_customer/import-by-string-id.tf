# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
# The id is the import_id of an item of data.openbanking_customers.
import {
  to = openbanking_customer.example
  id = "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}
