package obp

import "net/http"

// Customer attributes: v4.0.0 auto-validated handlers:
// auth → (POST: id shapes) → bank → roles → body → type → customer →
// customer's bank → operation.

// decodeAttribute reads the (fully required) name/type/value body of
// schema and checks the type; customer and account attributes share the enum.
func decodeAttribute(raw []byte, schema string) (CustomerAttribute, error) {
	r := newFieldReader(raw, schema)
	a := CustomerAttribute{Name: r.str("name"), Type: r.str("type"), Value: r.str("value")}
	if err := r.err(); err != nil {
		return a, err
	}
	if !contains(customerAttributeTypes, a.Type) {
		return a, errAttributeType()
	}
	return a, nil
}

// customerAtBank finds CUSTOMER_ID and requires it to belong to BANK_ID.
func (s *Server) customerAtBank(c *call) (*Customer, error) {
	cust, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	if err != nil {
		return nil, err
	}
	if bankID := c.param("BANK_ID"); cust.BankID != bankID {
		return nil, errInvalidCustomerBank(bankID, cust.CustomerID)
	}
	return cust, nil
}

// attributeBody runs the shared prelude of create and update.
func (s *Server) attributeBody(c *call, roles ...string) (CustomerAttribute, *Customer, error) {
	if err := s.validatedAccess(c, roles...); err != nil {
		return CustomerAttribute{}, nil, err
	}
	a, err := decodeAttribute(c.raw, "CustomerAttributeJsonV400")
	if err != nil {
		return a, nil, err
	}
	cust, err := s.customerAtBank(c)
	return a, cust, err
}

func errAttributeTooLong() error {
	return errStoreFailed("save the Customer Attribute", "a value exceeds its column size")
}

// createCustomerAttribute handles POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attribute.
func (s *Server) createCustomerAttribute(c *call) (int, any, error) {
	a, cust, err := s.attributeBody(c, roleCreateCustomerAttribute, roleCreateCustomerAttributeAnyBank)
	if err != nil {
		return 0, nil, err
	}
	a.CustomerAttributeID, a.CustomerID, a.BankID = newUUID(), cust.CustomerID, cust.BankID
	if !s.st.saveAttribute(a) {
		return 0, nil, errAttributeTooLong()
	}
	return http.StatusCreated, toAttributeJSON(&a), nil
}

// updateCustomerAttribute handles PUT …/attributes/{CUSTOMER_ATTRIBUTE_ID}:
// a full replace that, like OBP's provider, also rewrites the attribute's
// customer and bank from the URL.
func (s *Server) updateCustomerAttribute(c *call) (int, any, error) {
	a, cust, err := s.attributeBody(c, roleUpdateCustomerAttribute, roleUpdateCustomerAttributeAnyBank)
	if err != nil {
		return 0, nil, err
	}
	id := c.param("CUSTOMER_ATTRIBUTE_ID")
	if s.st.attribute(id) == nil {
		return 0, nil, newError(http.StatusBadRequest, msgCustomerAttributeNotFnd)
	}
	a.CustomerAttributeID, a.CustomerID, a.BankID = id, cust.CustomerID, cust.BankID
	if !s.st.saveAttribute(a) {
		return 0, nil, errAttributeTooLong()
	}
	return http.StatusOK, toAttributeJSON(&a), nil
}

// listCustomerAttributes handles GET …/customers/{CUSTOMER_ID}/attributes:
// only attributes stored with the URL bank.
func (s *Server) listCustomerAttributes(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleGetCustomerAttributes, roleGetCustomerAttributesAnyBank); err != nil {
		return 0, nil, err
	}
	cust, err := s.customerAtBank(c)
	if err != nil {
		return 0, nil, err
	}
	attrs := s.st.attributesOf(cust.CustomerID, c.param("BANK_ID"))
	return http.StatusOK, map[string]any{"customer_attributes": toAttributesJSON(attrs)}, nil
}

// getCustomerAttribute handles GET …/attributes/{CUSTOMER_ATTRIBUTE_ID}; the
// attribute is not compared with CUSTOMER_ID.
func (s *Server) getCustomerAttribute(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleGetCustomerAttribute, roleGetCustomerAttributeAnyBank); err != nil {
		return 0, nil, err
	}
	if _, err := s.customerAtBank(c); err != nil {
		return 0, nil, err
	}
	a := s.st.attribute(c.param("CUSTOMER_ATTRIBUTE_ID"))
	if a == nil {
		return 0, nil, newError(http.StatusBadRequest, msgCustomerAttributeNotFnd)
	}
	return http.StatusOK, toAttributeJSON(a), nil
}

// deleteCustomerAttribute handles DELETE /banks/{BANK_ID}/customers/attributes/{CUSTOMER_ATTRIBUTE_ID}
// (no customer id): a bulk delete by id, 204 even when nothing matched.
func (s *Server) deleteCustomerAttribute(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleDeleteCustomerAttribute, roleDeleteCustomerAttributeAnyBank); err != nil {
		return 0, nil, err
	}
	s.st.deleteAttribute(c.param("CUSTOMER_ATTRIBUTE_ID"))
	return http.StatusNoContent, nil, nil
}
