package obp

import "net/http"

// customerUpdate describes one of the eight v3.1.0 PUT sub-resources.
type customerUpdate struct {
	suffix string
	schema string
	roles  []string // one role: "at Bank(x)" message; two: "or" message
	// decode reads the (fully required) body and returns the change to apply.
	decode func(r *fieldReader) func(*Customer)
}

var customerUpdates = []customerUpdate{
	{suffix: "email", schema: "PutUpdateCustomerEmailJsonV310", roles: []string{roleUpdateCustomerEmail},
		decode: func(r *fieldReader) func(*Customer) {
			email := r.str("email")
			return func(c *Customer) { c.Email = email }
		}},
	{suffix: "mobile-number", schema: "PutUpdateCustomerMobilePhoneNumberJsonV310", roles: []string{roleUpdateCustomerMobile},
		decode: func(r *fieldReader) func(*Customer) {
			mobile := r.str("mobile_phone_number")
			return func(c *Customer) { c.MobilePhoneNumber = mobile }
		}},
	{suffix: "number", schema: "PutUpdateCustomerNumberJsonV310", roles: []string{roleUpdateCustomerNumber},
		decode: func(r *fieldReader) func(*Customer) {
			number := r.str("customer_number")
			return func(c *Customer) { c.CustomerNumber = number }
		}},
	{suffix: "identity", schema: "PutUpdateCustomerIdentityJsonV310", roles: []string{roleUpdateCustomerIdentity},
		decode: decodeIdentity},
	{suffix: "credit-limit", schema: "PutUpdateCustomerCreditLimitJsonV310", roles: []string{roleUpdateCustomerCreditLimit},
		decode: func(r *fieldReader) func(*Customer) {
			limit := r.money("credit_limit")
			return func(c *Customer) { c.CreditLimit = limit }
		}},
	{suffix: "credit-rating-and-source", schema: "PutUpdateCustomerCreditRatingAndSourceJsonV310",
		roles: []string{roleUpdateCustomerCreditRating, roleUpdateCustomerCreditRatingAnyBank},
		decode: func(r *fieldReader) func(*Customer) {
			rating := CreditRating{Rating: r.str("credit_rating"), Source: r.str("credit_source")}
			return func(c *Customer) { c.CreditRating = rating }
		}},
	{suffix: "branch", schema: "PutUpdateCustomerBranchJsonV310", roles: []string{roleUpdateCustomerBranch},
		decode: func(r *fieldReader) func(*Customer) {
			branch := r.str("branch_id")
			return func(c *Customer) { c.BranchID = branch }
		}},
	{suffix: "data", schema: "PutUpdateCustomerDataJsonV310", roles: []string{roleUpdateCustomerData},
		decode: decodeData},
}

func decodeIdentity(r *fieldReader) func(*Customer) {
	name, dob := r.str("legal_name"), r.timestamp("date_of_birth")
	title, suffix := r.str("title"), r.str("name_suffix")
	return func(c *Customer) {
		c.LegalName, c.DateOfBirth, c.Title, c.NameSuffix = name, dob, title, suffix
	}
}

// decodeData changes dependants without touching dob_of_dependants, as OBP does.
func decodeData(r *fieldReader) func(*Customer) {
	face := r.faceImage("face_image")
	status, dependants := r.str("relationship_status"), r.integer("dependants")
	education, employment := r.str("highest_education_attained"), r.str("employment_status")
	return func(c *Customer) {
		c.FaceImage, c.RelationshipStatus, c.Dependants = face, status, dependants
		c.HighestEducationAttained, c.EmploymentStatus = education, employment
	}
}

// updateHandler builds the handler of one PUT sub-resource. Order (v3.1.0):
// auth → bank → role → body → customer exists → (number check) → store.
func (s *Server) updateHandler(u customerUpdate) handlerFunc {
	return func(c *call) (int, any, error) {
		if err := s.updateAccess(c, u.roles); err != nil {
			return 0, nil, err
		}
		r := newFieldReader(c.raw, u.schema)
		mutate := u.decode(r)
		if err := r.err(); err != nil {
			return 0, nil, err
		}
		stored, err := s.existingCustomer(c.param("CUSTOMER_ID"))
		if err != nil {
			return 0, nil, err
		}
		if u.suffix == "number" {
			if err := s.checkNumberAvailable(c.param("BANK_ID"), r); err != nil {
				return 0, nil, err
			}
		}
		updated := stored.clone()
		mutate(&updated)
		if !s.st.replaceCustomer(updated) {
			return 0, nil, newError(http.StatusBadRequest, msgUpdateCustomerError)
		}
		return http.StatusOK, toV310(&updated), nil
	}
}

func (s *Server) updateAccess(c *call, roles []string) error {
	if len(roles) == 1 {
		return s.customerAccess(c, roles[0])
	}
	// Same checks and message as auto-validated handlers (PUT: no id-shape check).
	return s.validatedAccess(c, roles...)
}

// checkNumberAvailable fails when any customer of the URL bank already has
// the number — including the customer being updated.
func (s *Server) checkNumberAvailable(bankID string, r *fieldReader) error {
	number, _ := r.obj.str("customer_number")
	if s.st.customerByNumber(bankID, number) == nil {
		return nil
	}
	return newError(http.StatusBadRequest, msgCustomerNumberExists+
		" Current customer_number("+number+") and Current bank_id("+bankID+")")
}
