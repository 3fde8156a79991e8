# The id is the import_id of an item of data.openbanking_customers.
# Import an existing customer by bank id and customer id.
terraform import openbanking_customer.example demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455
