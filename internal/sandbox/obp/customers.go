package obp

import (
	"fmt"
	"net/http"
	"strings"
)

// createCustomer handles POST /banks/{BANK_ID}/customers (v5.0.0, auto-validated).
func (s *Server) createCustomer(c *call) (int, any, error) {
	if err := s.createCustomerAccess(c); err != nil {
		return 0, nil, err
	}
	cust, number, err := decodeNewCustomer(c.raw)
	if err != nil {
		return 0, nil, err
	}
	if err := s.storeNewCustomer(c, &cust, number, http.StatusBadRequest); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, toV310(&cust), nil
}

// createCustomerAccess is the access check of every customer create.
func (s *Server) createCustomerAccess(c *call) error {
	return s.validatedAccess(c, roleCreateCustomer, roleCreateCustomerAtAnyBank)
}

// storeNewCustomer gives the customer its ids and number and stores it. A
// refused insert (taken number, too long a column) answers OBP-30051 with
// refusedStatus: 400 up to v5.1.0, 409 from v6.0.0 on.
func (s *Server) storeNewCustomer(c *call, cust *Customer, number *string, refusedStatus int) error {
	bankID := c.param("BANK_ID")
	cust.BankID, cust.CustomerID = bankID, newUUID()
	if cust.CustomerType == "" {
		cust.CustomerType = customerTypeIndividual
	}
	if number != nil {
		cust.CustomerNumber = *number
	} else {
		cust.CustomerNumber = s.st.randomCustomerNumber(bankID)
	}
	if !s.st.insertCustomer(*cust) {
		status := refusedStatus
		if !cust.withinStorageLimits() {
			status = http.StatusBadRequest
		}
		return newError(status, msgCreateCustomerError)
	}
	return nil
}

// decodeNewCustomer reads PostCustomerJsonV500: two required fields, every
// optional field silently dropped when it has the wrong type or format.
// number is nil when customer_number was absent.
func decodeNewCustomer(raw []byte) (cust Customer, number *string, err error) {
	r := newFieldReader(raw, "PostCustomerJsonV500")
	cust.LegalName = r.str("legal_name")
	cust.MobilePhoneNumber = r.str("mobile_phone_number")
	if err := r.err(); err != nil {
		return cust, nil, err
	}
	o := r.obj
	readOptional(o, &cust)
	if n, ok := o.str("customer_number"); ok {
		number = &n
	}
	if err := checkNewCustomer(&cust, number); err != nil {
		return cust, nil, err
	}
	return cust, number, nil
}

func readOptional(o jsonObject, cust *Customer) {
	cust.Email, _ = o.str("email")
	cust.FaceImage, _ = o.faceImage("face_image")
	cust.DateOfBirth, _ = o.timestamp("date_of_birth")
	cust.RelationshipStatus, _ = o.str("relationship_status")
	cust.Dependants, _ = o.integer("dependants")
	cust.DobOfDependants, _ = o.timestamps("dob_of_dependants")
	cust.CreditRating, _ = o.creditRating("credit_rating")
	cust.CreditLimit, _ = o.money("credit_limit")
	cust.HighestEducationAttained, _ = o.str("highest_education_attained")
	cust.EmploymentStatus, _ = o.str("employment_status")
	cust.KycStatus, _ = o.boolean("kyc_status")
	cust.LastOkDate, _ = o.timestamp("last_ok_date")
	cust.Title, _ = o.str("title")
	cust.BranchID, _ = o.str("branch_id")
	cust.NameSuffix, _ = o.str("name_suffix")
}

func checkNewCustomer(cust *Customer, number *string) error {
	if cust.Dependants != len(cust.DobOfDependants) {
		return newError(http.StatusBadRequest, fmt.Sprintf(
			"%s The field dependants(%d) not equal the length(%d) of dob_of_dependants array",
			msgInvalidJSONContent, cust.Dependants, len(cust.DobOfDependants)))
	}
	if number != nil && strings.Contains(*number, "::::") {
		return errInvalidJSON("customer_number can not contain `::::` characters")
	}
	return nil
}

// validatedAccess runs the checks auto-validated (v4.0.0+) handlers do
// before their body: auth, id-shaped fields of POST bodies, bank, then "at
// least one of" the roles.
func (s *Server) validatedAccess(c *call, roles ...string) error {
	roles = s.opts.Generation.roles(roles...)
	u, err := s.authenticate(c)
	if err != nil {
		return err
	}
	if c.r.Method == http.MethodPost {
		if err := checkIDShapes(c.raw); err != nil {
			return err
		}
	}
	bankID := c.param("BANK_ID")
	if !s.st.bankExists(bankID) {
		return errBankNotFound(http.StatusNotFound, bankID)
	}
	if !s.st.hasAnyRole(u, bankID, roles...) {
		return errMissingRoles(bankID, roles...)
	}
	return nil
}

// existingCustomer looks a customer up by id: 404 OBP-30046 when unknown.
func (s *Server) existingCustomer(customerID string) (*Customer, error) {
	cust, ok := s.st.customers[customerID]
	if !ok {
		return nil, errCustomerNotFoundByID(customerID)
	}
	return cust, nil
}

// bankAccess authenticates the caller and requires BANK_ID to exist.
func (s *Server) bankAccess(c *call) (*user, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return nil, err
	}
	if bankID := c.param("BANK_ID"); !s.st.bankExists(bankID) {
		return nil, errBankNotFound(http.StatusNotFound, bankID)
	}
	return u, nil
}

// customerAccess runs the v3.1.0 inline checks: auth, bank, single role.
func (s *Server) customerAccess(c *call, role string) error {
	role = s.opts.Generation.Role(role)
	u, err := s.bankAccess(c)
	if err != nil {
		return err
	}
	if bankID := c.param("BANK_ID"); !s.st.hasRole(u, bankID, role) {
		return errMissingRoleAtBank(role, bankID)
	}
	return nil
}

// customerAnswer answers the customer find returns, with its attributes at
// BANK_ID in the shape render gives (one per API version).
func customerAnswer[J any](find func(*call) (*Customer, error), render func(*Customer, string) J) func(*call) (int, any, error) {
	return func(c *call) (int, any, error) {
		cust, err := find(c)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, render(cust, c.param("BANK_ID")), nil
	}
}

// findCustomer is GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}'s lookup
// (v3.1.0 checks). Like OBP it does not compare the customer's bank with BANK_ID.
func (s *Server) findCustomer(c *call) (*Customer, error) {
	if err := s.customerAccess(c, roleGetCustomer); err != nil {
		return nil, err
	}
	return s.existingCustomer(c.param("CUSTOMER_ID"))
}

// findCustomerByNumber is POST /banks/{BANK_ID}/customers/customer-number's
// lookup (v3.1.0).
func (s *Server) findCustomerByNumber(c *call) (*Customer, error) {
	if err := s.customerAccess(c, roleGetCustomer); err != nil {
		return nil, err
	}
	r := newFieldReader(c.raw, "PostCustomerNumberJsonV310")
	number := r.str("customer_number")
	if err := r.err(); err != nil {
		return nil, err
	}
	cust := s.st.customerByNumber(c.param("BANK_ID"), number)
	if cust == nil {
		return nil, newError(http.StatusNotFound, msgCustomerNotFound)
	}
	return cust, nil
}

// withAttributes is CustomerWithAttributesJsonV310 listing the customer's
// attributes stored with the URL bank.
func (s *Server) withAttributes(cust *Customer, bankID string) customerWithAttributesJSON {
	return toWithAttributes(cust, s.st.attributesOf(cust.CustomerID, bankID))
}

// deleteCustomerCascade handles DELETE /management/cascading/banks/{BANK_ID}/customers/{CUSTOMER_ID} (v4.0.0).
func (s *Server) deleteCustomerCascade(c *call) (int, any, error) {
	customerID := c.param("CUSTOMER_ID")
	if err := s.validatedAccess(c, roleDeleteCustomerCascade); err != nil {
		return 0, nil, err
	}
	if !s.st.deleteCustomer(customerID) {
		return 0, nil, errCustomerNotFoundByID(customerID)
	}
	return http.StatusOK, true, nil
}
