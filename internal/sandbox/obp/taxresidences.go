package obp

import "net/http"

// Tax residences: v3.1.0 handlers with inline checks
// auth → bank → role → body → customer → operation. Three spellings:
// POST …/tax-residence, GET …/tax-residences, DELETE …/tax_residencies/{ID}.

// createTaxResidence handles POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax-residence.
func (s *Server) createTaxResidence(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleCreateTaxResidence); err != nil {
		return 0, nil, err
	}
	r := newFieldReader(c.raw, "PostTaxResidenceJsonV310")
	t := TaxResidence{Domain: r.str("domain"), TaxNumber: r.str("tax_number")}
	if err := r.err(); err != nil {
		return 0, nil, err
	}
	cust, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	if err != nil {
		return 0, nil, err
	}
	t.TaxResidenceID, t.CustomerID = newUUID(), cust.CustomerID
	if !s.st.insertResidence(t) {
		return 0, nil, errStoreFailed("create the Tax Residence",
			"the customer already has a tax residence with this domain and tax_number")
	}
	return http.StatusCreated, toTaxResidenceJSON(&t), nil
}

// listTaxResidences handles GET …/tax-residences: {"tax_residence":[…]}.
func (s *Server) listTaxResidences(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleGetTaxResidence); err != nil {
		return 0, nil, err
	}
	cust, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	if err != nil {
		return 0, nil, err
	}
	list := s.st.residencesOf(cust.CustomerID)
	out := make([]taxResidenceJSON, 0, len(list))
	for _, t := range list {
		out = append(out, toTaxResidenceJSON(t))
	}
	return http.StatusOK, map[string]any{"tax_residence": out}, nil
}

// deleteTaxResidence handles DELETE …/tax_residencies/{TAX_RESIDENCE_ID}
// (200 true). The residence is not compared with CUSTOMER_ID.
func (s *Server) deleteTaxResidence(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleDeleteTaxResidence); err != nil {
		return 0, nil, err
	}
	if _, err := s.existingCustomer(c.param("CUSTOMER_ID")); err != nil {
		return 0, nil, err
	}
	if !s.st.deleteResidence(c.param("TAX_RESIDENCE_ID")) {
		return 0, nil, errConnector(msgTaxResidenceNotFound)
	}
	return http.StatusOK, true, nil
}
