# A local user by username (the identity provider defaults to the server's own) ...
data "openbanking_user" "by_username" {
  username = "ada.example"
}

# ... or any user by id.
data "openbanking_user" "by_id" {
  user_id = data.openbanking_user.by_username.user_id
}
