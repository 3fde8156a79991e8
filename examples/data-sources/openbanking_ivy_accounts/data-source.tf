provider "openbanking" {
  ivy {
    url     = "https://api.sand.getivy.de"
    api_key = var.ivy_api_key
  }
}

variable "ivy_api_key" {
  type      = string
  sensitive = true
}

data "openbanking_ivy_accounts" "all" {}

output "account_numbers" {
  value = [for a in data.openbanking_ivy_accounts.all.accounts : a.normalized.number]
}
