# DirectLogin with username, password and consumer key. Every setting can
# instead come from its environment variable (OBP_URL, OBP_USERNAME, ...).
provider "openbanking" {
  obp {
    url          = "https://obp.example.com"
    api_version  = "v5.1.0" # or "v6.0.0" (customer types, subsidiaries); default v5.1.0
    username     = "platform.automation"
    password     = var.obp_password
    consumer_key = var.obp_consumer_key

    request_timeout = "30s"
    max_retries     = 8
  }
}

variable "obp_password" {
  type      = string
  sensitive = true
}

variable "obp_consumer_key" {
  type      = string
  sensitive = true
}
