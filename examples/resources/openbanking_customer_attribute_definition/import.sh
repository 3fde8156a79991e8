# The id is the import_id of an item of data.openbanking_customer_attribute_definitions.
# Import by bank id and attribute definition id.
terraform import openbanking_customer_attribute_definition.risk_score demo.bank.01/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
