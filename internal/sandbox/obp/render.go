package obp

import "time"

const (
	timestampLayout = "2006-01-02T15:04:05Z"
	dayLayout       = "2006-01-02"
)

// obpTime renders as yyyy-MM-ddTHH:mm:ssZ in UTC; a nil *obpTime renders null.
type obpTime time.Time

func (t obpTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(timestampLayout) + `"`), nil
}

func toOBPTime(t *time.Time) *obpTime {
	if t == nil {
		return nil
	}
	v := obpTime(*t)
	return &v
}

type faceImageJSON struct {
	URL  string   `json:"url"`
	Date *obpTime `json:"date"`
}

// customerHead holds the V310 keys up to face_image (shared by V310 and V300).
type customerHead struct {
	BankID            string        `json:"bank_id"`
	CustomerID        string        `json:"customer_id"`
	CustomerNumber    string        `json:"customer_number"`
	LegalName         string        `json:"legal_name"`
	MobilePhoneNumber string        `json:"mobile_phone_number"`
	Email             string        `json:"email"`
	FaceImage         faceImageJSON `json:"face_image"`
}

// customerTail holds the V310 keys after dob_of_dependants.
type customerTail struct {
	CreditRating             CreditRating `json:"credit_rating"`
	CreditLimit              Money        `json:"credit_limit"`
	HighestEducationAttained string       `json:"highest_education_attained"`
	EmploymentStatus         string       `json:"employment_status"`
	KycStatus                bool         `json:"kyc_status"`
	LastOkDate               *obpTime     `json:"last_ok_date"`
	Title                    string       `json:"title"`
	BranchID                 string       `json:"branch_id"`
	NameSuffix               string       `json:"name_suffix"`
}

// customerJSONV310 is CustomerJsonV310; embedded structs keep the key order.
type customerJSONV310 struct {
	customerHead
	DateOfBirth        *obpTime  `json:"date_of_birth"`
	RelationshipStatus string    `json:"relationship_status"`
	Dependants         int       `json:"dependants"`
	DobOfDependants    []obpTime `json:"dob_of_dependants"`
	customerTail
}

type customerAttributeJSON struct {
	CustomerAttributeID string `json:"customer_attribute_id"`
	Name                string `json:"name"`
	Type                string `json:"type"`
	Value               string `json:"value"`
}

// customerWithAttributesJSON is CustomerWithAttributesJsonV310.
type customerWithAttributesJSON struct {
	customerJSONV310
	CustomerAttributes []customerAttributeJSON `json:"customer_attributes"`
}

// customerJSONV300 is CustomerJsonV300: day-only date strings.
type customerJSONV300 struct {
	customerHead
	DateOfBirth        string   `json:"date_of_birth"`
	RelationshipStatus string   `json:"relationship_status"`
	Dependants         int      `json:"dependants"`
	DobOfDependants    []string `json:"dob_of_dependants"`
	customerTail
}

type customerMinimalJSON struct {
	BankID     string `json:"bank_id"`
	CustomerID string `json:"customer_id"`
}

func headOf(c *Customer) customerHead {
	return customerHead{
		BankID: c.BankID, CustomerID: c.CustomerID, CustomerNumber: c.CustomerNumber,
		LegalName: c.LegalName, MobilePhoneNumber: c.MobilePhoneNumber, Email: c.Email,
		FaceImage: faceImageJSON{URL: c.FaceImage.URL, Date: toOBPTime(c.FaceImage.Date)},
	}
}

func tailOf(c *Customer) customerTail {
	return customerTail{
		CreditRating: c.CreditRating, CreditLimit: c.CreditLimit,
		HighestEducationAttained: c.HighestEducationAttained, EmploymentStatus: c.EmploymentStatus,
		KycStatus: c.KycStatus, LastOkDate: toOBPTime(c.LastOkDate),
		Title: c.Title, BranchID: c.BranchID, NameSuffix: c.NameSuffix,
	}
}

func toV310(c *Customer) customerJSONV310 {
	dobs := make([]obpTime, 0, len(c.DobOfDependants))
	for _, d := range c.DobOfDependants {
		dobs = append(dobs, obpTime(d))
	}
	return customerJSONV310{
		customerHead: headOf(c), DateOfBirth: toOBPTime(c.DateOfBirth),
		RelationshipStatus: c.RelationshipStatus, Dependants: c.Dependants,
		DobOfDependants: dobs, customerTail: tailOf(c),
	}
}

// toWithAttributes renders a customer with the given attributes (the ones
// stored with the URL bank).
func toWithAttributes(c *Customer, attrs []*CustomerAttribute) customerWithAttributesJSON {
	return customerWithAttributesJSON{customerJSONV310: toV310(c), CustomerAttributes: toAttributesJSON(attrs)}
}

func toAttributeJSON(a *CustomerAttribute) customerAttributeJSON {
	return customerAttributeJSON{CustomerAttributeID: a.CustomerAttributeID, Name: a.Name, Type: a.Type, Value: a.Value}
}

func toAttributesJSON(attrs []*CustomerAttribute) []customerAttributeJSON {
	out := make([]customerAttributeJSON, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, toAttributeJSON(a))
	}
	return out
}

// addressJSON is CustomerAddressJsonV310.
type addressJSON struct {
	CustomerAddressID string   `json:"customer_address_id"`
	CustomerID        string   `json:"customer_id"`
	Line1             string   `json:"line_1"`
	Line2             string   `json:"line_2"`
	Line3             string   `json:"line_3"`
	City              string   `json:"city"`
	County            string   `json:"county"`
	State             string   `json:"state"`
	Postcode          string   `json:"postcode"`
	CountryCode       string   `json:"country_code"`
	Tags              []string `json:"tags"`
	Status            string   `json:"status"`
	InsertDate        obpTime  `json:"insert_date"`
}

// toAddressJSON reads the address like OBP: status is the state column and
// tags are the comma-joined column split back.
func toAddressJSON(a *Address) addressJSON {
	return addressJSON{
		CustomerAddressID: a.CustomerAddressID, CustomerID: a.CustomerID,
		Line1: a.Line1, Line2: a.Line2, Line3: a.Line3, City: a.City, County: a.County,
		State: a.State, Postcode: a.Postcode, CountryCode: a.CountryCode,
		Tags: a.storedTags(), Status: a.State, InsertDate: obpTime(a.InsertDate),
	}
}

// taxResidenceJSON is TaxResidenceV310.
type taxResidenceJSON struct {
	Domain         string `json:"domain"`
	TaxNumber      string `json:"tax_number"`
	TaxResidenceID string `json:"tax_residence_id"`
}

func toTaxResidenceJSON(t *TaxResidence) taxResidenceJSON {
	return taxResidenceJSON{Domain: t.Domain, TaxNumber: t.TaxNumber, TaxResidenceID: t.TaxResidenceID}
}

func toV300(c *Customer) customerJSONV300 {
	dobs := make([]string, 0, len(c.DobOfDependants))
	for _, d := range c.DobOfDependants {
		dobs = append(dobs, d.UTC().Format(dayLayout))
	}
	dob := ""
	if c.DateOfBirth != nil {
		dob = c.DateOfBirth.UTC().Format(dayLayout)
	}
	return customerJSONV300{
		customerHead: headOf(c), DateOfBirth: dob, RelationshipStatus: c.RelationshipStatus,
		Dependants: c.Dependants, DobOfDependants: dobs, customerTail: tailOf(c),
	}
}

// nullable maps "" to JSON null (bank JSON convention).
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// attributeDefinitionJSON is AttributeDefinitionResponseJsonV400.
type attributeDefinitionJSON struct {
	AttributeDefinitionID string   `json:"attribute_definition_id"`
	BankID                string   `json:"bank_id"`
	Name                  string   `json:"name"`
	Category              string   `json:"category"`
	Type                  string   `json:"type"`
	Description           string   `json:"description"`
	Alias                 string   `json:"alias"`
	CanBeSeenOnViews      []string `json:"can_be_seen_on_views"`
	IsActive              bool     `json:"is_active"`
}

// toDefinitionJSON reads the definition like OBP: views are the
// `;`-joined column split back.
func toDefinitionJSON(d *AttributeDefinition) attributeDefinitionJSON {
	return attributeDefinitionJSON{
		AttributeDefinitionID: d.AttributeDefinitionID, BankID: d.BankID, Name: d.Name,
		Category: d.Category, Type: d.Type, Description: d.Description, Alias: d.Alias,
		CanBeSeenOnViews: d.storedViews(), IsActive: d.IsActive,
	}
}

// userCustomerLinkJSON is UserCustomerLinkJson.
type userCustomerLinkJSON struct {
	UserCustomerLinkID string  `json:"user_customer_link_id"`
	CustomerID         string  `json:"customer_id"`
	UserID             string  `json:"user_id"`
	DateInserted       obpTime `json:"date_inserted"`
	IsActive           bool    `json:"is_active"`
}

func toLinkJSON(l *UserCustomerLink) userCustomerLinkJSON {
	return userCustomerLinkJSON{
		UserCustomerLinkID: l.UserCustomerLinkID, CustomerID: l.CustomerID, UserID: l.UserID,
		DateInserted: obpTime(l.DateInserted), IsActive: l.IsActive,
	}
}
