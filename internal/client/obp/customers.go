package obp

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Customer is OBP's CustomerJsonV310 (plus customer_attributes when read by id).
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
	CustomerAttributes       []CustomerAttribute `json:"customer_attributes,omitempty"`
}

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
	path := c.path("banks", bankID, "customers")
	got, err := client.CreateOnce(ctx, c.core, client.Create[*Customer]{
		Send: func(ctx context.Context, key string) (*Customer, error) {
			return postCreate(ctx, c, path, key, req, "customer_id", func(x *Customer) string { return x.CustomerID })
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
// OBP-30051 when the unique index refuses the insert.
func isCustomerNumberTaken(err error) bool {
	return client.HasCode(err, CodeCustomerNumberExists) || client.HasCode(err, CodeCreateCustomerFailed)
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

// GetCustomer reads a customer by id.
func (c *Client) GetCustomer(ctx context.Context, bankID, customerID string) (*Customer, error) {
	var out Customer
	err := c.get(ctx, c.customerPath(bankID, customerID), nil, &out)
	return &out, err
}

// GetCustomerByNumber reads a customer by its number at a bank (a POST that answers 200).
func (c *Client) GetCustomerByNumber(ctx context.Context, bankID, number string) (*Customer, error) {
	var out Customer
	body := map[string]string{"customer_number": number}
	req := client.Request{Method: http.MethodPost, Path: c.path("banks", bankID, "customers", "customer-number"), Body: body, Idempotent: true}
	err := c.core.Do(ctx, req, &out)
	return &out, err
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
	return &out, err
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
	defer c.lists.invalidate(childKey("attributes", bankID, customerID))
	return c.deleteTrue(ctx, c.path("management", "cascading", "banks", bankID, "customers", customerID))
}
