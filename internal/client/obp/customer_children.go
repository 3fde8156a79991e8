package obp

import (
	"context"
	"slices"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Address is OBP's customer address. OBP ignores the status sent and answers
// status equal to state; tags are stored comma-joined, so none come back as [""].
type Address struct {
	CustomerAddressID string   `json:"customer_address_id,omitempty"`
	CustomerID        string   `json:"customer_id,omitempty"`
	Line1             string   `json:"line_1"`
	Line2             string   `json:"line_2"`
	Line3             string   `json:"line_3"`
	City              string   `json:"city"`
	County            string   `json:"county"`
	State             string   `json:"state"`
	Postcode          string   `json:"postcode"`
	CountryCode       string   `json:"country_code"`
	Tags              []string `json:"tags"`
	Status            string   `json:"status"`
	InsertDate        *Time    `json:"insert_date,omitempty"`
}

// TaxResidence is a customer's tax residence.
type TaxResidence struct {
	TaxResidenceID string `json:"tax_residence_id,omitempty"`
	Domain         string `json:"domain"`
	TaxNumber      string `json:"tax_number"`
}

// CustomerAttributeRequest is the body of attribute create and update.
type CustomerAttributeRequest struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

func childKey(kind, bankID, customerID string) string { return kind + "/" + bankID + "/" + customerID }

// CreateAddress adds an address (POST …/address, singular; 201). OBP does not
// refuse a duplicate address: one with the same fields answers the existing
// address with an *client.ExistsError instead of a second one. The look costs
// nothing for customers this process made, and one shared list otherwise.
func (c *Client) CreateAddress(ctx context.Context, bankID, customerID string, a Address) (*Address, error) {
	defer c.lists.invalidate(childKey("addresses", bankID, customerID))
	path := c.customerPath(bankID, customerID, "address")
	same := func(got Address) bool { return sameAddress(got, a) }
	got, err := client.CreateOnce(ctx, c.core, client.Create[*Address]{
		Send: func(ctx context.Context, key string) (*Address, error) {
			return postCreate(ctx, c, path, key, a, "customer_address_id", func(x *Address) string { return x.CustomerAddressID })
		},
		Find: func(ctx context.Context) (*Address, bool, error) {
			list, err := c.listAddresses(ctx, bankID, customerID)
			return findFirst(list, err, same)
		},
		Existing: func(ctx context.Context) (*Address, bool, error) {
			list, err := c.ListAddresses(ctx, bankID, customerID)
			return findFirst(list, err, same)
		},
		CheckFirst: !c.madeCustomer(customerID),
	})
	return claim(c, got, err, func(x *Address) string { return x.CustomerAddressID })
}

// ListAddresses lists a customer's addresses, shared within the process.
func (c *Client) ListAddresses(ctx context.Context, bankID, customerID string) ([]Address, error) {
	return cachedList(ctx, c, childKey("addresses", bankID, customerID), func(ctx context.Context) ([]Address, error) {
		return c.listAddresses(ctx, bankID, customerID)
	})
}

func (c *Client) listAddresses(ctx context.Context, bankID, customerID string) ([]Address, error) {
	var out struct {
		Addresses []Address `json:"addresses"`
	}
	err := c.get(ctx, c.customerPath(bankID, customerID, "addresses"), nil, &out)
	return out.Addresses, err
}

// UpdateAddress replaces an address (PUT …/addresses/{ID}; 200).
func (c *Client) UpdateAddress(ctx context.Context, bankID, customerID, addressID string, a Address) (*Address, error) {
	defer c.lists.invalidate(childKey("addresses", bankID, customerID))
	var out Address
	err := c.put(ctx, c.customerPath(bankID, customerID, "addresses", addressID), a, &out)
	return result(&out, err)
}

// DeleteAddress removes an address (200 `true`); an unknown id answers 400 OBP-30310.
func (c *Client) DeleteAddress(ctx context.Context, bankID, customerID, addressID string) error {
	defer c.lists.invalidate(childKey("addresses", bankID, customerID))
	return c.deleteTrue(ctx, c.customerPath(bankID, customerID, "addresses", addressID))
}

// CreateTaxResidence adds a tax residence (POST …/tax-residence; 201). OBP's
// unique (customer, domain, tax_number) index refuses a duplicate behind
// OBP-50200: the existing residence is answered with an *client.ExistsError.
func (c *Client) CreateTaxResidence(ctx context.Context, bankID, customerID string, t TaxResidence) (*TaxResidence, error) {
	defer c.lists.invalidate(childKey("tax-residences", bankID, customerID))
	path := c.customerPath(bankID, customerID, "tax-residence")
	got, err := client.CreateOnce(ctx, c.core, client.Create[*TaxResidence]{
		Send: func(ctx context.Context, key string) (*TaxResidence, error) {
			return postCreate(ctx, c, path, key, t, "tax_residence_id", func(x *TaxResidence) string { return x.TaxResidenceID })
		},
		Find: func(ctx context.Context) (*TaxResidence, bool, error) {
			list, err := c.listTaxResidences(ctx, bankID, customerID)
			return findFirst(list, err, func(got TaxResidence) bool { return got.Domain == t.Domain && got.TaxNumber == t.TaxNumber })
		},
		Exists: func(err error) bool { return client.HasCode(err, CodeConnector) },
	})
	return claim(c, got, err, func(x *TaxResidence) string { return x.TaxResidenceID })
}

// ListTaxResidences lists a customer's tax residences (answer key "tax_residence"), shared within the process.
func (c *Client) ListTaxResidences(ctx context.Context, bankID, customerID string) ([]TaxResidence, error) {
	return cachedList(ctx, c, childKey("tax-residences", bankID, customerID), func(ctx context.Context) ([]TaxResidence, error) {
		return c.listTaxResidences(ctx, bankID, customerID)
	})
}

func (c *Client) listTaxResidences(ctx context.Context, bankID, customerID string) ([]TaxResidence, error) {
	var out struct {
		TaxResidence []TaxResidence `json:"tax_residence"`
	}
	err := c.get(ctx, c.customerPath(bankID, customerID, "tax-residences"), nil, &out)
	return out.TaxResidence, err
}

// DeleteTaxResidence removes a tax residence (…/tax_residencies/{ID}; 200 `true`); unknown ids answer 400 OBP-30300.
func (c *Client) DeleteTaxResidence(ctx context.Context, bankID, customerID, taxResidenceID string) error {
	defer c.lists.invalidate(childKey("tax-residences", bankID, customerID))
	return c.deleteTrue(ctx, c.customerPath(bankID, customerID, "tax_residencies", taxResidenceID))
}

// CreateCustomerAttribute adds an attribute (POST …/attribute, singular;
// 201). OBP does not refuse a second attribute with the same name: an
// attribute with the name answers the existing one with an
// *client.ExistsError instead of a duplicate. The look costs nothing for
// customers this process made, and one shared list otherwise.
func (c *Client) CreateCustomerAttribute(ctx context.Context, bankID, customerID string, a CustomerAttributeRequest) (*CustomerAttribute, error) {
	defer c.attributesChanged(bankID, customerID)
	path := c.customerPath(bankID, customerID, "attribute")
	got, err := client.CreateOnce(ctx, c.core, client.Create[*CustomerAttribute]{
		Send: func(ctx context.Context, key string) (*CustomerAttribute, error) {
			return postCreate(ctx, c, path, key, a, "customer_attribute_id", func(x *CustomerAttribute) string { return x.CustomerAttributeID })
		},
		Find: func(ctx context.Context) (*CustomerAttribute, bool, error) {
			list, err := c.listCustomerAttributes(ctx, bankID, customerID)
			return findFirst(list, err, func(got CustomerAttribute) bool {
				return got.Name == a.Name && got.Type == a.Type && got.Value == a.Value
			})
		},
		Existing: func(ctx context.Context) (*CustomerAttribute, bool, error) {
			list, err := c.ListCustomerAttributes(ctx, bankID, customerID)
			return findFirst(list, err, func(got CustomerAttribute) bool { return got.Name == a.Name })
		},
		CheckFirst: !c.madeCustomer(customerID),
	})
	return claim(c, got, err, func(x *CustomerAttribute) string { return x.CustomerAttributeID })
}

// ListCustomerAttributes lists a customer's attributes at the bank, shared within the process.
func (c *Client) ListCustomerAttributes(ctx context.Context, bankID, customerID string) ([]CustomerAttribute, error) {
	return cachedList(ctx, c, childKey("attributes", bankID, customerID), func(ctx context.Context) ([]CustomerAttribute, error) {
		return c.listCustomerAttributes(ctx, bankID, customerID)
	})
}

func (c *Client) listCustomerAttributes(ctx context.Context, bankID, customerID string) ([]CustomerAttribute, error) {
	var out struct {
		Attributes []CustomerAttribute `json:"customer_attributes"`
	}
	err := c.get(ctx, c.customerPath(bankID, customerID, "attributes"), nil, &out)
	return out.Attributes, err
}

// GetCustomerAttribute reads one attribute; an unknown id answers 400
// OBP-30069. An attribute that came with the customer's last answer to
// GetCustomer in this process costs no request: a refresh reads the customer
// before its attributes.
func (c *Client) GetCustomerAttribute(ctx context.Context, bankID, customerID, attributeID string) (*CustomerAttribute, error) {
	if a, ok := c.seenAttribute(bankID, customerID, attributeID); ok {
		return a, nil
	}
	var out CustomerAttribute
	err := c.get(ctx, c.customerPath(bankID, customerID, "attributes", attributeID), nil, &out)
	return result(&out, err)
}

// seenAttribute finds an attribute in the customer's last answer to GetCustomer.
func (c *Client) seenAttribute(bankID, customerID, attributeID string) (*CustomerAttribute, bool) {
	v, ok := c.lists.peek(childKey(customerAttributesKind, bankID, customerID))
	if !ok {
		return nil, false
	}
	for _, a := range v.([]CustomerAttribute) {
		if a.CustomerAttributeID == attributeID {
			return &a, true
		}
	}
	return nil, false
}

// customerAttributesKind keys the attributes that came with a customer's
// answer. They are not the attribute list's answer: the list holds only the
// attributes stored with the bank of the request.
const customerAttributesKind = "customer-attributes"

// attributesChanged drops what this client keeps of a customer's attributes
// (of every customer at the bank when customerID is empty: a delete does not
// name the customer).
func (c *Client) attributesChanged(bankID, customerID string) {
	for _, kind := range []string{"attributes", customerAttributesKind} {
		if customerID == "" {
			c.lists.invalidatePrefix(childKey(kind, bankID, ""))
		} else {
			c.lists.invalidate(childKey(kind, bankID, customerID))
		}
	}
}

// UpdateCustomerAttribute replaces name, type and value (PUT …/attributes/{ID}; 200).
func (c *Client) UpdateCustomerAttribute(ctx context.Context, bankID, customerID, attributeID string, a CustomerAttributeRequest) (*CustomerAttribute, error) {
	defer c.attributesChanged(bankID, customerID)
	var out CustomerAttribute
	err := c.put(ctx, c.customerPath(bankID, customerID, "attributes", attributeID), a, &out)
	return result(&out, err)
}

// DeleteCustomerAttribute removes an attribute. The path has no customer id
// (DELETE /banks/{BANK_ID}/customers/attributes/{ID}); OBP answers 204 even for unknown ids.
func (c *Client) DeleteCustomerAttribute(ctx context.Context, bankID, attributeID string) error {
	defer c.attributesChanged(bankID, "")
	return c.deleteTrue(ctx, c.path("banks", bankID, "customers", "attributes", attributeID))
}

// OBP codes for children that do not exist, and the connector failure
// (OBP-50200) behind which OBP reports refused inserts.
const (
	CodeConnector                 = "OBP-50200"
	CodeCustomerAttributeNotFound = "OBP-30069"
	CodeTaxResidenceNotFound      = "OBP-30300"
	CodeCustomerAddressNotFound   = "OBP-30310"
)

// findFirst returns the first item that matches, for finding what a create made.
func findFirst[T any](items []T, err error, match func(T) bool) (*T, bool, error) {
	if err != nil {
		return nil, false, err
	}
	for i := range items {
		if match(items[i]) {
			return &items[i], true, nil
		}
	}
	return nil, false, nil
}

// sameAddress compares what OBP stores of an address; it answers status equal
// to state whatever was sent, and tags in any order.
func sameAddress(got, sent Address) bool {
	return got.Line1 == sent.Line1 && got.Line2 == sent.Line2 && got.Line3 == sent.Line3 &&
		got.City == sent.City && got.County == sent.County && got.State == sent.State &&
		got.Postcode == sent.Postcode && got.CountryCode == sent.CountryCode && sameTags(got.Tags, sent.Tags)
}

func sameTags(a, b []string) bool {
	clean := func(tags []string) []string {
		out := slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return t == "" })
		slices.Sort(out)
		return out
	}
	return slices.Equal(clean(a), clean(b))
}
