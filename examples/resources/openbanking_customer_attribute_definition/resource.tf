resource "openbanking_customer_attribute_definition" "risk_score" {
  bank_id              = "demo.bank.01"
  name                 = "RISK_SCORE"
  type                 = "DOUBLE"
  description          = "Internal risk score, 0 to 100"
  alias                = "risk"
  can_be_seen_on_views = ["owner"]
  is_active            = true
}
