# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
# The id is the import_id of an item of data.openbanking_tax_residences.
import {
  to = openbanking_tax_residence.germany
  id = "demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
}
