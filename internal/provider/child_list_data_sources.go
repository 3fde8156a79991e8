package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

const importIDDescription = "Import id of the object: the `id` of an `import` block or the argument of `terraform import`."

type addressItem struct {
	CustomerAddressID types.String   `tfsdk:"customer_address_id"`
	Line1             types.String   `tfsdk:"line_1"`
	Line2             types.String   `tfsdk:"line_2"`
	Line3             types.String   `tfsdk:"line_3"`
	City              types.String   `tfsdk:"city"`
	County            types.String   `tfsdk:"county"`
	State             types.String   `tfsdk:"state"`
	Postcode          types.String   `tfsdk:"postcode"`
	CountryCode       types.String   `tfsdk:"country_code"`
	Tags              []types.String `tfsdk:"tags"`
	Status            types.String   `tfsdk:"status"`
	InsertDate        types.String   `tfsdk:"insert_date"`
	ImportID          types.String   `tfsdk:"import_id"`
}

func newCustomerAddressesDataSource() datasource.DataSource {
	item := computedStrings(map[string]string{
		"customer_address_id": "Id of the address.", "line_1": "First line.", "line_2": "Second line.", "line_3": "Third line.",
		"city": "City.", "county": "County.", "state": "State.", "postcode": "Postcode.", "country_code": "Country code.",
		"status": "Status.", "insert_date": "When the address was added (RFC 3339).", "import_id": importIDDescription,
	})
	item["tags"] = schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."}
	return newListDataSource(listSpec[obp.Address, addressItem]{
		typeName: "customer_addresses", listAttr: "addresses", item: item,
		description: "The addresses of a customer (one request), each with its import id, to adopt them as `openbanking_customer_address`.",
		scope:       []scopeAttr{bankScope, customerScope},
		fetch:       ofCustomer((*obp.Client).ListAddresses),
		convert: func(s []string, a *obp.Address) addressItem {
			m := addressFromAPI(a, customerAddressModel{})
			return addressItem{
				CustomerAddressID: m.CustomerAddressID,
				Line1:             m.Line1,
				Line2:             m.Line2,
				Line3:             m.Line3,
				City:              m.City,
				County:            m.County,
				State:             m.State,
				Postcode:          m.Postcode,
				CountryCode:       m.CountryCode,
				Tags:              m.Tags,
				Status:            m.Status,
				InsertDate:        m.InsertDate,
				ImportID:          importIDOf(s[0], s[1], a.CustomerAddressID),
			}
		},
	})()
}

type taxResidenceItem struct {
	TaxResidenceID types.String `tfsdk:"tax_residence_id"`
	Domain         types.String `tfsdk:"domain"`
	TaxNumber      types.String `tfsdk:"tax_number"`
	ImportID       types.String `tfsdk:"import_id"`
}

func newTaxResidencesDataSource() datasource.DataSource {
	return newListDataSource(listSpec[obp.TaxResidence, taxResidenceItem]{
		typeName: "tax_residences", listAttr: "tax_residences",
		description: "The tax residences of a customer (one request), each with its import id, to adopt them as `openbanking_tax_residence`.",
		scope:       []scopeAttr{bankScope, customerScope},
		item: computedStrings(map[string]string{"tax_residence_id": "Id of the tax residence.", "domain": "Tax domain (country).",
			"tax_number": "Tax number.", "import_id": importIDDescription}),
		fetch: ofCustomer((*obp.Client).ListTaxResidences),
		convert: func(s []string, t *obp.TaxResidence) taxResidenceItem {
			return taxResidenceItem{
				TaxResidenceID: types.StringValue(t.TaxResidenceID),
				Domain:         types.StringValue(t.Domain),
				TaxNumber:      types.StringValue(t.TaxNumber),
				ImportID:       importIDOf(s[0], s[1], t.TaxResidenceID),
			}
		},
	})()
}

type customerAttributeItem struct {
	CustomerAttributeID types.String `tfsdk:"customer_attribute_id"`
	Name                types.String `tfsdk:"name"`
	Type                types.String `tfsdk:"type"`
	Value               types.String `tfsdk:"value"`
	ImportID            types.String `tfsdk:"import_id"`
}

func newCustomerAttributesDataSource() datasource.DataSource {
	return newListDataSource(listSpec[obp.CustomerAttribute, customerAttributeItem]{
		typeName: "customer_attributes", listAttr: "attributes",
		description: "The attributes of a customer (one request), each with its import id, to adopt them as `openbanking_customer_attribute`.",
		scope:       []scopeAttr{bankScope, customerScope},
		item: computedStrings(map[string]string{"customer_attribute_id": "Id of the attribute.", "name": "Name.",
			"type": "Type: `STRING`, `INTEGER`, `DOUBLE` or `DATE_WITH_DAY`.", "value": "Value.", "import_id": importIDDescription}),
		fetch: ofCustomer((*obp.Client).ListCustomerAttributes),
		convert: func(s []string, a *obp.CustomerAttribute) customerAttributeItem {
			return customerAttributeItem{CustomerAttributeID: types.StringValue(a.CustomerAttributeID), Name: types.StringValue(a.Name),
				Type: types.StringValue(a.Type), Value: types.StringValue(a.Value), ImportID: importIDOf(s[0], s[1], a.CustomerAttributeID)}
		},
	})()
}

type userCustomerLinkItem struct {
	UserCustomerLinkID types.String `tfsdk:"user_customer_link_id"`
	UserID             types.String `tfsdk:"user_id"`
	CustomerID         types.String `tfsdk:"customer_id"`
	DateInserted       types.String `tfsdk:"date_inserted"`
	IsActive           types.Bool   `tfsdk:"is_active"`
	ImportID           types.String `tfsdk:"import_id"`
}

func newUserCustomerLinksDataSource() datasource.DataSource {
	item := computedStrings(map[string]string{"user_customer_link_id": "Id of the link.", "user_id": "Id of the user.",
		"customer_id": "Id of the customer.", "date_inserted": "When the link was made (RFC 3339).", "import_id": importIDDescription})
	item["is_active"] = schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the link is active."}
	return newListDataSource(listSpec[obp.UserCustomerLink, userCustomerLinkItem]{
		typeName: "user_customer_links", listAttr: "user_customer_links", item: item,
		description: "The user-customer links of a customer or of a user at a bank (one request), each with its import id, " +
			"to adopt them as `openbanking_user_customer_link`.",
		scope: []scopeAttr{bankScope,
			{name: "customer_id", description: "Id of the customer whose links to list. Exactly one of `customer_id` and `user_id` must be set.", validator: idValidator(), optional: true},
			{name: "user_id", description: "Id of the user whose links to list.", validator: idValidator(), optional: true}},
		fetch: func(ctx context.Context, c *obp.Client, s []string) ([]obp.UserCustomerLink, error) {
			if s[1] != "" {
				return c.ListUserCustomerLinksByCustomer(ctx, s[0], s[1])
			}
			return c.ListUserCustomerLinksByUser(ctx, s[0], s[2])
		},
		convert: func(s []string, l *obp.UserCustomerLink) userCustomerLinkItem {
			m := linkFromAPI(l, userCustomerLinkModel{})
			return userCustomerLinkItem{
				UserCustomerLinkID: m.UserCustomerLinkID,
				UserID:             m.UserID,
				CustomerID:         m.CustomerID,
				DateInserted:       m.DateInserted,
				IsActive:           m.IsActive,
				ImportID:           importIDOf(s[0], l.CustomerID, l.UserCustomerLinkID),
			}
		},
	})()
}

type attributeDefinitionItem struct {
	AttributeDefinitionID types.String   `tfsdk:"attribute_definition_id"`
	Name                  types.String   `tfsdk:"name"`
	Type                  types.String   `tfsdk:"type"`
	Description           types.String   `tfsdk:"description"`
	Alias                 types.String   `tfsdk:"alias"`
	CanBeSeenOnViews      []types.String `tfsdk:"can_be_seen_on_views"`
	IsActive              types.Bool     `tfsdk:"is_active"`
	ImportID              types.String   `tfsdk:"import_id"`
}

func newAttributeDefinitionsDataSource() datasource.DataSource {
	item := computedStrings(map[string]string{"attribute_definition_id": "Id of the definition.", "name": "Name.",
		"type": "Type.", "description": "Description.", "alias": "Alias.", "import_id": importIDDescription})
	item["can_be_seen_on_views"] = schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Views that show the attribute."}
	item["is_active"] = schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the definition is active."}
	return newListDataSource(listSpec[obp.AttributeDefinition, attributeDefinitionItem]{
		typeName: "customer_attribute_definitions", listAttr: "definitions", item: item,
		description: "The customer attribute definitions of a bank (one request), each with its import id, to adopt them as `openbanking_customer_attribute_definition`.",
		scope:       []scopeAttr{bankScope},
		fetch: func(ctx context.Context, c *obp.Client, s []string) ([]obp.AttributeDefinition, error) {
			return c.ListCustomerAttributeDefinitions(ctx, s[0])
		},
		convert: func(s []string, d *obp.AttributeDefinition) attributeDefinitionItem {
			m := definitionFromAPI(d, attributeDefinitionModel{})
			return attributeDefinitionItem{
				AttributeDefinitionID: m.AttributeDefinitionID,
				Name:                  m.Name,
				Type:                  m.Type,
				Description:           m.Description,
				Alias:                 m.Alias,
				CanBeSeenOnViews:      m.CanBeSeenOnViews,
				IsActive:              m.IsActive,
				ImportID:              importIDOf(s[0], d.AttributeDefinitionID),
			}
		},
	})()
}
