package obp

import (
	"net/http"
	"time"
)

// Customer addresses: v3.1.0 handlers with inline checks
// auth → bank → role → body → customer → operation.

const addressSchema = "PostCustomerAddressJsonV310"

// decodeAddress reads the (fully required) address body.
func decodeAddress(raw []byte) (Address, error) {
	r := newFieldReader(raw, addressSchema)
	a := Address{
		Line1: r.str("line_1"), Line2: r.str("line_2"), Line3: r.str("line_3"),
		City: r.str("city"), County: r.str("county"), State: r.str("state"),
		Postcode: r.str("postcode"), CountryCode: r.str("country_code"),
		Tags: r.strList("tags"), Status: r.str("status"),
	}
	return a, r.err()
}

// addressBody runs the shared prelude of create and update: access with
// role, body, customer.
func (s *Server) addressBody(c *call, role string) (Address, *Customer, error) {
	if err := s.customerAccess(c, role); err != nil {
		return Address{}, nil, err
	}
	a, err := decodeAddress(c.raw)
	if err != nil {
		return Address{}, nil, err
	}
	cust, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	return a, cust, err
}

// createAddress handles POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/address.
func (s *Server) createAddress(c *call) (int, any, error) {
	a, cust, err := s.addressBody(c, roleCreateCustomerAddress)
	if err != nil {
		return 0, nil, err
	}
	a.CustomerAddressID, a.CustomerID = newUUID(), cust.CustomerID
	a.InsertDate = time.Now().UTC().Truncate(time.Second)
	if !s.st.insertAddress(a) {
		return 0, nil, errStoreFailed("create the Customer Address", "a value exceeds its column size")
	}
	return http.StatusCreated, toAddressJSON(&a), nil
}

// listAddresses handles GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses.
func (s *Server) listAddresses(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleGetCustomerAddress); err != nil {
		return 0, nil, err
	}
	cust, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	if err != nil {
		return 0, nil, err
	}
	list := s.st.addressesOf(cust.CustomerID)
	out := make([]addressJSON, 0, len(list))
	for _, a := range list {
		out = append(out, toAddressJSON(a))
	}
	return http.StatusOK, map[string]any{"addresses": out}, nil
}

// updateAddress handles PUT …/addresses/{CUSTOMER_ADDRESS_ID}. OBP checks
// CanCreateCustomer here, and never compares the address with CUSTOMER_ID.
func (s *Server) updateAddress(c *call) (int, any, error) {
	a, _, err := s.addressBody(c, roleCreateCustomer)
	if err != nil {
		return 0, nil, err
	}
	stored := s.st.address(c.param("CUSTOMER_ADDRESS_ID"))
	if stored == nil {
		return 0, nil, errConnector(msgCustomerAddressNotFound)
	}
	a.CustomerAddressID, a.CustomerID, a.InsertDate = stored.CustomerAddressID, stored.CustomerID, stored.InsertDate
	if !s.st.replaceAddress(a) {
		return 0, nil, errStoreFailed("update the Customer Address", "a value exceeds its column size")
	}
	return http.StatusOK, toAddressJSON(stored), nil
}

// deleteAddress handles DELETE …/addresses/{CUSTOMER_ADDRESS_ID} (200 true).
func (s *Server) deleteAddress(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleDeleteCustomerAddress); err != nil {
		return 0, nil, err
	}
	if _, err := s.existingCustomer(c.param("CUSTOMER_ID")); err != nil {
		return 0, nil, err
	}
	if !s.st.deleteAddress(c.param("CUSTOMER_ADDRESS_ID")) {
		return 0, nil, errConnector(msgCustomerAddressNotFound)
	}
	return http.StatusOK, true, nil
}
