// Package provider implements the openbanking Terraform provider.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var _ provider.Provider = (*openbankingProvider)(nil)

type openbankingProvider struct {
	version string
}

// New returns a constructor of the provider for the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &openbankingProvider{version: version} }
}

// providerModel is the provider block.
type providerModel struct {
	OBP *obpConfigModel `tfsdk:"obp"`
}

// clients is what resources and data sources receive from Configure.
type clients struct {
	OBP *obp.Client
}

func (p *openbankingProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "openbanking"
	resp.Version = p.version
}

func (p *openbankingProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages customers and related configuration on an Open Bank Project (OBP) API server " +
			"and reads bank accounts. Every setting can also come from an environment variable.",
		Blocks: map[string]schema.Block{
			"obp": obpConfigBlock(),
		},
	}
}

func (p *openbankingProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.OBP == nil {
		cfg.OBP = &obpConfigModel{}
	}
	userAgent := fmt.Sprintf("terraform-provider-openbanking/%s (+https://www.terraform.io; Terraform %s)", p.version, req.TerraformVersion)
	obpCfg, diags := cfg.OBP.resolve(userAgent)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	obpClient, err := obp.New(obpCfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(obpPath("url"), "Invalid OBP client configuration", err.Error())
		return
	}
	c := &clients{OBP: obpClient}
	resp.ResourceData = c
	resp.DataSourceData = c
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

func (p *openbankingProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCustomerDataSource,
		newBanksDataSource,
		newBankDataSource,
		newUserDataSource,
		newCurrentUserDataSource,
	}
}
