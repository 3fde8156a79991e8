data "openbanking_banks" "all" {}

output "bank_ids" {
  value = [for b in data.openbanking_banks.all.banks : b.id]
}
