# The id is the import_id of an item of data.openbanking_user_customer_links.
# Import by bank id and link id (the bank's customers are searched for the link) ...
terraform import openbanking_user_customer_link.ada demo.bank.01/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f
# ... or, faster, by bank id, customer id and link id.
terraform import openbanking_user_customer_link.ada demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f
