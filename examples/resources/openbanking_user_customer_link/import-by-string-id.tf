# Terraform 1.5 and later: import with an import block, then terraform plan/apply.
# The id is the import_id of an item of data.openbanking_user_customer_links.
import {
  to = openbanking_user_customer_link.ada
  id = "demo.bank.01/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
}
