package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ ephemeral.EphemeralResource              = (*directLoginTokenEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*directLoginTokenEphemeral)(nil)
)

// directLoginTokenEphemeral hands the provider's DirectLogin token to other
// providers without writing it to plan or state.
type directLoginTokenEphemeral struct {
	clients *clients
}

type directLoginTokenModel struct {
	Username types.String `tfsdk:"username"`
	Token    types.String `tfsdk:"token"`
	Header   types.String `tfsdk:"header"`
}

func newDirectLoginTokenEphemeral() ephemeral.EphemeralResource { return &directLoginTokenEphemeral{} }

func (e *directLoginTokenEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_direct_login_token"
}

func (e *directLoginTokenEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (e *directLoginTokenEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The DirectLogin token of the provider's `obp` login (Terraform 1.10 and later). " +
			"It is never written to plan or state: hand it to another provider (an HTTP check, a secret store) in the same run. " +
			"The provider logs in once per run and returns that same token; it needs `username`, `password` and `consumer_key`, not `token` or `bearer_token`.",
		Attributes: map[string]schema.Attribute{
			"username": schema.StringAttribute{Computed: true, MarkdownDescription: "The user the token belongs to."},
			"token":    schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The DirectLogin token."},
			"header": schema.StringAttribute{Computed: true, Sensitive: true,
				MarkdownDescription: "The value of a `DirectLogin` request header that uses the token: `token=…`."},
		},
	}
}

func (e *directLoginTokenEphemeral) Open(ctx context.Context, _ ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	token, err := e.clients.OBP.DirectLoginToken(ctx)
	if errors.Is(err, obp.ErrNoDirectLogin) {
		resp.Diagnostics.AddAttributeError(path.Root("token"), "No DirectLogin Credentials",
			fmt.Sprintf("openbanking_direct_login_token needs obp.username, obp.password and obp.consumer_key (or %s, %s, %s): ",
				obpSettings.env("username"), obpSettings.env("password"), obpSettings.env("consumer_key"))+
				"the provider is configured with a token and has none of its own to hand out.")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Root("token"), "Could Not Log In to OBP", err)
		return
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, directLoginTokenModel{
		Username: types.StringValue(e.clients.OBP.Username()),
		Token:    types.StringValue(token),
		Header:   types.StringValue("token=" + token),
	})...)
}
