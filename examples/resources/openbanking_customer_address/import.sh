# The id is the import_id of an item of data.openbanking_customer_addresses.
# Import by bank id, customer id and address id.
terraform import openbanking_customer_address.home demo.bank.01/0f4a5c1e-2d3b-4c5d-8e9f-001122334455/5c9d3e0a-8f21-4b6e-9a57-3c1d2e4f6a7b
