package obp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Customer is OBP's CustomerJsonV310 (plus customer_attributes when read by
// id), or v6.0.0's CustomerJsonV600: days instead of timestamps for
// date_of_birth ("" when unset) and dob_of_dependants, plus customer_type and
// parent_customer_id. Those two are nil when the answer has no such key
// (v5.x, and v6.0.0's customer PUTs, which are v3.1.0 handlers).
type Customer struct {
	BankID                   string              `json:"bank_id"`
	CustomerID               string              `json:"customer_id"`
	CustomerNumber           string              `json:"customer_number"`
	LegalName                string              `json:"legal_name"`
	MobilePhoneNumber        string              `json:"mobile_phone_number"`
	Email                    string              `json:"email"`
	FaceImage                FaceImage           `json:"face_image"`
	DateOfBirth              *Time               `json:"date_of_birth"`
	RelationshipStatus       string              `json:"relationship_status"`
	Dependants               int64               `json:"dependants"`
	DobOfDependants          []Time              `json:"dob_of_dependants"`
	CreditRating             CreditRating        `json:"credit_rating"`
	CreditLimit              Money               `json:"credit_limit"`
	HighestEducationAttained string              `json:"highest_education_attained"`
	EmploymentStatus         string              `json:"employment_status"`
	KycStatus                bool                `json:"kyc_status"`
	LastOkDate               *Time               `json:"last_ok_date"`
	Title                    string              `json:"title"`
	BranchID                 string              `json:"branch_id"`
	NameSuffix               string              `json:"name_suffix"`
	CustomerType             *string             `json:"customer_type,omitempty"`
	ParentCustomerID         *string             `json:"parent_customer_id,omitempty"`
	CustomerAttributes       []CustomerAttribute `json:"customer_attributes,omitempty"`
}

// Customer types of OBP v6.0.0; a customer without one is INDIVIDUAL.
const (
	CustomerTypeIndividual = "INDIVIDUAL"
	CustomerTypeCorporate  = "CORPORATE"
	CustomerTypeSubsidiary = "SUBSIDIARY"
)

// FaceImage is a customer's picture reference.
type FaceImage struct {
	URL  string `json:"url"`
	Date *Time  `json:"date"`
}

// CreditRating as OBP returns it.
type CreditRating struct {
	Rating string `json:"rating"`
	Source string `json:"source"`
}

// Money is an amount in a currency; OBP sends both as strings.
type Money struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

// CustomerAttribute is a name/type/value attached to a customer.
type CustomerAttribute struct {
	CustomerAttributeID string `json:"customer_attribute_id"`
	Name                string `json:"name"`
	Type                string `json:"type"`
	Value               string `json:"value"`
}

// CreateCustomerRequest is the v5.0.0 create body: legal_name and
// mobile_phone_number are required, everything else is optional.
// CustomerType and ParentCustomerID exist on v6.0.0 only, which sends
// date_of_birth and dob_of_dependants as days (PostCustomerJsonV600).
type CreateCustomerRequest struct {
	LegalName                string        `json:"legal_name"`
	MobilePhoneNumber        string        `json:"mobile_phone_number"`
	CustomerNumber           string        `json:"customer_number,omitempty"`
	Email                    string        `json:"email,omitempty"`
	FaceImage                *FaceImage    `json:"face_image,omitempty"`
	DateOfBirth              *Time         `json:"date_of_birth,omitempty"`
	RelationshipStatus       string        `json:"relationship_status,omitempty"`
	Dependants               int64         `json:"dependants"`
	DobOfDependants          []Time        `json:"dob_of_dependants"`
	CreditRating             *CreditRating `json:"credit_rating,omitempty"`
	CreditLimit              *Money        `json:"credit_limit,omitempty"`
	HighestEducationAttained string        `json:"highest_education_attained,omitempty"`
	EmploymentStatus         string        `json:"employment_status,omitempty"`
	KycStatus                bool          `json:"kyc_status"`
	LastOkDate               *Time         `json:"last_ok_date,omitempty"`
	Title                    string        `json:"title,omitempty"`
	BranchID                 string        `json:"branch_id,omitempty"`
	NameSuffix               string        `json:"name_suffix,omitempty"`
	CustomerType             string        `json:"customer_type,omitempty"`
	ParentCustomerID         string        `json:"parent_customer_id,omitempty"`
}

// createCustomerRequestV600 is PostCustomerJsonV600: the outer date fields
// replace the embedded timestamps.
type createCustomerRequestV600 struct {
	CreateCustomerRequest
	DateOfBirth     string   `json:"date_of_birth,omitempty"`
	DobOfDependants []string `json:"dob_of_dependants"`
}

// body is the create body the client's version takes.
func (c *Client) createBody(req CreateCustomerRequest) (any, error) {
	if !c.IsV600() {
		switch {
		case req.CustomerType != "":
			return nil, &VersionError{Feature: "customer_type", Version: c.version}
		case req.ParentCustomerID != "":
			return nil, &VersionError{Feature: "parent_customer_id", Version: c.version}
		}
		return req, nil
	}
	out := createCustomerRequestV600{CreateCustomerRequest: req, DobOfDependants: []string{}}
	if req.DateOfBirth != nil {
		day, err := dayOf("date_of_birth", req.DateOfBirth.Time)
		if err != nil {
			return nil, err
		}
		out.DateOfBirth = day
	}
	for _, d := range req.DobOfDependants {
		day, err := dayOf("dob_of_dependants", d.Time)
		if err != nil {
			return nil, err
		}
		out.DobOfDependants = append(out.DobOfDependants, day)
	}
	return out, nil
}

// dayOf is t as YYYY-MM-DD; OBP v6.0.0 stores days only, so a time of day
// would be lost.
func dayOf(field string, t time.Time) (string, error) {
	t = t.UTC()
	if !t.Equal(t.Truncate(24 * time.Hour)) {
		return "", fmt.Errorf("%s %s has a time of day, but OBP %s stores days only: give YYYY-MM-DD", field, t.Format(time.RFC3339), V600)
	}
	return t.Format(DayLayout), nil
}

// CustomerIdentity is the body of PUT …/identity (all fields required).
type CustomerIdentity struct {
	LegalName   string `json:"legal_name"`
	DateOfBirth Time   `json:"date_of_birth"`
	Title       string `json:"title"`
	NameSuffix  string `json:"name_suffix"`
}

// CustomerData is the body of PUT …/data (all fields required).
type CustomerData struct {
	FaceImage                FaceImage `json:"face_image"`
	RelationshipStatus       string    `json:"relationship_status"`
	Dependants               int64     `json:"dependants"`
	HighestEducationAttained string    `json:"highest_education_attained"`
	EmploymentStatus         string    `json:"employment_status"`
}

func (c *Client) customerPath(bankID, customerID string, rest ...string) string {
	return c.path(append([]string{"banks", bankID, "customers", customerID}, rest...)...)
}

// CreateCustomer creates a customer at a bank (POST /banks/{BANK_ID}/customers, 201).
// Without a customer number it picks a random one, as OBP would, so that a
// create whose answer was lost can be found by its number. A configured
// number another customer holds answers the existing customer with an
// *client.ExistsError.
func (c *Client) CreateCustomer(ctx context.Context, bankID string, req CreateCustomerRequest) (*Customer, error) {
	chosen := req.CustomerNumber != ""
	if !chosen {
		req.CustomerNumber = strconv.FormatInt(rand.Int64N(1<<31), 10)
	}
	body, err := c.createBody(req)
	if err != nil {
		return nil, err
	}
	path := c.path("banks", bankID, "customers")
	got, err := client.CreateOnce(ctx, c.core, client.Create[*Customer]{
		Send: func(ctx context.Context, key string) (*Customer, error) {
			return postCreate(ctx, c, path, key, body, "customer_id", func(x *Customer) string { return x.CustomerID })
		},
		Find:     func(ctx context.Context) (*Customer, bool, error) { return c.findCustomer(ctx, bankID, req, true) },
		Existing: func(ctx context.Context) (*Customer, bool, error) { return c.findCustomer(ctx, bankID, req, false) },
		Exists:   func(err error) bool { return chosen && isCustomerNumberTaken(err) },
	})
	return c.markMade(claim(c, got, err, func(x *Customer) string { return x.CustomerID }))
}

// CodeCreateCustomerFailed is OBP's answer when storing a new customer fails.
const CodeCreateCustomerFailed = "OBP-30051"

// isCustomerNumberTaken: OBP answers a taken number with OBP-30006, or with
// OBP-30051 when the unique index refuses the insert: 400 up to v5.1.0, 409
// from v6.0.0 on. A 409 with another OBP code is a duplicate too; a 409
// without one is an Idempotency-Key conflict, not an existing customer.
func isCustomerNumberTaken(err error) bool {
	if client.HasCode(err, CodeCustomerNumberExists) || client.HasCode(err, CodeCreateCustomerFailed) {
		return true
	}
	apiErr, ok := client.AsAPIError(err)
	return ok && apiErr.StatusCode == http.StatusConflict && apiErr.Code != ""
}

// findCustomer looks for the customer with the request's number; sameHolder
// also requires the request's name and phone (the customer a create made).
func (c *Client) findCustomer(ctx context.Context, bankID string, req CreateCustomerRequest, sameHolder bool) (*Customer, bool, error) {
	found, err := c.GetCustomerByNumber(ctx, bankID, req.CustomerNumber)
	if client.HasCode(err, CodeCustomerNumberNotFound) {
		return nil, false, nil
	}
	if err != nil || found.CustomerID == "" {
		return nil, false, err
	}
	return found, !sameHolder || (found.LegalName == req.LegalName && found.MobilePhoneNumber == req.MobilePhoneNumber), nil
}

// GetCustomer reads a customer by id, with its attributes. The attributes
// are kept for GetCustomerAttribute until a write through this client
// changes the customer's attributes.
func (c *Client) GetCustomer(ctx context.Context, bankID, customerID string) (*Customer, error) {
	since := c.lists.writeCount()
	var out Customer
	if err := c.get(ctx, c.customerPath(bankID, customerID), nil, &out); err != nil {
		return nil, err
	}
	c.lists.put(childKey(customerAttributesKind, bankID, customerID), out.CustomerAttributes, since)
	return &out, nil
}

// GetCustomerByNumber reads a customer by its number at a bank (a POST that answers 200).
func (c *Client) GetCustomerByNumber(ctx context.Context, bankID, number string) (*Customer, error) {
	var out Customer
	body := map[string]string{"customer_number": number}
	req := client.Request{Method: http.MethodPost, Path: c.path("banks", bankID, "customers", "customer-number"), Body: body, Read: true}
	err := c.core.Do(ctx, req, &out)
	return result(&out, err)
}

// ListCustomersPage reads one page of the customers at a bank.
func (c *Client) ListCustomersPage(ctx context.Context, bankID string, limit, offset int) ([]Customer, error) {
	var out struct {
		Customers []Customer `json:"customers"`
	}
	q := url.Values{"limit": {strconv.Itoa(limit)}, "offset": {strconv.Itoa(offset)}}
	err := c.get(ctx, c.path("banks", bankID, "customers"), q, &out)
	return out.Customers, err
}

// ListCustomers reads every customer at a bank, page by page (OBP gives no total).
func (c *Client) ListCustomers(ctx context.Context, bankID string) ([]Customer, error) {
	const pageSize = 50
	var all []Customer
	for offset := 0; ; offset += pageSize {
		page, err := c.ListCustomersPage(ctx, bankID, pageSize, offset)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all, nil
		}
	}
}

func (c *Client) updateCustomer(ctx context.Context, bankID, customerID, suffix string, body any) (*Customer, error) {
	var out Customer
	err := c.put(ctx, c.customerPath(bankID, customerID, suffix), body, &out)
	return result(&out, err)
}

// UpdateCustomerEmail sets the email (PUT …/email).
func (c *Client) UpdateCustomerEmail(ctx context.Context, bankID, customerID, email string) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "email", map[string]string{"email": email})
}

// UpdateCustomerMobileNumber sets the mobile phone number (PUT …/mobile-number).
func (c *Client) UpdateCustomerMobileNumber(ctx context.Context, bankID, customerID, number string) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "mobile-number", map[string]string{"mobile_phone_number": number})
}

// UpdateCustomerNumber sets the customer number (PUT …/number). OBP refuses the
// customer's own current number with OBP-30006: call it only on a change.
func (c *Client) UpdateCustomerNumber(ctx context.Context, bankID, customerID, number string) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "number", map[string]string{"customer_number": number})
}

// UpdateCustomerIdentity sets legal name, date of birth, title and suffix (PUT …/identity).
func (c *Client) UpdateCustomerIdentity(ctx context.Context, bankID, customerID string, body CustomerIdentity) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "identity", body)
}

// UpdateCustomerCreditLimit sets the credit limit (PUT …/credit-limit).
func (c *Client) UpdateCustomerCreditLimit(ctx context.Context, bankID, customerID string, limit Money) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "credit-limit", map[string]Money{"credit_limit": limit})
}

// UpdateCustomerCreditRating sets rating and source (PUT …/credit-rating-and-source).
func (c *Client) UpdateCustomerCreditRating(ctx context.Context, bankID, customerID string, r CreditRating) (*Customer, error) {
	body := map[string]string{"credit_rating": r.Rating, "credit_source": r.Source}
	return c.updateCustomer(ctx, bankID, customerID, "credit-rating-and-source", body)
}

// UpdateCustomerBranch sets the branch id (PUT …/branch).
func (c *Client) UpdateCustomerBranch(ctx context.Context, bankID, customerID, branchID string) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "branch", map[string]string{"branch_id": branchID})
}

// UpdateCustomerData sets face image, relationship, dependants, education and employment (PUT …/data).
func (c *Client) UpdateCustomerData(ctx context.Context, bankID, customerID string, body CustomerData) (*Customer, error) {
	return c.updateCustomer(ctx, bankID, customerID, "data", body)
}

// DeleteCustomerCascade deletes a customer and everything attached to it (200 `true`).
func (c *Client) DeleteCustomerCascade(ctx context.Context, bankID, customerID string) error {
	defer c.lists.invalidate(childKey("addresses", bankID, customerID))
	defer c.lists.invalidate(childKey("tax-residences", bankID, customerID))
	defer c.lists.invalidate(childKey("links", bankID, customerID))
	defer c.attributesChanged(bankID, customerID)
	return c.deleteTrue(ctx, c.path("management", "cascading", "banks", bankID, "customers", customerID))
}

// CustomerChildren lists the customers whose parent is customerID (GET
// /banks/{BANK_ID}/customers/{CUSTOMER_ID}/children, OBP v6.0.0 only; 404
// OBP-30046 for an unknown parent).
func (c *Client) CustomerChildren(ctx context.Context, bankID, customerID string) ([]Customer, error) {
	if !c.IsV600() {
		return nil, &VersionError{Feature: "reading the children of a customer", Version: c.version}
	}
	var out struct {
		Customers []Customer `json:"customers"`
	}
	err := c.get(ctx, c.customerPath(bankID, customerID, "children"), nil, &out)
	return out.Customers, err
}
