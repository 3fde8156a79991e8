package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// obpConfigModel is the provider's obp block.
type obpConfigModel struct {
	URL                types.String `tfsdk:"url"`
	APIVersion         types.String `tfsdk:"api_version"`
	Username           types.String `tfsdk:"username"`
	Password           types.String `tfsdk:"password"`
	ConsumerKey        types.String `tfsdk:"consumer_key"`
	Token              types.String `tfsdk:"token"`
	BearerToken        types.String `tfsdk:"bearer_token"`
	RequestTimeout     types.String `tfsdk:"request_timeout"`
	OperationTimeout   types.String `tfsdk:"operation_timeout"`
	MaxRetries         types.Number `tfsdk:"max_retries"`
	InsecureSkipVerify types.Bool   `tfsdk:"insecure_skip_verify"`
	CAFile             types.String `tfsdk:"ca_file"`
}

const (
	defaultRequestTimeout = 60 * time.Second
	maxRequestTimeout     = time.Hour
	defaultMaxRetries     = 8
	maxMaxRetries         = 20
)

func obpPath(attr string) path.Path { return obpSettings.path(attr) }

// obpBlock is the path of the provider's obp block.
var obpBlock = obpSettings.root()

var obpSettings = providerBlock{
	name: "obp",
	desc: "Connection to an Open Bank Project (OBP) API server. Authenticate with DirectLogin " +
		"(`username`, `password`, `consumer_key`), a ready DirectLogin `token`, or an OAuth2 `bearer_token`.",
	switches: []string{"url", "username", "token", "bearer_token"},
	settings: []setting{
		{attr: "url", env: "OBP_URL", aliases: []string{"OBP_BASE_URL", "OBP_API_HOST"},
			desc: "Base URL of the OBP API server, e.g. `https://obp.example.com`."},
		{attr: "api_version", env: "OBP_API_VERSION", validators: []validator.String{apiVersionValidator()},
			desc: "OBP API version used in request paths, `vN.N.N`: the provider speaks `v6.0.0`, `v5.1.0` and `v5.0.0`. Defaults to `v5.1.0`. " +
				"`openbanking_customer`'s `customer_type` and `parent_customer_id` and the `openbanking_customer_children` data source need `v6.0.0`."},
		{attr: "username", env: "OBP_USERNAME", validators: []validator.String{directLoginValue{}},
			desc: "DirectLogin username. " + directLoginRule},
		{attr: "password", env: "OBP_PASSWORD", sensitive: true, validators: []validator.String{directLoginValue{}},
			desc: "DirectLogin password. " + directLoginRule},
		{attr: "consumer_key", env: "OBP_CONSUMER_KEY", sensitive: true, validators: []validator.String{directLoginValue{}},
			desc: "Consumer key of the OBP consumer (application) used for DirectLogin. " + directLoginRule},
		{attr: "token", env: "OBP_TOKEN", aliases: []string{"OBP_DIRECT_LOGIN_TOKEN", "OBP_AUTH_TOKEN"}, sensitive: true,
			desc: "A DirectLogin token obtained beforehand; replaces username, password and consumer key."},
		{attr: "bearer_token", env: "OBP_BEARER_TOKEN", sensitive: true,
			desc: "An OAuth2/OIDC access token sent as `Authorization: Bearer`."},
		{attr: "request_timeout", env: "OBP_REQUEST_TIMEOUT", validators: []validator.String{durationBetween(minTimeout, maxRequestTimeout)},
			desc: "Timeout of one HTTP request as a Go duration (`30s`, `2m`), from `1s` to `1h`. Defaults to `60s`."},
		{attr: "operation_timeout", env: "OBP_OPERATION_TIMEOUT", validators: []validator.String{durationBetween(minTimeout, maxTimeout)},
			desc: "Default time one create, read, update or delete of a resource may take, " +
				"retries included, as a Go duration from `1s` to `24h`. A resource's `timeouts` block overrides it. Defaults to `20m`."},
		{attr: "ca_file", env: "OBP_CA_FILE", desc: "PEM file of extra certificate authorities to trust."},
		{attr: "max_retries", env: "OBP_MAX_RETRIES", whole: &wholeNumber{min: 0, max: maxMaxRetries},
			desc: "Retries (a whole number from 0 to 20) of reads, updates and deletes (GET, PUT, DELETE) and of the login after HTTP 429, 502, 503, 504 or a broken connection, and of creates after a 429 or a refused connection. Defaults to `8`."},
		{attr: "insecure_skip_verify", env: "OBP_INSECURE_SKIP_VERIFY", boolean: true,
			desc: "Skip TLS certificate verification. For test servers only. Defaults to `false`."},
	},
}

// resolve applies environment fallbacks and defaults and checks that the
// configuration is complete, with errors on the attribute to fix.
func (m *obpConfigModel) resolve(userAgent string) (obp.Config, time.Duration, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: obpSettings, diags: &diags}
	cfg := obp.Config{
		URL:         r.url(m.URL, "url"),
		APIVersion:  r.str(m.APIVersion, "api_version"),
		Username:    r.str(m.Username, "username"),
		Password:    r.str(m.Password, "password"),
		ConsumerKey: r.str(m.ConsumerKey, "consumer_key"),
		Token:       r.str(m.Token, "token"),
		BearerToken: r.str(m.BearerToken, "bearer_token"),
		Settings:    client.Settings{CAFile: r.str(m.CAFile, "ca_file"), UserAgent: userAgent},
	}
	cfg.Timeout = r.duration(m.RequestTimeout, "request_timeout", defaultRequestTimeout, maxRequestTimeout)
	opTimeout := r.duration(m.OperationTimeout, "operation_timeout", defaultOperationTimeout, maxTimeout)
	cfg.MaxRetries = r.int(m.MaxRetries, "max_retries", defaultMaxRetries)
	cfg.InsecureSkipVerify = r.bool(m.InsecureSkipVerify, "insecure_skip_verify")
	if cfg.InsecureSkipVerify {
		r.warnInsecure("insecure_skip_verify")
	}
	if cfg.APIVersion == "" {
		cfg.APIVersion = obp.DefaultAPIVersion
	}
	r.check(cfg.APIVersion, "api_version")
	if !diags.HasError() {
		checkOBPConfig(cfg, &diags)
	}
	return cfg, opTimeout, diags
}

func checkOBPConfig(cfg obp.Config, diags *diag.Diagnostics) {
	if cfg.URL == "" {
		diags.AddAttributeError(obpPath("url"), "Missing OBP URL",
			"Set url in the provider's obp block or the "+obpSettings.env("url")+" environment variable to the OBP API server, e.g. https://obp.example.com.")
	}
	if cfg.Token != "" && cfg.BearerToken != "" {
		diags.AddAttributeError(obpPath("bearer_token"), "Conflicting OBP Credentials",
			"Set either token (DirectLogin) or bearer_token (OAuth2), not both.")
	}
	if cfg.Token != "" || cfg.BearerToken != "" {
		return
	}
	for _, f := range []struct{ attr, value string }{
		{"username", cfg.Username},
		{"password", cfg.Password},
		{"consumer_key", cfg.ConsumerKey},
	} {
		env := obpSettings.env(f.attr)
		if f.value == "" {
			diags.AddAttributeError(obpPath(f.attr), "Missing OBP Credential "+f.attr,
				fmt.Sprintf("DirectLogin needs username, password and consumer_key. Set %s in the provider's obp block or the %s environment variable, "+
					"or authenticate with token (%s) or bearer_token (%s) instead.", f.attr, env, obpSettings.env("token"), obpSettings.env("bearer_token")))
			continue
		}
		if err := obp.CheckDirectLoginValue(f.value); err != nil {
			diags.AddAttributeError(obpPath(f.attr), "Invalid DirectLogin Value", directLoginDetail("obp."+f.attr+" (from the obp block or "+env+")", err))
		}
	}
}
