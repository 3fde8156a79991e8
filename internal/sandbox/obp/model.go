package obp

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Customer is the stored customer. JSON tags follow CustomerJsonV310; dates
// are *time.Time where nil means JSON null.
type Customer struct {
	BankID                   string       `json:"bank_id"`
	CustomerID               string       `json:"customer_id"`
	CustomerNumber           string       `json:"customer_number"`
	LegalName                string       `json:"legal_name"`
	MobilePhoneNumber        string       `json:"mobile_phone_number"`
	Email                    string       `json:"email"`
	FaceImage                FaceImage    `json:"face_image"`
	DateOfBirth              *time.Time   `json:"date_of_birth"`
	RelationshipStatus       string       `json:"relationship_status"`
	Dependants               int          `json:"dependants"`
	DobOfDependants          []time.Time  `json:"dob_of_dependants"`
	CreditRating             CreditRating `json:"credit_rating"`
	CreditLimit              Money        `json:"credit_limit"`
	HighestEducationAttained string       `json:"highest_education_attained"`
	EmploymentStatus         string       `json:"employment_status"`
	KycStatus                bool         `json:"kyc_status"`
	LastOkDate               *time.Time   `json:"last_ok_date"`
	Title                    string       `json:"title"`
	BranchID                 string       `json:"branch_id"`
	NameSuffix               string       `json:"name_suffix"`
	// CustomerType and ParentCustomerID are set through v6.0.0 only; a
	// customer made through an older version is INDIVIDUAL without parent.
	CustomerType     string `json:"customer_type"`
	ParentCustomerID string `json:"parent_customer_id"`
}

// FaceImage is the customer's face image reference.
type FaceImage struct {
	URL  string     `json:"url"`
	Date *time.Time `json:"date"`
}

// CreditRating is the customer's credit rating and its source.
type CreditRating struct {
	Rating string `json:"rating"`
	Source string `json:"source"`
}

// Money is an amount of money; both parts are strings as on the wire.
type Money struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

// clone returns a deep copy so callers never share slices or pointers with the store.
func (c Customer) clone() Customer {
	c.FaceImage.Date = cloneTime(c.FaceImage.Date)
	c.DateOfBirth = cloneTime(c.DateOfBirth)
	c.LastOkDate = cloneTime(c.LastOkDate)
	c.DobOfDependants = append([]time.Time(nil), c.DobOfDependants...)
	return c
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := *t
	return &v
}

// column is a value and the size of the DB column that stores it.
type column struct {
	value string
	max   int
}

// fitColumns reports whether every value fits its column (in characters).
func fitColumns(cols ...column) bool {
	for _, col := range cols {
		if utf8.RuneCountInString(col.value) > col.max {
			return false
		}
	}
	return true
}

// withinStorageLimits mirrors the DB column sizes of OBP-API.
func (c Customer) withinStorageLimits() bool {
	return fitColumns(
		column{c.CustomerNumber, 50}, column{c.MobilePhoneNumber, 50}, column{c.LegalName, 255},
		column{c.Email, 200}, column{c.FaceImage.URL, 2000}, column{c.RelationshipStatus, 16},
		column{c.HighestEducationAttained, 32}, column{c.EmploymentStatus, 32},
		column{c.CreditRating.Rating, 100}, column{c.CreditRating.Source, 100},
		column{c.CreditLimit.Currency, 100}, column{c.CreditLimit.Amount, 100},
		column{c.Title, 255}, column{c.BranchID, 255}, column{c.NameSuffix, 255},
	)
}

// Address is a stored customer address. Status holds the
// submitted status, which OBP stores but never returns: the wire "status"
// is State. Tags are what the 20-character, comma-joined column gives
// back, so an empty list is stored (and returned) as [""].
type Address struct {
	CustomerAddressID string
	CustomerID        string
	Line1             string
	Line2             string
	Line3             string
	City              string
	County            string
	State             string
	Postcode          string
	CountryCode       string
	Tags              []string
	Status            string
	InsertDate        time.Time
}

// joinedTags is the tags column: the tags joined with commas.
func (a Address) joinedTags() string { return strings.Join(a.Tags, ",") }

// storedTags is what reading the tags column back gives.
func (a Address) storedTags() []string { return strings.Split(a.joinedTags(), ",") }

func (a Address) clone() Address {
	a.Tags = append([]string(nil), a.Tags...)
	return a
}

// withinStorageLimits mirrors the MappedCustomerAddress column sizes.
func (a Address) withinStorageLimits() bool {
	return fitColumns(
		column{a.Line1, 255}, column{a.Line2, 255}, column{a.Line3, 255}, column{a.City, 255},
		column{a.County, 255}, column{a.State, 255}, column{a.Postcode, 20},
		column{a.CountryCode, 2}, column{a.joinedTags(), 20},
	)
}

// CustomerAttribute is a stored customer attribute. BankID is
// the URL bank it was written through; lists are filtered by it.
type CustomerAttribute struct {
	CustomerAttributeID string
	CustomerID          string
	BankID              string
	Name                string
	Type                string
	Value               string
}

// customerAttributeTypes are the accepted (case-sensitive) attribute types.
var customerAttributeTypes = []string{"STRING", "INTEGER", "DOUBLE", "DATE_WITH_DAY"}

func (a CustomerAttribute) withinStorageLimits() bool {
	return fitColumns(column{a.Name, 50}, column{a.Value, 2000})
}

// TaxResidence is a stored tax residence; (CustomerID, Domain,
// TaxNumber) is unique.
type TaxResidence struct {
	TaxResidenceID string
	CustomerID     string
	Domain         string
	TaxNumber      string
}

// AttributeDefinition is a stored attribute definition of any
// category; (BankID, Name, Category) is unique. CanBeSeenOnViews is what the
// `;`-joined column gives back, so an empty list is stored as [""].
type AttributeDefinition struct {
	AttributeDefinitionID string
	BankID                string
	Name                  string
	Category              string
	Type                  string
	Description           string
	Alias                 string
	CanBeSeenOnViews      []string
	IsActive              bool
}

// categoryCustomer is the only category the customer endpoints list and delete.
const categoryCustomer = "Customer"

// attributeCategories are the accepted (case-sensitive) definition categories.
var attributeCategories = []string{"Bank", categoryCustomer, "Product", "Account", "Transaction", "Card", "TransactionRequest"}

// joinedViews is the views column: the views joined with semicolons.
func (d AttributeDefinition) joinedViews() string { return strings.Join(d.CanBeSeenOnViews, ";") }

// storedViews is what reading the views column back gives.
func (d AttributeDefinition) storedViews() []string { return strings.Split(d.joinedViews(), ";") }

func (d AttributeDefinition) clone() AttributeDefinition {
	d.CanBeSeenOnViews = append([]string(nil), d.CanBeSeenOnViews...)
	return d
}

// withinStorageLimits mirrors the attribute definition column sizes.
func (d AttributeDefinition) withinStorageLimits() bool {
	return fitColumns(
		column{d.Name, 50}, column{d.Alias, 50}, column{d.Description, 256}, column{d.joinedViews(), 256},
	)
}

// UserCustomerLink is a stored user-customer link;
// (UserID, CustomerID) is unique.
type UserCustomerLink struct {
	UserCustomerLinkID string
	CustomerID         string
	UserID             string
	DateInserted       time.Time
	IsActive           bool
}
