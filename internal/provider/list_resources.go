package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// listResourceSpec is a list resource (Terraform 1.14+, `terraform query`):
// it streams the objects of one resource type under a bank or a customer,
// each with its identity and, when asked, its full resource state.
type listResourceSpec[A, M any] struct {
	typeName    string // the resource's, after "openbanking_"
	description string
	scope       []scopeAttr
	ids         importID
	// pages yields the objects page by page; it stops when yield returns false.
	pages   func(ctx context.Context, c *obp.Client, scope []string, yield func([]A) bool) error
	display func(*A) string
	// state is the resource state of an object; it sets every part of ids.
	state func(scope []string, a *A, t timeouts.Value) M
}

type listResource[A, M any] struct {
	clients *clients
	spec    listResourceSpec[A, M]
}

func newListResource[A, M any](spec listResourceSpec[A, M]) func() list.ListResource {
	return func() list.ListResource { return &listResource[A, M]{spec: spec} }
}

func (l *listResource[A, M]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.spec.typeName
}

func (l *listResource[A, M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData != nil {
		l.clients = obpClients(req.ProviderData, &resp.Diagnostics)
	}
}

func (l *listResource[A, M]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := map[string]listschema.Attribute{}
	for _, s := range l.spec.scope {
		attrs[s.name] = listschema.StringAttribute{Required: true, MarkdownDescription: s.description, Validators: []validator.String{s.validator}}
	}
	resp.Schema = listschema.Schema{MarkdownDescription: l.spec.description, Attributes: attrs}
}

func (l *listResource[A, M]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	scope := make([]string, len(l.spec.scope))
	var diags diag.Diagnostics
	for i, s := range l.spec.scope {
		var v types.String
		diags.Append(req.Config.GetAttribute(ctx, path.Root(s.name), &v)...)
		scope[i] = v.ValueString()
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = l.results(ctx, req, scope)
}

// results streams one result per object; a failed page ends the stream with
// an error result. Limit (when set) stops the paging early.
func (l *listResource[A, M]) results(ctx context.Context, req list.ListRequest, scope []string) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		sent := int64(0)
		stopped := false
		err := l.spec.pages(ctx, l.clients.OBP, scope, func(page []A) bool {
			for i := range page {
				if (req.Limit > 0 && sent >= req.Limit) || !push(l.result(ctx, req, scope, &page[i])) {
					stopped = true
					return false
				}
				sent++
			}
			return true
		})
		if err != nil && !stopped {
			var d diag.Diagnostics
			addAPIError(&d, path.Empty(), "Could Not List "+l.spec.typeName+" Objects", err)
			push(list.ListResult{Diagnostics: d})
		}
	}
}

func (l *listResource[A, M]) result(ctx context.Context, req list.ListRequest, scope []string, a *A) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = l.spec.display(a)
	state := l.spec.state(scope, a, nullTimeouts(ctx, req, &r.Diagnostics))
	r.Diagnostics.Append(r.Resource.Set(ctx, state)...)
	recorded := tfsdk.State{Raw: r.Resource.Raw, Schema: r.Resource.Schema}
	l.spec.ids.record(ctx, &recorded, r.Identity, &r.Diagnostics)
	r.Resource.Raw = recorded.Raw
	if !req.IncludeResource {
		r.Resource = nil
	}
	return r
}

// nullTimeouts is an unset timeouts block of the listed resource.
func nullTimeouts(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) timeouts.Value {
	t, d := req.ResourceSchema.TypeAtPath(ctx, path.Root("timeouts"))
	diags.Append(d...)
	tt, ok := t.(timeouts.Type)
	if !ok {
		return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{})}
	}
	return timeouts.Value{Object: types.ObjectNull(tt.AttrTypes)}
}

// customerListPageSize: customers per list request; the stream holds one page.
const customerListPageSize = 100

func newCustomerListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.Customer, customerResourceModel]{
		typeName: "customer", ids: customerImportID, scope: []scopeAttr{bankScope},
		description: "The customers of a bank, a page at a time, for `terraform query` (Terraform 1.14+).",
		pages: func(ctx context.Context, c *obp.Client, s []string, yield func([]obp.Customer) bool) error {
			for offset := 0; ; offset += customerListPageSize {
				page, err := c.ListCustomersPage(ctx, s[0], customerListPageSize, offset)
				if err != nil {
					return err
				}
				if (len(page) > 0 && !yield(page)) || len(page) < customerListPageSize {
					return nil
				}
			}
		},
		display: func(c *obp.Customer) string { return c.LegalName + " (" + c.CustomerNumber + ")" },
		state: func(s []string, c *obp.Customer, t timeouts.Value) customerResourceModel {
			m := customerFromAPI(c, customerModel{BankID: types.StringValue(s[0])})
			return customerResourceModel{customerModel: m, Timeouts: t}
		},
	})()
}

// ofCustomer lists the children of the customer in scope (bank_id, customer_id).
func ofCustomer[A any](list func(c *obp.Client, ctx context.Context, bankID, customerID string) ([]A, error)) func(context.Context, *obp.Client, []string) ([]A, error) {
	return func(ctx context.Context, c *obp.Client, s []string) ([]A, error) { return list(c, ctx, s[0], s[1]) }
}

// onePage lists the children of a customer, which OBP returns in one answer.
func onePage[A any](list func(c *obp.Client, ctx context.Context, bankID, customerID string) ([]A, error)) func(context.Context, *obp.Client, []string, func([]A) bool) error {
	fetch := ofCustomer(list)
	return func(ctx context.Context, c *obp.Client, s []string, yield func([]A) bool) error {
		all, err := fetch(ctx, c, s)
		if err == nil {
			yield(all)
		}
		return err
	}
}

func newCustomerAddressListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.Address, customerAddressModel]{
		typeName: "customer_address", ids: addressImportID, scope: []scopeAttr{bankScope, customerScope},
		description: "The addresses of a customer, for `terraform query` (Terraform 1.14+).",
		pages:       onePage((*obp.Client).ListAddresses),
		display:     func(a *obp.Address) string { return a.Line1 + ", " + a.City },
		state: func(s []string, a *obp.Address, t timeouts.Value) customerAddressModel {
			return addressFromAPI(a, customerAddressModel{
				BankID:     types.StringValue(s[0]),
				CustomerID: types.StringValue(s[1]),
				Timeouts:   t,
			})
		},
	})()
}

func newTaxResidenceListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.TaxResidence, taxResidenceModel]{
		typeName: "tax_residence", ids: taxResidenceImportID, scope: []scopeAttr{bankScope, customerScope},
		description: "The tax residences of a customer, for `terraform query` (Terraform 1.14+).",
		pages:       onePage((*obp.Client).ListTaxResidences),
		display:     func(r *obp.TaxResidence) string { return r.Domain + " " + r.TaxNumber },
		state: func(s []string, r *obp.TaxResidence, t timeouts.Value) taxResidenceModel {
			return taxResidenceFromAPI(r, taxResidenceModel{
				BankID:     types.StringValue(s[0]),
				CustomerID: types.StringValue(s[1]),
				Timeouts:   t,
			})
		},
	})()
}

func newCustomerAttributeListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.CustomerAttribute, customerAttributeResourceModel]{
		typeName: "customer_attribute", ids: attributeImportID, scope: []scopeAttr{bankScope, customerScope},
		description: "The attributes of a customer, for `terraform query` (Terraform 1.14+).",
		pages:       onePage((*obp.Client).ListCustomerAttributes),
		display:     func(a *obp.CustomerAttribute) string { return a.Name },
		state: func(s []string, a *obp.CustomerAttribute, t timeouts.Value) customerAttributeResourceModel {
			return attributeFromAPI(a, customerAttributeResourceModel{BankID: types.StringValue(s[0]), CustomerID: types.StringValue(s[1]), Timeouts: t})
		},
	})()
}

func newUserCustomerLinkListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.UserCustomerLink, userCustomerLinkModel]{
		typeName: "user_customer_link", ids: linkImportID, scope: []scopeAttr{bankScope, customerScope},
		description: "The user-customer links of a customer, for `terraform query` (Terraform 1.14+).",
		pages:       onePage((*obp.Client).ListUserCustomerLinksByCustomer),
		display:     func(l *obp.UserCustomerLink) string { return l.UserID },
		state: func(s []string, l *obp.UserCustomerLink, t timeouts.Value) userCustomerLinkModel {
			return linkFromAPI(l, userCustomerLinkModel{BankID: types.StringValue(s[0]), Timeouts: t})
		},
	})()
}

func newAttributeDefinitionListResource() list.ListResource {
	return newListResource(listResourceSpec[obp.AttributeDefinition, attributeDefinitionModel]{
		typeName: "customer_attribute_definition", ids: definitionImportID, scope: []scopeAttr{bankScope},
		description: "The customer attribute definitions of a bank, for `terraform query` (Terraform 1.14+).",
		pages: func(ctx context.Context, c *obp.Client, s []string, yield func([]obp.AttributeDefinition) bool) error {
			all, err := c.ListCustomerAttributeDefinitions(ctx, s[0])
			if err == nil {
				yield(all)
			}
			return err
		},
		display: func(d *obp.AttributeDefinition) string { return d.Name },
		state: func(s []string, d *obp.AttributeDefinition, t timeouts.Value) attributeDefinitionModel {
			return definitionFromAPI(d, attributeDefinitionModel{BankID: types.StringValue(s[0]), Timeouts: t})
		},
	})()
}
