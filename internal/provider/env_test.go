package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestEnvAliases: OBP's own variable names are read after the provider's,
// in the documented order, and a setting in the block wins over all of them.
func TestEnvAliases(t *testing.T) {
	cases := []struct {
		name       string
		env        map[string]string
		block      obpConfigModel
		url, token string
	}{
		{"api host", map[string]string{"OBP_API_HOST": "https://host.example", "OBP_AUTH_TOKEN": "auth"}, obpConfigModel{}, "https://host.example", "auth"},
		{"base url before api host", map[string]string{"OBP_BASE_URL": "https://base.example", "OBP_API_HOST": "https://host.example",
			"OBP_DIRECT_LOGIN_TOKEN": "direct", "OBP_AUTH_TOKEN": "auth"}, obpConfigModel{}, "https://base.example", "direct"},
		{"own names first", map[string]string{"OBP_URL": "https://own.example", "OBP_BASE_URL": "https://base.example",
			"OBP_TOKEN": "own", "OBP_DIRECT_LOGIN_TOKEN": "direct"}, obpConfigModel{}, "https://own.example", "own"},
		{"block wins", map[string]string{"OBP_URL": "https://own.example", "OBP_TOKEN": "own"},
			obpConfigModel{URL: types.StringValue("https://block.example"), Token: types.StringValue("block")}, "https://block.example", "block"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, name := range []string{"OBP_URL", "OBP_BASE_URL", "OBP_API_HOST", "OBP_TOKEN", "OBP_DIRECT_LOGIN_TOKEN", "OBP_AUTH_TOKEN", "OBP_BEARER_TOKEN"} {
				t.Setenv(name, c.env[name])
			}
			if !configuredOBP(nil) {
				t.Fatal("OBP not configured from the environment")
			}
			cfg, _, diags := c.block.resolve("test")
			if diags.HasError() {
				t.Fatalf("resolve: %v", diags)
			}
			if cfg.URL != c.url || cfg.Token != c.token {
				t.Errorf("url %q token %q, want %q and %q", cfg.URL, cfg.Token, c.url, c.token)
			}
		})
	}
}
