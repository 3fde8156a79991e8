data "openbanking_bank" "demo" {
  bank_id = "demo.bank.01"
}

output "bic" {
  value = one([for r in data.openbanking_bank.demo.bank_routings : r.address if r.scheme == "BIC"])
}
