package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/truelayer"
)

// The account API blocks. Each API is configured when its block is present or
// its URL environment variable is set; the data sources of an unconfigured API
// say which block to add.

type threddConfigModel struct {
	URL         types.String `tfsdk:"url"`
	ClientID    types.String `tfsdk:"client_id"`
	PartnerID   types.String `tfsdk:"partner_id"`
	BearerToken types.String `tfsdk:"bearer_token"`
}

type trueLayerConfigModel struct {
	APIURL       types.String `tfsdk:"api_url"`
	AuthURL      types.String `tfsdk:"auth_url"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
}

type cdrConfigModel struct {
	URL               types.String `tfsdk:"url"`
	BearerToken       types.String `tfsdk:"bearer_token"`
	ClientCertFile    types.String `tfsdk:"client_cert_file"`
	ClientKeyFile     types.String `tfsdk:"client_key_file"`
	CustomerIPAddress types.String `tfsdk:"customer_ip_address"`
	ClientHeaders     types.String `tfsdk:"client_headers"`
	PageSize          types.Number `tfsdk:"page_size"`
}

type ivyConfigModel struct {
	URL        types.String `tfsdk:"url"`
	APIKey     types.String `tfsdk:"api_key"`
	PathPrefix types.String `tfsdk:"path_prefix"`
	PageSize   types.Number `tfsdk:"page_size"`
}

var (
	threddSettings = providerBlock{
		name: "thredd", desc: "Thredd Open Banking (Get All Customer Accounts).", switches: []string{"url"},
		settings: []setting{
			{attr: "url", env: "THREDD_URL", desc: "Base URL, e.g. `https://uat-api.thredd.com`."},
			{attr: "client_id", env: "THREDD_CLIENT_ID", desc: "Program-manager id, sent as the `client-id` header."},
			{attr: "partner_id", env: "THREDD_PARTNER_ID", desc: "Mastercard partner id, sent as `partner-id` when set."},
			{attr: "bearer_token", env: "THREDD_BEARER_TOKEN", desc: "OAuth2 access token, sent when set.", sensitive: true},
		},
	}
	trueLayerSettings = providerBlock{
		name: "truelayer", switches: []string{"api_url"},
		desc: "TrueLayer Data API v3. The provider obtains an access token with the client-credentials flow (scope `data`).",
		settings: []setting{
			{attr: "api_url", env: "TRUELAYER_API_URL", desc: "Data API base URL, e.g. `https://api.truelayer.com`."},
			{attr: "auth_url", env: "TRUELAYER_AUTH_URL", desc: "Auth server base URL, e.g. `https://auth.truelayer.com`."},
			{attr: "client_id", env: "TRUELAYER_CLIENT_ID", desc: "OAuth2 client id."},
			{attr: "client_secret", env: "TRUELAYER_CLIENT_SECRET", desc: "OAuth2 client secret.", sensitive: true},
		},
	}
	cdrSettings = providerBlock{
		name: "cdr", desc: "An Australian Consumer Data Right data holder (Banking Get Accounts and Get Balances For Specific Accounts).", switches: []string{"url"},
		settings: []setting{
			{attr: "url", env: "CDR_URL", desc: "The holder's resource base URI (the provider appends `/cds-au/v1/banking/accounts`, and `/cds-au/v1/banking/accounts/balances` for balances)."},
			{attr: "bearer_token", env: "CDR_BEARER_TOKEN", desc: "Access token with scope `bank:accounts.basic:read`.", sensitive: true},
			{attr: "client_cert_file", env: "CDR_CLIENT_CERT_FILE", desc: "PEM client certificate for mutual TLS."},
			{attr: "client_key_file", env: "CDR_CLIENT_KEY_FILE", desc: "PEM private key of the client certificate."},
			{attr: "customer_ip_address", env: "CDR_CUSTOMER_IP_ADDRESS", desc: "IP address of a present customer (`x-fapi-customer-ip-address`)."},
			{attr: "client_headers", env: "CDR_CLIENT_HEADERS", desc: "Base64 `x-cds-client-headers`, required with `customer_ip_address`."},
			{attr: "page_size", env: "CDR_PAGE_SIZE", desc: "Accounts per page, 1 to 1000. Defaults to 100.", whole: &wholeNumber{min: 1, max: cdr.MaxPageSize}},
		},
	}
	ivySettings = providerBlock{
		name: "ivy", desc: "Ivy Data API.", switches: []string{"url"},
		settings: []setting{
			{attr: "url", env: "IVY_URL", desc: "Base URL, e.g. `https://api.getivy.de`."},
			{attr: "api_key", env: "IVY_API_KEY", desc: "API key, sent as `X-Ivy-Api-Key`.", sensitive: true},
			{attr: "path_prefix", env: "IVY_PATH_PREFIX", desc: "Path prefix of the data endpoints. Defaults to `/api/services/`; some Ivy endpoints use `/api/service/`."},
			{attr: "page_size", env: "IVY_PAGE_SIZE", desc: "Accounts per page, 1 to 100. Defaults to 100.", whole: &wholeNumber{min: 1, max: ivy.MaxPageSize}},
		},
	}
)

// accountSettings are the connection settings of the account API clients.
func accountSettings(userAgent string) client.Settings {
	return client.Settings{
		Timeout:    defaultRequestTimeout,
		MaxRetries: defaultMaxRetries,
		UserAgent:  userAgent,
	}
}

func (m *threddConfigModel) client(userAgent string) (*thredd.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: threddSettings, diags: &diags}
	cfg := thredd.Config{
		URL:         r.url(m.URL, "url"),
		ClientID:    r.str(m.ClientID, "client_id"),
		PartnerID:   r.str(m.PartnerID, "partner_id"),
		BearerToken: r.str(m.BearerToken, "bearer_token"),
		Settings:    accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "Thredd needs its base URL.")
	r.require(cfg.ClientID, "client_id", "Thredd needs the program manager's client id.")
	return newAPIClient(r, cfg, thredd.New)
}

func (m *trueLayerConfigModel) client(userAgent string) (*truelayer.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: trueLayerSettings, diags: &diags}
	cfg := truelayer.Config{
		APIURL:       r.url(m.APIURL, "api_url"),
		AuthURL:      r.url(m.AuthURL, "auth_url"),
		ClientID:     r.str(m.ClientID, "client_id"),
		ClientSecret: r.str(m.ClientSecret, "client_secret"),
		Settings:     accountSettings(userAgent),
	}
	r.require(cfg.APIURL, "api_url", "TrueLayer needs the Data API URL.")
	r.require(cfg.AuthURL, "auth_url", "TrueLayer needs the auth server URL.")
	r.require(cfg.ClientID, "client_id", "TrueLayer needs OAuth2 client credentials.")
	r.require(cfg.ClientSecret, "client_secret", "TrueLayer needs OAuth2 client credentials.")
	return newAPIClient(r, cfg, truelayer.New)
}

func (m *cdrConfigModel) client(userAgent string) (*cdr.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: cdrSettings, diags: &diags}
	cfg := cdr.Config{
		URL:               r.url(m.URL, "url"),
		BearerToken:       r.str(m.BearerToken, "bearer_token"),
		ClientCertFile:    r.str(m.ClientCertFile, "client_cert_file"),
		ClientKeyFile:     r.str(m.ClientKeyFile, "client_key_file"),
		CustomerIPAddress: r.str(m.CustomerIPAddress, "customer_ip_address"),
		ClientHeaders:     r.str(m.ClientHeaders, "client_headers"),
		PageSize:          r.int(m.PageSize, "page_size", 0),
		Settings:          accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "A CDR data holder needs its resource base URI.")
	r.require(cfg.BearerToken, "bearer_token", "A CDR data holder needs an access token.")
	return newAPIClient(r, cfg, cdr.New)
}

func (m *ivyConfigModel) client(userAgent string) (*ivy.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: ivySettings, diags: &diags}
	cfg := ivy.Config{
		URL:        r.url(m.URL, "url"),
		APIKey:     r.str(m.APIKey, "api_key"),
		PathPrefix: r.str(m.PathPrefix, "path_prefix"),
		PageSize:   r.int(m.PageSize, "page_size", 0),
		Settings:   accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "Ivy needs its base URL.")
	r.require(cfg.APIKey, "api_key", "Ivy needs an API key.")
	return newAPIClient(r, cfg, ivy.New)
}

// newAPIClient builds a client once the settings are complete.
func newAPIClient[C, T any](r resolver, cfg C, build func(C) (*T, error)) (*T, diag.Diagnostics) {
	if r.diags.HasError() {
		return nil, *r.diags
	}
	c, err := build(cfg)
	if err != nil {
		r.diags.AddAttributeError(r.block.root(), "Invalid "+r.block.name+" Configuration", err.Error())
	}
	return c, *r.diags
}
