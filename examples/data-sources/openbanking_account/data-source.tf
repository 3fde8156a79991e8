data "openbanking_account" "main" {
  bank_id    = "demo.bank.01"
  account_id = "8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0"
  view_id    = "owner"
}

output "iban" {
  value = one([for r in data.openbanking_account.main.account_routings : r.address if r.scheme == "IBAN"])
}
