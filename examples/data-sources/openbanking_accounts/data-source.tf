# Every account the caller can see at the bank ...
data "openbanking_accounts" "all" {
  bank_id = "demo.bank.01"
}

# ... only the savings accounts it holds ...
data "openbanking_accounts" "savings" {
  bank_id      = "demo.bank.01"
  held_only    = true
  product_code = "SAVINGS"
}

# ... or the accounts whose attribute OVERDRAFT_LIMIT is 1000.
data "openbanking_accounts" "with_overdraft" {
  bank_id    = "demo.bank.01"
  attributes = { OVERDRAFT_LIMIT = "1000" }
}

output "balances" {
  value = { for a in data.openbanking_accounts.all.accounts : a.id => "${a.normalized.balance} ${a.normalized.currency}" }
}
