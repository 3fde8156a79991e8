resource "openbanking_customer" "example" {
  bank_id             = "demo.bank.01"
  customer_number     = "CUST-000123"
  legal_name          = "Ada Example"
  mobile_phone_number = "+44 7700 900123"
  email               = "ada@example.com"
  date_of_birth       = "1990-05-17"
  title               = "Dr"
  name_suffix         = "PhD"
  branch_id           = "branch-7"

  relationship_status        = "married"
  dependants                 = 1
  dob_of_dependants          = ["2019-03-02"]
  highest_education_attained = "MSc"
  employment_status          = "employed"

  face_image = {
    url  = "https://example.com/ada.png"
    date = "2024-01-15"
  }

  credit_rating = {
    rating = "A"
    source = "Example Bureau"
  }

  credit_limit = {
    currency = "EUR"
    amount   = "5000"
  }

  kyc_status   = true
  last_ok_date = "2024-02-01T09:30:00Z"

  # Optional: bounds of each operation, retries included (default: the provider's operation_timeout).
  timeouts {
    create = "10m"
    delete = "20m"
  }
}
