data "openbanking_current_user" "me" {}

output "my_roles" {
  value = [for e in data.openbanking_current_user.me.entitlements : "${e.role_name}@${coalesce(e.bank_id, "*")}"]
}
