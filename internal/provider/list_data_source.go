package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// listSpec describes a data source that lists the objects of one kind under
// a bank or a customer, for adopting them: each item carries the attributes
// its resource needs and its import id. A is the client's type, M the item.
type listSpec[A, M any] struct {
	typeName    string // after "openbanking_"
	listAttr    string
	description string
	// scope are the required attributes that select the list, in import-id order.
	scope []scopeAttr
	item  map[string]schema.Attribute
	fetch func(ctx context.Context, c *obp.Client, scope []string) ([]A, error)
	// convert builds an item; scope holds the values of the scope attributes.
	convert func(scope []string, a *A) M
}

type scopeAttr struct {
	name, description string
	validator         validator.String
	// optional scope attributes come in groups of which exactly one is set.
	optional bool
}

var (
	bankScope     = scopeAttr{name: "bank_id", description: "Id of the bank.", validator: bankIDValidator()}
	customerScope = scopeAttr{name: "customer_id", description: "Id of the customer.", validator: idValidator()}
)

type listDataSource[A, M any] struct {
	clients *clients
	spec    listSpec[A, M]
}

func newListDataSource[A, M any](spec listSpec[A, M]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listDataSource[A, M]{spec: spec} }
}

func (d *listDataSource[A, M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.typeName
}

func (d *listDataSource[A, M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = obpClients(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource[A, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		d.spec.listAttr: schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The " + strings.ReplaceAll(d.spec.listAttr, "_", " ") + ", all of them.",
			NestedObject: schema.NestedAttributeObject{Attributes: d.spec.item}},
	}
	for _, s := range d.spec.scope {
		attrs[s.name] = schema.StringAttribute{Required: !s.optional, Optional: s.optional, MarkdownDescription: s.description,
			Validators: []validator.String{s.validator}}
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.spec.description, Attributes: attrs}
}

// ConfigValidators: exactly one of the optional scope attributes is set.
func (d *listDataSource[A, M]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	var optional []path.Expression
	for _, s := range d.spec.scope {
		if s.optional {
			optional = append(optional, path.MatchRoot(s.name))
		}
	}
	if len(optional) == 0 {
		return nil
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(optional...)}
}

func (d *listDataSource[A, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	scope := make([]string, len(d.spec.scope))
	values := make([]types.String, len(d.spec.scope))
	for i, s := range d.spec.scope {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.name), &values[i])...)
		scope[i] = values[i].ValueString()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := d.spec.fetch(ctx, d.clients.OBP, scope)
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not List the "+strings.ReplaceAll(d.spec.listAttr, "_", " "), err)
		return
	}
	items := make([]M, len(got))
	for i := range got {
		items[i] = d.spec.convert(scope, &got[i])
	}
	for i, s := range d.spec.scope {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(s.name), values[i])...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.spec.listAttr), items)...)
}

// importIDOf joins the parts of an import id.
func importIDOf(parts ...string) types.String { return types.StringValue(strings.Join(parts, "/")) }

func computedStrings(descriptions map[string]string) map[string]schema.Attribute {
	attrs := make(map[string]schema.Attribute, len(descriptions))
	for name, desc := range descriptions {
		attrs[name] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return attrs
}
