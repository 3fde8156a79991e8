resource "openbanking_customer" "example" {
  bank_id             = "demo.bank.01"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
}

data "openbanking_user" "ada" {
  username = "ada.example"
}

resource "openbanking_user_customer_link" "ada" {
  bank_id     = openbanking_customer.example.bank_id
  user_id     = data.openbanking_user.ada.user_id
  customer_id = openbanking_customer.example.customer_id
}
