package obp

import (
	"net/http"
	"slices"
	"time"
)

// OBP v6.0.0.
//
// v6.0.0 re-implemented a few operations with new shapes: DirectLogin under
// the version prefix, /root, the banks, create/get/list customers, the
// customer-number lookup and the account list. It added typed
// retail/corporate customer endpoints and the children of a customer. Every
// other route (addresses, tax residences, attributes, definitions,
// user-customer links, customer PUTs, cascade delete, users) is the same
// older handler served under /obp/v6.0.0 too.
//
// v6.0.0 is served by both server generations. OBP-API's 2024 servers had an
// unfinished v6.0.0 draft; it is not modelled separately: both generations
// answer the 2026 v6.0.0 shapes, with their own roles and status codes.

const v600 = "v6.0.0"

// Customer types of v6.0.0.
const (
	customerTypeIndividual = "INDIVIDUAL"
	customerTypeCorporate  = "CORPORATE"
	customerTypeSubsidiary = "SUBSIDIARY"
)

// v6.0.0 messages.
const (
	msgInvalidCustomerType   = "OBP-30272: Invalid customer_type. Must be one of: INDIVIDUAL, CORPORATE, SUBSIDIARY."
	msgCustomerTypeMismatch  = "OBP-30274: Customer type does not match the endpoint. customer_type must be CORPORATE or SUBSIDIARY for corporate customers."
	msgInvalidDateFormatV600 = "OBP-10001: Incorrect json format. date_of_birth and dob_of_dependants must be dates in the format YYYY-MM-DD."
)

// v6Routes are the operations v6.0.0 re-implemented or added. They come
// before the shared table, so under /obp/v6.0.0 they answer instead of the
// older handlers of the same path.
func (s *Server) v6Routes() []route {
	get := func(tpl string, h handlerFunc) route {
		return route{method: http.MethodGet, template: tpl, versioned: true, versions: []string{v600}, handle: h}
	}
	post := func(tpl string, h handlerFunc) route {
		return route{method: http.MethodPost, template: tpl, versioned: true, versions: []string{v600}, json: true, handle: h}
	}
	return []route{
		// DirectLogin also answers under the v6.0.0 prefix (the bare path stays).
		{method: http.MethodPost, template: "/my/logins/direct", versioned: true, versions: []string{v600}, handle: s.directLogin},
		get("/banks", bankList(s, (*bank).v600)),
		get("/banks/{BANK_ID}", bankAnswer(s, (*bank).v600)),
		post("/banks/{BANK_ID}/customers", s.createCustomerV600("")),
		post("/banks/{BANK_ID}/retail-customers", s.createCustomerV600(customerTypeIndividual)),
		post("/banks/{BANK_ID}/corporate-customers", s.createCustomerV600(customerTypeCorporate)),
		post("/banks/{BANK_ID}/customers/customer-number", customerAnswer(s.findCustomerByNumber, s.withAttributesV600)),
		get("/banks/{BANK_ID}/customers", s.listCustomersV600(nil)),
		get("/banks/{BANK_ID}/retail-customers", s.listCustomersV600([]string{customerTypeIndividual})),
		get("/banks/{BANK_ID}/corporate-customers", s.listCustomersV600([]string{customerTypeCorporate, customerTypeSubsidiary})),
		get(customerPath, customerAnswer(s.findCustomer, s.withAttributesV600)),
		get(customerPath+"/children", s.customerChildren),
		get("/banks/{BANK_ID}/accounts", s.listAccountsAtBankV600),
	}
}

// customerJSONV600 is CustomerJsonV600: CustomerJsonV310's keys with days
// for date_of_birth ("" when unset) and dob_of_dependants, plus the type
// and the parent ("" when none).
type customerJSONV600 struct {
	customerHead
	DateOfBirth        string   `json:"date_of_birth"`
	RelationshipStatus string   `json:"relationship_status"`
	Dependants         int      `json:"dependants"`
	DobOfDependants    []string `json:"dob_of_dependants"`
	customerTail
	CustomerType     string `json:"customer_type"`
	ParentCustomerID string `json:"parent_customer_id"`
}

// customerWithAttributesJSONV600 is CustomerWithAttributesJsonV600.
type customerWithAttributesJSONV600 struct {
	customerJSONV600
	CustomerAttributes []customerAttributeJSON `json:"customer_attributes"`
}

func toV600(c *Customer) customerJSONV600 {
	v3 := toV300(c)
	kind := c.CustomerType
	if kind == "" {
		kind = customerTypeIndividual
	}
	return customerJSONV600{
		customerHead: v3.customerHead, DateOfBirth: v3.DateOfBirth, RelationshipStatus: v3.RelationshipStatus,
		Dependants: v3.Dependants, DobOfDependants: v3.DobOfDependants, customerTail: v3.customerTail,
		CustomerType: kind, ParentCustomerID: c.ParentCustomerID,
	}
}

func toV600List(list []*Customer) map[string]any {
	out := make([]customerJSONV600, 0, len(list))
	for _, cust := range list {
		out = append(out, toV600(cust))
	}
	return map[string]any{"customers": out}
}

// createCustomerV600 handles POST /banks/{BANK_ID}/customers (forced ""),
// …/retail-customers (forced INDIVIDUAL) and …/corporate-customers (forced
// CORPORATE: CORPORATE or SUBSIDIARY) under v6.0.0: PostCustomerJsonV600.
func (s *Server) createCustomerV600(forced string) handlerFunc {
	return func(c *call) (int, any, error) {
		if err := s.createCustomerAccess(c); err != nil {
			return 0, nil, err
		}
		cust, number, err := decodeNewCustomerV600(c.raw)
		if err != nil {
			return 0, nil, err
		}
		switch {
		case forced == customerTypeIndividual:
			cust.CustomerType = customerTypeIndividual
		case forced == customerTypeCorporate && cust.CustomerType == "":
			cust.CustomerType = customerTypeCorporate
		case forced == customerTypeCorporate && cust.CustomerType == customerTypeIndividual:
			return 0, nil, newError(http.StatusBadRequest, msgCustomerTypeMismatch)
		}
		if cust.CustomerType != "" && !slices.Contains([]string{customerTypeIndividual, customerTypeCorporate, customerTypeSubsidiary}, cust.CustomerType) {
			return 0, nil, newError(http.StatusBadRequest, msgInvalidCustomerType)
		}
		if cust.ParentCustomerID != "" {
			if _, err := s.existingCustomer(cust.ParentCustomerID); err != nil {
				return 0, nil, err
			}
		}
		if err := s.storeNewCustomer(c, &cust, number, http.StatusConflict); err != nil {
			return 0, nil, err
		}
		return http.StatusCreated, toV600(&cust), nil
	}
}

// decodeNewCustomerV600 reads PostCustomerJsonV600: the v5.0.0 body with
// date_of_birth and dob_of_dependants as strict YYYY-MM-DD days (anything
// else is refused, not dropped), customer_type and parent_customer_id.
func decodeNewCustomerV600(raw []byte) (cust Customer, number *string, err error) {
	r := newFieldReader(raw, "PostCustomerJsonV600")
	cust.LegalName = r.str("legal_name")
	cust.MobilePhoneNumber = r.str("mobile_phone_number")
	if err := r.err(); err != nil {
		return cust, nil, err
	}
	o := r.obj
	readOptional(o, &cust)
	cust.DateOfBirth, cust.DobOfDependants = nil, nil
	if dob, ok := o.str("date_of_birth"); ok && dob != "" {
		t, err := time.Parse(dayLayout, dob)
		if err != nil {
			return cust, nil, newError(http.StatusBadRequest, msgInvalidDateFormatV600)
		}
		cust.DateOfBirth = &t
	}
	if days, ok := o.strList("dob_of_dependants"); ok {
		for _, d := range days {
			t, err := time.Parse(dayLayout, d)
			if err != nil {
				return cust, nil, newError(http.StatusBadRequest, msgInvalidDateFormatV600)
			}
			cust.DobOfDependants = append(cust.DobOfDependants, t)
		}
	}
	cust.CustomerType, _ = o.str("customer_type")
	cust.ParentCustomerID, _ = o.str("parent_customer_id")
	if n, ok := o.str("customer_number"); ok {
		number = &n
	}
	if err := checkNewCustomer(&cust, number); err != nil {
		return cust, nil, err
	}
	return cust, number, nil
}

func (s *Server) withAttributesV600(cust *Customer, bankID string) customerWithAttributesJSONV600 {
	return customerWithAttributesJSONV600{
		customerJSONV600:   toV600(cust),
		CustomerAttributes: toAttributesJSON(s.st.attributesOf(cust.CustomerID, bankID)),
	}
}

// listCustomersV600 handles GET /banks/{BANK_ID}/customers (CustomerJSONsV600)
// and the retail/corporate lists, which keep only the given types.
func (s *Server) listCustomersV600(types []string) handlerFunc {
	return func(c *call) (int, any, error) {
		list, err := s.listedCustomers(c, c.param("BANK_ID"), roleGetCustomers)
		if err != nil {
			return 0, nil, err
		}
		if types != nil {
			list = filter(list, func(cust *Customer) bool { return slices.Contains(types, typeOf(cust)) })
		}
		return http.StatusOK, toV600List(list), nil
	}
}

func typeOf(c *Customer) string {
	if c.CustomerType == "" {
		return customerTypeIndividual
	}
	return c.CustomerType
}

// customerChildren handles GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/children
// (v6.0.0): the customers whose parent_customer_id is CUSTOMER_ID, in
// creation order; 404 OBP-30046 for an unknown parent.
func (s *Server) customerChildren(c *call) (int, any, error) {
	if err := s.customerAccess(c, roleGetCustomer); err != nil {
		return 0, nil, err
	}
	parent, err := s.existingCustomer(c.param("CUSTOMER_ID"))
	if err != nil {
		return 0, nil, err
	}
	children := filter(s.st.customersAt(""), func(cust *Customer) bool { return cust.ParentCustomerID == parent.CustomerID })
	return http.StatusOK, toV600List(children), nil
}

// bankJSONV600 is BankJson600: bank_id instead of id, with bank_code.
type bankJSONV600 struct {
	BankID       *string             `json:"bank_id"`
	BankCode     *string             `json:"bank_code"`
	FullName     *string             `json:"full_name"`
	Logo         *string             `json:"logo"`
	Website      *string             `json:"website"`
	BankRoutings []routingJSON       `json:"bank_routings"`
	Attributes   []bankAttributeJSON `json:"attributes"`
}

func (b *bank) v600() bankJSONV600 {
	return bankJSONV600{
		BankID: nullable(b.id), BankCode: nullable(b.bankCode), FullName: nullable(b.fullName),
		Logo: nullable(b.logo), Website: nullable(b.website), BankRoutings: b.routings(),
		Attributes: []bankAttributeJSON{},
	}
}

// basicAccountJSONV600 is BasicAccountJsonV600: account_id instead of id.
type basicAccountJSONV600 struct {
	AccountID      *string         `json:"account_id"`
	BankID         *string         `json:"bank_id"`
	Label          *string         `json:"label"`
	ViewsAvailable []basicViewJSON `json:"views_available"`
}

// listAccountsAtBankV600 handles GET /banks/{BANK_ID}/accounts (v6.0.0): the
// v4.0.0 list wrapped in {"accounts": […]} with account_id.
func (s *Server) listAccountsAtBankV600(c *call) (int, any, error) {
	_, body, err := s.listAccountsAtBank(c)
	if err != nil {
		return 0, nil, err
	}
	list, _ := body.([]basicAccountJSON)
	out := make([]basicAccountJSONV600, 0, len(list))
	for _, a := range list {
		out = append(out, basicAccountJSONV600{AccountID: a.ID, BankID: a.BankID, Label: a.Label, ViewsAvailable: a.ViewsAvailable})
	}
	return http.StatusOK, map[string]any{"accounts": out}, nil
}
