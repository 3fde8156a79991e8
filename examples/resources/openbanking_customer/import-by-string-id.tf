# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
import {
  to = openbanking_customer.example
  id = "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455"
}
