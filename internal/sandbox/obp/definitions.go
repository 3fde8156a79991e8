package obp

import "net/http"

// Customer attribute definitions: v4.0.0 auto-validated
// handlers: auth → bank → roles → body → type → category → operation. The
// role is bank-level only (no AtAnyBank variant).

// decodeDefinition reads the (fully required) definition body and checks
// the type and category enums. Any category is accepted, not only Customer.
func decodeDefinition(raw []byte) (AttributeDefinition, error) {
	r := newFieldReader(raw, "AttributeDefinitionJsonV400")
	d := AttributeDefinition{
		Name: r.str("name"), Category: r.str("category"), Type: r.str("type"),
		Description: r.str("description"), Alias: r.str("alias"),
		CanBeSeenOnViews: r.strList("can_be_seen_on_views"), IsActive: r.boolean("is_active"),
	}
	if err := r.err(); err != nil {
		return d, err
	}
	switch {
	case !contains(customerAttributeTypes, d.Type):
		return d, errAttributeType()
	case !contains(attributeCategories, d.Category):
		return d, errInvalidJSON("The `Category` field can only accept the following field: " + categoryCustomer)
	}
	return d, nil
}

// putAttributeDefinition handles PUT /banks/{BANK_ID}/attribute-definitions/customer:
// an upsert by (URL bank, name, category) that answers 201 either way.
func (s *Server) putAttributeDefinition(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleCreateAttributeDefinition); err != nil {
		return 0, nil, err
	}
	d, err := decodeDefinition(c.raw)
	if err != nil {
		return 0, nil, err
	}
	d.AttributeDefinitionID, d.BankID = newUUID(), c.param("BANK_ID")
	saved, ok := s.st.saveDefinition(d)
	if !ok {
		return 0, nil, errStoreFailed("save the Attribute Definition", "a value exceeds its column size")
	}
	return http.StatusCreated, toDefinitionJSON(&saved), nil
}

// listAttributeDefinitions handles GET /banks/{BANK_ID}/attribute-definitions/customer:
// the Customer definitions of every bank, not only BANK_ID.
func (s *Server) listAttributeDefinitions(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleGetAttributeDefinition); err != nil {
		return 0, nil, err
	}
	list := s.st.definitionsWhere(categoryCustomer, "")
	out := make([]attributeDefinitionJSON, 0, len(list))
	for _, d := range list {
		out = append(out, toDefinitionJSON(d))
	}
	return http.StatusOK, map[string]any{"attributes": out}, nil
}

// deleteAttributeDefinition handles DELETE
// /banks/{BANK_ID}/attribute-definitions/{ATTRIBUTE_DEFINITION_ID}/customer
// (200 true). The definition must be of the Customer category; its bank is
// not compared with BANK_ID.
func (s *Server) deleteAttributeDefinition(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleDeleteAttributeDefinition); err != nil {
		return 0, nil, err
	}
	id := c.param("ATTRIBUTE_DEFINITION_ID")
	if d := s.st.definition(id); d == nil || d.Category != categoryCustomer {
		return 0, nil, errConnector(msgAttributeDefinitionNotF)
	}
	s.st.deleteDefinition(id)
	return http.StatusOK, true, nil
}
