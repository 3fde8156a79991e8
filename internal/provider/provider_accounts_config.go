package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
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

func accountAPIBlocks() map[string]schema.Block {
	return map[string]schema.Block{
		"thredd": apiBlock("Thredd Open Banking (Get All Customer Accounts).", []apiSetting{
			{"url", "THREDD_URL", "Base URL, e.g. `https://uat-api.thredd.com`.", false, nil},
			{"client_id", "THREDD_CLIENT_ID", "Program-manager id, sent as the `client-id` header.", false, nil},
			{"partner_id", "THREDD_PARTNER_ID", "Mastercard partner id, sent as `partner-id` when set.", false, nil},
			{"bearer_token", "THREDD_BEARER_TOKEN", "OAuth2 access token, sent when set.", true, nil},
		}),
		"truelayer": apiBlock("TrueLayer Data API v3. The provider obtains an access token with the client-credentials flow (scope `data`).", []apiSetting{
			{"api_url", "TRUELAYER_API_URL", "Data API base URL, e.g. `https://api.truelayer.com`.", false, nil},
			{"auth_url", "TRUELAYER_AUTH_URL", "Auth server base URL, e.g. `https://auth.truelayer.com`.", false, nil},
			{"client_id", "TRUELAYER_CLIENT_ID", "OAuth2 client id.", false, nil},
			{"client_secret", "TRUELAYER_CLIENT_SECRET", "OAuth2 client secret.", true, nil},
		}),
		"cdr": apiBlock("An Australian Consumer Data Right data holder (Banking Get Accounts).", []apiSetting{
			{"url", "CDR_URL", "The holder's resource base URI (the provider appends `/cds-au/v1/banking/accounts`).", false, nil},
			{"bearer_token", "CDR_BEARER_TOKEN", "Access token with scope `bank:accounts.basic:read`.", true, nil},
			{"client_cert_file", "CDR_CLIENT_CERT_FILE", "PEM client certificate for mutual TLS.", false, nil},
			{"client_key_file", "CDR_CLIENT_KEY_FILE", "PEM private key of the client certificate.", false, nil},
			{"customer_ip_address", "CDR_CUSTOMER_IP_ADDRESS", "IP address of a present customer (`x-fapi-customer-ip-address`).", false, nil},
			{"client_headers", "CDR_CLIENT_HEADERS", "Base64 `x-cds-client-headers`, required with `customer_ip_address`.", false, nil},
			{"page_size", "CDR_PAGE_SIZE", "Accounts per page, 1 to 1000. Defaults to 100.", false, &wholeNumber{min: 1, max: cdr.MaxPageSize}},
		}),
		"ivy": apiBlock("Ivy Data API.", []apiSetting{
			{"url", "IVY_URL", "Base URL, e.g. `https://api.getivy.de`.", false, nil},
			{"api_key", "IVY_API_KEY", "API key, sent as `X-Ivy-Api-Key`.", true, nil},
			{"path_prefix", "IVY_PATH_PREFIX", "Path prefix of the data endpoints. Defaults to `/api/services/`; some Ivy endpoints use `/api/service/`.", false, nil},
			{"page_size", "IVY_PAGE_SIZE", "Accounts per page, 1 to 100. Defaults to 100.", false, &wholeNumber{min: 1, max: ivy.MaxPageSize}},
		}),
	}
}

// accountSettings are the connection settings of the account API clients.
func accountSettings(userAgent string) client.Settings {
	return client.Settings{Timeout: defaultRequestTimeout, MaxRetries: defaultMaxRetries, UserAgent: userAgent}
}

// configured: a block is used when present or when its URL variable is set.
func configured(present bool, urlEnv string) bool { return present || getenv(urlEnv) != "" }

func (m *threddConfigModel) client(userAgent string) (*thredd.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: "thredd", diags: &diags}
	cfg := thredd.Config{
		URL: r.url(m.URL, "url", "THREDD_URL"), ClientID: r.str(m.ClientID, "client_id", "THREDD_CLIENT_ID"),
		PartnerID: r.str(m.PartnerID, "partner_id", "THREDD_PARTNER_ID"), BearerToken: r.str(m.BearerToken, "bearer_token", "THREDD_BEARER_TOKEN"),
		Settings: accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "THREDD_URL", "Thredd needs its base URL.")
	r.require(cfg.ClientID, "client_id", "THREDD_CLIENT_ID", "Thredd needs the program manager's client id.")
	return newAPIClient(r, cfg, thredd.New)
}

func (m *trueLayerConfigModel) client(userAgent string) (*truelayer.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: "truelayer", diags: &diags}
	cfg := truelayer.Config{
		APIURL: r.url(m.APIURL, "api_url", "TRUELAYER_API_URL"), AuthURL: r.url(m.AuthURL, "auth_url", "TRUELAYER_AUTH_URL"),
		ClientID: r.str(m.ClientID, "client_id", "TRUELAYER_CLIENT_ID"), ClientSecret: r.str(m.ClientSecret, "client_secret", "TRUELAYER_CLIENT_SECRET"),
		Settings: accountSettings(userAgent),
	}
	r.require(cfg.APIURL, "api_url", "TRUELAYER_API_URL", "TrueLayer needs the Data API URL.")
	r.require(cfg.AuthURL, "auth_url", "TRUELAYER_AUTH_URL", "TrueLayer needs the auth server URL.")
	r.require(cfg.ClientID, "client_id", "TRUELAYER_CLIENT_ID", "TrueLayer needs OAuth2 client credentials.")
	r.require(cfg.ClientSecret, "client_secret", "TRUELAYER_CLIENT_SECRET", "TrueLayer needs OAuth2 client credentials.")
	return newAPIClient(r, cfg, truelayer.New)
}

func (m *cdrConfigModel) client(userAgent string) (*cdr.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: "cdr", diags: &diags}
	cfg := cdr.Config{
		URL: r.url(m.URL, "url", "CDR_URL"), BearerToken: r.str(m.BearerToken, "bearer_token", "CDR_BEARER_TOKEN"),
		ClientCertFile:    r.str(m.ClientCertFile, "client_cert_file", "CDR_CLIENT_CERT_FILE"),
		ClientKeyFile:     r.str(m.ClientKeyFile, "client_key_file", "CDR_CLIENT_KEY_FILE"),
		CustomerIPAddress: r.str(m.CustomerIPAddress, "customer_ip_address", "CDR_CUSTOMER_IP_ADDRESS"),
		ClientHeaders:     r.str(m.ClientHeaders, "client_headers", "CDR_CLIENT_HEADERS"),
		PageSize:          r.int(m.PageSize, "page_size", "CDR_PAGE_SIZE", 0, wholeNumber{min: 1, max: cdr.MaxPageSize}),
		Settings:          accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "CDR_URL", "A CDR data holder needs its resource base URI.")
	r.require(cfg.BearerToken, "bearer_token", "CDR_BEARER_TOKEN", "A CDR data holder needs an access token.")
	return newAPIClient(r, cfg, cdr.New)
}

func (m *ivyConfigModel) client(userAgent string) (*ivy.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := resolver{block: "ivy", diags: &diags}
	cfg := ivy.Config{
		URL: r.url(m.URL, "url", "IVY_URL"), APIKey: r.str(m.APIKey, "api_key", "IVY_API_KEY"),
		PathPrefix: r.str(m.PathPrefix, "path_prefix", "IVY_PATH_PREFIX"),
		PageSize:   r.int(m.PageSize, "page_size", "IVY_PAGE_SIZE", 0, wholeNumber{min: 1, max: ivy.MaxPageSize}),
		Settings:   accountSettings(userAgent),
	}
	r.require(cfg.URL, "url", "IVY_URL", "Ivy needs its base URL.")
	r.require(cfg.APIKey, "api_key", "IVY_API_KEY", "Ivy needs an API key.")
	return newAPIClient(r, cfg, ivy.New)
}

// newAPIClient builds a client once the settings are complete.
func newAPIClient[C, T any](r resolver, cfg C, build func(C) (*T, error)) (*T, diag.Diagnostics) {
	if r.diags.HasError() {
		return nil, *r.diags
	}
	c, err := build(cfg)
	if err != nil {
		r.diags.AddAttributeError(path.Root(r.block), "Invalid "+r.block+" Configuration", err.Error())
	}
	return c, *r.diags
}
