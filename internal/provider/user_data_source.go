package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

var (
	_ datasource.DataSource                     = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

type userDataSource struct {
	clients *clients
}

// userModel is a user as the user data sources show it.
type userModel struct {
	UserID       types.String       `tfsdk:"user_id"`
	Username     types.String       `tfsdk:"username"`
	Provider     types.String       `tfsdk:"identity_provider"`
	ProviderID   types.String       `tfsdk:"provider_id"`
	Email        types.String       `tfsdk:"email"`
	Entitlements []entitlementModel `tfsdk:"entitlements"`
}

type entitlementModel struct {
	EntitlementID types.String `tfsdk:"entitlement_id"`
	RoleName      types.String `tfsdk:"role_name"`
	BankID        types.String `tfsdk:"bank_id"`
}

type userDataSourceModel struct {
	userModel
	IsLocked types.Bool `tfsdk:"is_locked"`
}

func newUserDataSource() datasource.DataSource { return &userDataSource{} }

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("user_id"), path.MatchRoot("username")),
		datasourcevalidator.Conflicting(path.MatchRoot("user_id"), path.MatchRoot("identity_provider")),
	}
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userAttributes()
	attrs["user_id"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Id of the user. Exactly one of `user_id` and `username` must be set."}
	attrs["username"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Username."}
	attrs["identity_provider"] = schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: "Identity provider of the user; with `username`, defaults to the server's local provider (`local_identity_provider` of `/root`)."}
	attrs["is_locked"] = schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is locked."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up an OBP user by `username` (and identity provider) or by `user_id`, e.g. to link the " +
			"user to a customer. Needs the `CanGetAnyUser` role.",
		Attributes: attrs,
	}
}

// userAttributes are the computed attributes shared by the user data sources.
func userAttributes() map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"user_id":           computed("Id of the user."),
		"username":          computed("Username."),
		"identity_provider": computed("Identity provider."),
		"provider_id":       computed("Id of the user at the identity provider."),
		"email":             computed("Email address."),
		"entitlements": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Roles the user holds; `bank_id` is null for system-wide roles.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"entitlement_id": computed("Id of the entitlement."),
				"role_name":      computed("Role, e.g. `CanCreateCustomer`."),
				"bank_id":        computed("Bank the role holds at."),
			}},
		},
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userDataSourceModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		got *obp.UserDetails
		err error
	)
	if !cfg.UserID.IsNull() {
		got, err = d.clients.OBP.UserByID(ctx, cfg.UserID.ValueString())
	} else {
		got, err = d.clients.OBP.UserByUsername(ctx, cfg.Provider.ValueString(), cfg.Username.ValueString())
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the OBP User", err)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, userDataSourceModel{userModel: userFromAPI(&got.User), IsLocked: types.BoolValue(got.IsLocked)})...)
}

func userFromAPI(u *obp.User) userModel {
	ents := make([]entitlementModel, len(u.Entitlements.List))
	for i, e := range u.Entitlements.List {
		ents[i] = entitlementModel{
			EntitlementID: types.StringValue(e.EntitlementID),
			RoleName:      types.StringValue(e.RoleName),
			BankID:        optString(e.BankID),
		}
	}
	return userModel{
		UserID:       types.StringValue(u.UserID),
		Username:     types.StringValue(u.Username),
		Provider:     types.StringValue(u.Provider),
		ProviderID:   optString(u.ProviderID),
		Email:        optString(u.Email),
		Entitlements: ents,
	}
}
