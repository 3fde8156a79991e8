provider "openbanking" {
  truelayer {
    api_url       = "https://api.truelayer-sandbox.com"
    auth_url      = "https://auth.truelayer-sandbox.com"
    client_id     = var.truelayer_client_id
    client_secret = var.truelayer_client_secret
  }
}

variable "truelayer_client_id" {
  type = string
}

variable "truelayer_client_secret" {
  type      = string
  sensitive = true
}

data "openbanking_truelayer_accounts" "connection" {
  connection_id = "3f2a7c1e-5b8d-4e9a-9c0b-1d2e3f4a5b6c"
}

output "ibans" {
  value = [for a in data.openbanking_truelayer_accounts.connection.accounts : a.iban if a.iban != null]
}
