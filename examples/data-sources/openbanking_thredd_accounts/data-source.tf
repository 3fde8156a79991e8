provider "openbanking" {
  thredd {
    url       = "https://uat-api.thredd.com"
    client_id = "Client A"
  }
}

data "openbanking_thredd_accounts" "customer" {
  customer_id = "12345"
}

output "active_accounts" {
  value = [for a in data.openbanking_thredd_accounts.customer.accounts : a.normalized if a.normalized.status == "active"]
}
