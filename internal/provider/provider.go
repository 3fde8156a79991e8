// Package provider implements the openbanking Terraform provider.
package provider

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/truelayer"
)

var (
	_ provider.Provider                       = (*openbankingProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*openbankingProvider)(nil)
	_ provider.ProviderWithListResources      = (*openbankingProvider)(nil)
)

type openbankingProvider struct {
	version string
}

// New returns a constructor of the provider for the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &openbankingProvider{version: version} }
}

// providerModel is the provider block.
type providerModel struct {
	OBP       *obpConfigModel       `tfsdk:"obp"`
	Thredd    *threddConfigModel    `tfsdk:"thredd"`
	TrueLayer *trueLayerConfigModel `tfsdk:"truelayer"`
	CDR       *cdrConfigModel       `tfsdk:"cdr"`
	Ivy       *ivyConfigModel       `tfsdk:"ivy"`
}

// clients is what resources and data sources receive from Configure; the
// client of an API that is not configured is nil.
type clients struct {
	OBP       *obp.Client
	Thredd    *thredd.Client
	TrueLayer *truelayer.Client
	CDR       *cdr.Client
	Ivy       *ivy.Client
	// OperationTimeout bounds a resource operation without a timeouts block.
	OperationTimeout time.Duration
}

func (p *openbankingProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "openbanking"
	resp.Version = p.version
}

func (p *openbankingProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages customers and related configuration on an Open Bank Project (OBP) API server " +
			"and reads bank accounts. Every setting can also come from an environment variable.",
		Blocks: blocks(),
	}
}

func (p *openbankingProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	userAgent := fmt.Sprintf("terraform-provider-openbanking/%s (+https://www.terraform.io; Terraform %s)", p.version, req.TerraformVersion)
	c := &clients{}
	var d diag.Diagnostics
	if obpSettings.configured(cfg.OBP != nil) {
		c.OBP, c.OperationTimeout = configureOBP(cfg.OBP, userAgent, &resp.Diagnostics)
		if c.OBP != nil && !resp.Diagnostics.HasError() {
			checkLogin(ctx, c.OBP, &resp.Diagnostics)
		}
	}
	if threddSettings.configured(cfg.Thredd != nil) {
		c.Thredd, d = orEmpty(cfg.Thredd).client(userAgent)
		resp.Diagnostics.Append(d...)
	}
	if trueLayerSettings.configured(cfg.TrueLayer != nil) {
		c.TrueLayer, d = orEmpty(cfg.TrueLayer).client(userAgent)
		resp.Diagnostics.Append(d...)
	}
	if cdrSettings.configured(cfg.CDR != nil) {
		c.CDR, d = orEmpty(cfg.CDR).client(userAgent)
		resp.Diagnostics.Append(d...)
	}
	if ivySettings.configured(cfg.Ivy != nil) {
		c.Ivy, d = orEmpty(cfg.Ivy).client(userAgent)
		resp.Diagnostics.Append(d...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = c
	resp.DataSourceData = c
	resp.EphemeralResourceData = c
	resp.ListResourceData = c
}

// providerBlocks are the declarations of the provider's blocks.
var providerBlocks = []providerBlock{obpSettings, threddSettings, trueLayerSettings, cdrSettings, ivySettings}

func blocks() map[string]schema.Block {
	b := map[string]schema.Block{}
	for _, d := range providerBlocks {
		b[d.name] = d.schema()
	}
	return b
}

func configureOBP(m *obpConfigModel, userAgent string, diags *diag.Diagnostics) (*obp.Client, time.Duration) {
	obpCfg, opTimeout, d := orEmpty(m).resolve(userAgent)
	diags.Append(d...)
	if d.HasError() {
		return nil, 0
	}
	c, err := obp.New(obpCfg)
	if err != nil {
		diags.AddAttributeError(obpPath("url"), "Invalid OBP Client Configuration", err.Error())
	}
	return c, opTimeout
}

// checkLogin checks the OBP credential once (a DirectLogin, or a read of the
// current user with a ready token) so that a refusal or an unreachable server
// is one error on the provider block, at plan, instead of one per resource.
// Other failures (a server error answer) are left to the operations, which
// report and retry them.
func checkLogin(ctx context.Context, c *obp.Client, diags *diag.Diagnostics) {
	err := c.Verify(ctx)
	switch {
	case err == nil:
	case isUnreachable(err):
		detail := fmt.Sprintf("The request to %s (obp.url or %s) got no answer: %s.", c.BaseURL(), obpSettings.env("url"), err)
		if note := failureNote(err); note != "" {
			detail += note
		} else {
			detail += "\n\nCheck " + obpSettings.ref("url") + " and that the server is running."
		}
		diags.AddAttributeError(obpPath("url"), "Could Not Reach the OBP Server", detail)
	// The errors below are on the obp block, not on a secret attribute:
	// terraform would print the start of a literal secret from its line.
	case obp.IsLoginRefused(err) && client.HasCode(err, obp.CodeInvalidConsumerKey):
		addAPIError(diags, obpBlock, "OBP Refused the DirectLogin (obp.consumer_key)", err)
	case obp.IsLoginRefused(err):
		addAPIError(diags, obpBlock, "OBP Refused the DirectLogin (obp.username / obp.password)", err)
	case !c.UsesDirectLogin() && tokenRefused(err):
		addAPIError(diags, obpBlock, "OBP Refused the Token (obp.token / obp.bearer_token)", err)
	default:
		tflog.Debug(ctx, "the credential check at configure got an error answer; operations will try again", map[string]any{"error": err.Error()})
	}
}

// tokenRefused: OBP refused a ready token (401, or 400 OBP-20003 on 2024 servers).
func tokenRefused(err error) bool {
	apiErr, ok := client.AsAPIError(err)
	return ok && (apiErr.StatusCode == http.StatusUnauthorized || apiErr.HasCode(obp.CodeInvalidToken))
}

// orEmpty turns an absent block into an empty one (every setting from the environment).
func orEmpty[T any](m *T) *T {
	if m == nil {
		return new(T)
	}
	return m
}

func (p *openbankingProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newCustomerResource,
		newCustomerAddressResource,
		newCustomerAttributeResource,
		newTaxResidenceResource,
		newAttributeDefinitionResource,
		newUserCustomerLinkResource,
	}
}

func (p *openbankingProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newDirectLoginTokenEphemeral}
}

func (p *openbankingProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		newCustomerListResource,
		newCustomerAddressListResource,
		newTaxResidenceListResource,
		newCustomerAttributeListResource,
		newUserCustomerLinkListResource,
		newAttributeDefinitionListResource,
	}
}

func (p *openbankingProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCustomerDataSource,
		newCustomerChildrenDataSource,
		newBanksDataSource,
		newBankDataSource,
		newUserDataSource,
		newCurrentUserDataSource,
		newAccountDataSource,
		newAccountsDataSource,
		newThreddAccountsDataSource,
		newTrueLayerAccountsDataSource,
		newCDRAccountsDataSource,
		newIvyAccountsDataSource,
		newCustomersDataSource,
		newCustomerAddressesDataSource,
		newTaxResidencesDataSource,
		newCustomerAttributesDataSource,
		newUserCustomerLinksDataSource,
		newAttributeDefinitionsDataSource,
	}
}
