package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
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

func obpPath(attr string) path.Path { return obpBlock.AtName(attr) }

// obpBlock is the path of the provider's obp block.
var obpBlock = path.Root("obp")

func obpConfigBlock() schema.SingleNestedBlock {
	str := func(desc, env string, sensitive bool) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true, Sensitive: sensitive,
			MarkdownDescription: desc + " " + envDoc(env),
		}
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Connection to an Open Bank Project (OBP) API server. Authenticate with DirectLogin " +
			"(`username`, `password`, `consumer_key`), a ready DirectLogin `token`, or an OAuth2 `bearer_token`.",
		Attributes: map[string]schema.Attribute{
			"url": str("Base URL of the OBP API server, e.g. `https://obp.example.com`.", "OBP_URL", false),
			"api_version": withValidators(str("OBP API version used in request paths, `vN.N.N`: the provider speaks `v6.0.0`, `v5.1.0` and `v5.0.0`. Defaults to `v5.1.0`. "+
				"`openbanking_customer`'s `customer_type` and `parent_customer_id` and the `openbanking_customer_children` data source need `v6.0.0`.",
				"OBP_API_VERSION", false), apiVersionValidator()),
			"username": withValidators(str("DirectLogin username. "+directLoginRule, "OBP_USERNAME", false), directLoginValue{}),
			"password": withValidators(str("DirectLogin password. "+directLoginRule, "OBP_PASSWORD", true), directLoginValue{}),
			"consumer_key": withValidators(str("Consumer key of the OBP consumer (application) used for DirectLogin. "+directLoginRule,
				"OBP_CONSUMER_KEY", true), directLoginValue{}),
			"token":        str("A DirectLogin token obtained beforehand; replaces username, password and consumer key.", "OBP_TOKEN", true),
			"bearer_token": str("An OAuth2/OIDC access token sent as `Authorization: Bearer`.", "OBP_BEARER_TOKEN", true),
			"request_timeout": withValidators(str("Timeout of one HTTP request as a Go duration (`30s`, `2m`), from `1s` to `1h`. Defaults to `60s`.",
				"OBP_REQUEST_TIMEOUT", false), durationBetween(minTimeout, maxRequestTimeout)),
			"operation_timeout": withValidators(str("Default time one create, read, update or delete of a resource may take, "+
				"retries included, as a Go duration from `1s` to `24h`. A resource's `timeouts` block overrides it. Defaults to `20m`.",
				"OBP_OPERATION_TIMEOUT", false), durationBetween(minTimeout, maxTimeout)),
			"ca_file": str("PEM file of extra certificate authorities to trust.", "OBP_CA_FILE", false),
			"max_retries": schema.NumberAttribute{
				Optional:            true,
				Validators:          []validator.Number{wholeNumber{min: 0, max: maxMaxRetries}},
				MarkdownDescription: "Retries (a whole number from 0 to 20) of reads, updates and deletes (GET, PUT, DELETE) and of the login after HTTP 429, 502, 503, 504 or a broken connection, and of creates after a 429 or a refused connection. Defaults to `8`. Environment variable: `OBP_MAX_RETRIES`.",
			},
			"insecure_skip_verify": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Skip TLS certificate verification. For test servers only. Defaults to `false`. Environment variable: `OBP_INSECURE_SKIP_VERIFY`.",
			},
		},
	}
}

// resolve applies environment fallbacks and defaults and checks that the
// configuration is complete, with errors on the attribute to fix.
func (m *obpConfigModel) resolve(userAgent string) (obp.Config, time.Duration, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: "obp", diags: &diags}
	cfg := obp.Config{
		URL:         r.url(m.URL, "url", "OBP_URL"),
		APIVersion:  r.str(m.APIVersion, "api_version", "OBP_API_VERSION"),
		Username:    r.str(m.Username, "username", "OBP_USERNAME"),
		Password:    r.str(m.Password, "password", "OBP_PASSWORD"),
		ConsumerKey: r.str(m.ConsumerKey, "consumer_key", "OBP_CONSUMER_KEY"),
		Token:       r.str(m.Token, "token", "OBP_TOKEN"),
		BearerToken: r.str(m.BearerToken, "bearer_token", "OBP_BEARER_TOKEN"),
		Settings:    client.Settings{CAFile: r.str(m.CAFile, "ca_file", "OBP_CA_FILE"), UserAgent: userAgent},
	}
	cfg.Timeout = r.duration(m.RequestTimeout, "request_timeout", "OBP_REQUEST_TIMEOUT", defaultRequestTimeout, maxRequestTimeout)
	opTimeout := r.duration(m.OperationTimeout, "operation_timeout", "OBP_OPERATION_TIMEOUT", defaultOperationTimeout, maxTimeout)
	cfg.MaxRetries = r.int(m.MaxRetries, "max_retries", "OBP_MAX_RETRIES", defaultMaxRetries, wholeNumber{min: 0, max: maxMaxRetries})
	cfg.InsecureSkipVerify = r.bool(m.InsecureSkipVerify, "insecure_skip_verify", "OBP_INSECURE_SKIP_VERIFY")
	if cfg.InsecureSkipVerify {
		r.warnInsecure("insecure_skip_verify", "OBP_INSECURE_SKIP_VERIFY")
	}
	if cfg.APIVersion == "" {
		cfg.APIVersion = obp.DefaultAPIVersion
	}
	r.check(cfg.APIVersion, "api_version", "OBP_API_VERSION", apiVersionValidator())
	if !diags.HasError() {
		checkOBPConfig(cfg, &diags)
	}
	return cfg, opTimeout, diags
}

func checkOBPConfig(cfg obp.Config, diags *diag.Diagnostics) {
	if cfg.URL == "" {
		diags.AddAttributeError(obpPath("url"), "Missing OBP URL",
			"Set url in the provider's obp block or the OBP_URL environment variable to the OBP API server, e.g. https://obp.example.com.")
	}
	if cfg.Token != "" && cfg.BearerToken != "" {
		diags.AddAttributeError(obpPath("bearer_token"), "Conflicting OBP Credentials",
			"Set either token (DirectLogin) or bearer_token (OAuth2), not both.")
	}
	if cfg.Token != "" || cfg.BearerToken != "" {
		return
	}
	for _, f := range []struct{ attr, env, value string }{
		{"username", "OBP_USERNAME", cfg.Username},
		{"password", "OBP_PASSWORD", cfg.Password},
		{"consumer_key", "OBP_CONSUMER_KEY", cfg.ConsumerKey},
	} {
		if f.value == "" {
			diags.AddAttributeError(obpPath(f.attr), "Missing OBP Credential "+f.attr,
				fmt.Sprintf("DirectLogin needs username, password and consumer_key. Set %s in the provider's obp block or the %s environment variable, "+
					"or authenticate with token (OBP_TOKEN) or bearer_token (OBP_BEARER_TOKEN) instead.", f.attr, f.env))
			continue
		}
		if err := obp.CheckDirectLoginValue(f.value); err != nil {
			diags.AddAttributeError(obpPath(f.attr), "Invalid DirectLogin Value", directLoginDetail("obp."+f.attr+" (from the obp block or "+f.env+")", err))
		}
	}
}

// warnInsecure warns that a setting turns TLS certificate verification off.
func (r resolver) warnInsecure(attr, env string) {
	r.diags.AddAttributeWarning(r.path(attr), "TLS Certificate Verification Is Off",
		fmt.Sprintf("%s.%s is true (from the %s block or %s): the provider accepts any certificate, so whoever sits between it "+
			"and the server can read the credentials and customer data. Use it for test servers only; to trust a private "+
			"certificate authority set ca_file instead.", r.block, attr, r.block, env))
}

// resolver reads one setting of a provider block from configuration or, when
// null, from the environment.
type resolver struct {
	block string
	diags *diag.Diagnostics
}

func (r resolver) path(attr string) path.Path { return path.Root(r.block).AtName(attr) }

func (r resolver) unknown(attr string) {
	r.diags.AddAttributeError(r.path(attr), "Unknown Provider Setting",
		attr+" depends on a value that is only known after apply; the provider must be configured with known values.")
}

func (r resolver) str(v types.String, attr, env string) string {
	if v.IsUnknown() {
		r.unknown(attr)
		return ""
	}
	if v.IsNull() {
		return getenv(env)
	}
	return v.ValueString()
}

// url resolves a server URL and warns when it sends credentials over plain
// HTTP to another machine.
func (r resolver) url(v types.String, attr, env string) string {
	s := r.str(v, attr, env)
	if u, err := url.Parse(s); err == nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		r.diags.AddAttributeWarning(r.path(attr), "Plain HTTP to a Remote Host",
			fmt.Sprintf("%s.%s is %s: credentials, tokens and customer data would cross the network unencrypted. "+
				"Use https:// (plain http:// is meant for a server on this machine).", r.block, attr, s))
	}
	return s
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// duration resolves a Go duration from minTimeout to max.
func (r resolver) duration(v types.String, attr, env string, def, max time.Duration) time.Duration {
	s := r.str(v, attr, env)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < minTimeout || d > max {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr,
			fmt.Sprintf("%q is not a Go duration from %s to %s such as 30s or 2m (from the %s block or %s).",
				s, shortDuration(minTimeout), shortDuration(max), r.block, env))
	}
	return d
}

// int resolves a whole number in rng; a null setting and an empty variable give def.
func (r resolver) int(v types.Number, attr, env string, def int, rng wholeNumber) int {
	if v.IsUnknown() {
		r.unknown(attr)
		return def
	}
	text := getenv(env)
	if !v.IsNull() {
		text = numberText(v.ValueBigFloat())
	}
	if text == "" {
		return def
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < rng.min || n > rng.max {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr, fmt.Sprintf("%s.%s %s (from the %s block or %s), got %s.",
			r.block, attr, rng.Description(context.Background()), r.block, env, text))
		return def
	}
	return int(n)
}

func (r resolver) bool(v types.Bool, attr, env string) bool {
	if v.IsUnknown() {
		r.unknown(attr)
		return false
	}
	if !v.IsNull() {
		return v.ValueBool()
	}
	s := getenv(env)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr, fmt.Sprintf("%s=%q is not true or false.", env, s))
	}
	return b
}

// check runs a schema validator on a resolved value, which may come from env.
func (r resolver) check(value, attr, env string, v validator.String) {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: r.path(attr), ConfigValue: types.StringValue(value)}, &resp)
	for _, d := range resp.Diagnostics.Errors() {
		r.diags.AddAttributeError(r.path(attr), d.Summary(), d.Detail()+" (from the "+r.block+" block or "+env+")")
	}
}

// require reports a setting an API block needs but does not have.
func (r resolver) require(value, attr, env, what string) {
	if value == "" {
		r.diags.AddAttributeError(r.path(attr), "Missing "+r.block+" Setting "+attr,
			fmt.Sprintf("%s Set %s in the provider's %s block or the %s environment variable.", what, attr, r.block, env))
	}
}

// apiBlock builds the schema of an account API block from its settings.
func apiBlock(desc string, settings []apiSetting) schema.SingleNestedBlock {
	attrs := map[string]schema.Attribute{}
	for _, s := range settings {
		desc := fmt.Sprintf("%s Environment variable: `%s`.", s.desc, s.env)
		if s.whole != nil {
			attrs[s.attr] = schema.NumberAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.Number{*s.whole}}
			continue
		}
		attrs[s.attr] = schema.StringAttribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc}
	}
	return schema.SingleNestedBlock{MarkdownDescription: desc, Attributes: attrs}
}

// apiSetting is one setting of an account API block: a string, or a whole
// number in the range whole gives.
type apiSetting struct {
	attr, env, desc string
	sensitive       bool
	whole           *wholeNumber
}

func withValidators(a schema.StringAttribute, v ...validator.String) schema.StringAttribute {
	a.Validators = append(a.Validators, v...)
	return a
}
