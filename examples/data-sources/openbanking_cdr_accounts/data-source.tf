provider "openbanking" {
  cdr {
    url              = "https://data.holder.example.com.au"
    bearer_token     = var.cdr_access_token
    client_cert_file = "adr-client.pem"
    client_key_file  = "adr-client.key"
  }
}

variable "cdr_access_token" {
  type      = string
  sensitive = true
}

data "openbanking_cdr_accounts" "open_cards" {
  product_category = "CRED_AND_CHRG_CARDS"
  open_status      = "OPEN"

  # One more request per page of accounts, for the balances of that page.
  include_balances = true
}

output "cards" {
  value = [for a in data.openbanking_cdr_accounts.open_cards.accounts : "${a.display_name} ${a.masked_number}"]
}

output "card_balances" {
  value = { for a in data.openbanking_cdr_accounts.open_cards.accounts : a.masked_number => "${a.current_balance} ${a.currency} (available ${a.available_balance})" }
}
