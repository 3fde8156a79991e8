# The provider's DirectLogin token, never written to plan or state (Terraform 1.10+).
ephemeral "openbanking_direct_login_token" "current" {}

# Hand it to another provider in the same run, e.g. as a request header of an
# HTTP check: locals that use it are ephemeral too.
locals {
  obp_headers = {
    DirectLogin = ephemeral.openbanking_direct_login_token.current.header
  }
}
