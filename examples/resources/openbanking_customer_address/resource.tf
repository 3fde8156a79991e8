resource "openbanking_customer" "example" {
  bank_id             = "demo.bank.01"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
}

resource "openbanking_customer_address" "home" {
  bank_id      = openbanking_customer.example.bank_id
  customer_id  = openbanking_customer.example.customer_id
  line_1       = "1 Example Street"
  line_2       = "Flat 2"
  city         = "London"
  state        = "Greater London"
  postcode     = "N1 9GU"
  country_code = "GB"
  tags         = ["mailing", "home"]
}
