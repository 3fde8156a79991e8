package provider

import (
	"reflect"
	"slices"
	"strings"
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
			if !obpSettings.configured(false) {
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

// TestProviderBlocksDeclareEveryField: each block's declaration and its model
// name the same attributes, every setting has an environment variable, and
// the schema carries that variable in its description.
func TestProviderBlocksDeclareEveryField(t *testing.T) {
	models := map[string]any{
		"obp": obpConfigModel{}, "thredd": threddConfigModel{}, "truelayer": trueLayerConfigModel{},
		"cdr": cdrConfigModel{}, "ivy": ivyConfigModel{},
	}
	for _, b := range providerBlocks {
		var fields []string
		for f := range reflect.TypeOf(models[b.name]).Fields() {
			fields = append(fields, f.Tag.Get("tfsdk"))
		}
		var declared []string
		for _, s := range b.settings {
			declared = append(declared, s.attr)
			if s.env == "" {
				t.Errorf("%s.%s has no environment variable", b.name, s.attr)
			}
			if desc := b.schema().Attributes[s.attr].GetMarkdownDescription(); !strings.Contains(desc, "`"+s.env+"`") {
				t.Errorf("%s.%s description %q does not name %s", b.name, s.attr, desc, s.env)
			}
		}
		slices.Sort(fields)
		slices.Sort(declared)
		if !slices.Equal(fields, declared) {
			t.Errorf("%s: model fields %v, declared settings %v", b.name, fields, declared)
		}
	}
}

// TestBlockConfiguredByItsSwitches: the environment turns a block on only
// through the variables of its switches.
func TestBlockConfiguredByItsSwitches(t *testing.T) {
	for _, b := range providerBlocks {
		for _, s := range b.settings {
			t.Setenv(s.env, "")
			for _, a := range s.aliases {
				t.Setenv(a, "")
			}
		}
		for _, s := range b.settings {
			t.Setenv(s.env, "x")
			if got, want := b.configured(false), slices.Contains(b.switches, s.attr); got != want {
				t.Errorf("%s with only %s set: configured %v, want %v", b.name, s.env, got, want)
			}
			t.Setenv(s.env, "")
		}
		if !b.configured(true) {
			t.Errorf("%s: a present block is not configured", b.name)
		}
	}
}
