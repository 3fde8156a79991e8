package obp

import (
	"net/http"
	"time"
)

// User-customer links: v4.0.0 auto-validated handlers with
// underscores in the path. Lists check neither the user nor the customer
// and are not filtered by BANK_ID; delete is by link id alone.

// createUserCustomerLink handles POST /banks/{BANK_ID}/user_customer_links.
// Order after access: body → user (404) → customer_id set → customer (404)
// → customer's bank → unique (user, customer).
func (s *Server) createUserCustomerLink(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleCreateUserCustomerLink, roleCreateUserCustomerLinkAnyBank); err != nil {
		return 0, nil, err
	}
	r := newFieldReader(c.raw, "PostUserCustomerLinkJson")
	userID, customerID := r.str("user_id"), r.str("customer_id")
	if err := r.err(); err != nil {
		return 0, nil, err
	}
	if s.st.userByID(userID) == nil {
		return 0, nil, newError(http.StatusNotFound, msgUserNotFoundByUserID)
	}
	if customerID == "" {
		return 0, nil, newError(http.StatusBadRequest, "Field customer_id is not defined in the posted json!")
	}
	cust, err := s.existingCustomer(customerID)
	if err != nil {
		return 0, nil, err
	}
	if bankID := c.param("BANK_ID"); cust.BankID != bankID {
		return 0, nil, newError(http.StatusBadRequest, "Bank of the customer specified by the CUSTOMER_ID("+
			cust.BankID+") has to matches BANK_ID("+bankID+") in URL")
	}
	if s.st.linkExists(userID, customerID) {
		return 0, nil, newError(http.StatusBadRequest, msgCustomerLinkedForUser)
	}
	l := UserCustomerLink{
		UserCustomerLinkID: newUUID(), CustomerID: customerID, UserID: userID,
		DateInserted: time.Now().UTC().Truncate(time.Second), IsActive: true,
	}
	s.st.links = append(s.st.links, &l)
	return http.StatusCreated, toLinkJSON(&l), nil
}

// listLinksByUser handles GET /banks/{BANK_ID}/user_customer_links/users/{USER_ID}.
func (s *Server) listLinksByUser(c *call) (int, any, error) {
	userID := c.param("USER_ID")
	return s.listLinks(c, func(l *UserCustomerLink) bool { return l.UserID == userID })
}

// listLinksByCustomer handles GET /banks/{BANK_ID}/user_customer_links/customers/{CUSTOMER_ID}.
func (s *Server) listLinksByCustomer(c *call) (int, any, error) {
	customerID := c.param("CUSTOMER_ID")
	return s.listLinks(c, func(l *UserCustomerLink) bool { return l.CustomerID == customerID })
}

func (s *Server) listLinks(c *call, match func(*UserCustomerLink) bool) (int, any, error) {
	if err := s.validatedAccess(c, roleGetUserCustomerLink); err != nil {
		return 0, nil, err
	}
	list := s.st.linksWhere(match)
	out := make([]userCustomerLinkJSON, 0, len(list))
	for _, l := range list {
		out = append(out, toLinkJSON(l))
	}
	return http.StatusOK, map[string]any{"user_customer_links": out}, nil
}

// deleteUserCustomerLink handles DELETE /banks/{BANK_ID}/user_customer_links/{USER_CUSTOMER_LINK_ID}
// (200 true; an unknown id is 400 OBP-30035).
func (s *Server) deleteUserCustomerLink(c *call) (int, any, error) {
	if err := s.validatedAccess(c, roleDeleteUserCustomerLink); err != nil {
		return 0, nil, err
	}
	if !s.st.deleteLink(c.param("USER_CUSTOMER_LINK_ID")) {
		return 0, nil, newError(http.StatusBadRequest, msgUserCustomerLinkNotFnd)
	}
	return http.StatusOK, true, nil
}
