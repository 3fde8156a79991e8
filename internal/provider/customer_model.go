package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// customerModel is the state of openbanking_customer (and the core of the customer data source).
type customerModel struct {
	BankID                   types.String       `tfsdk:"bank_id"`
	CustomerID               types.String       `tfsdk:"customer_id"`
	CustomerNumber           types.String       `tfsdk:"customer_number"`
	LegalName                types.String       `tfsdk:"legal_name"`
	MobilePhoneNumber        types.String       `tfsdk:"mobile_phone_number"`
	Email                    types.String       `tfsdk:"email"`
	FaceImage                *faceImageModel    `tfsdk:"face_image"`
	DateOfBirth              types.String       `tfsdk:"date_of_birth"`
	RelationshipStatus       types.String       `tfsdk:"relationship_status"`
	Dependants               types.Number       `tfsdk:"dependants"`
	DobOfDependants          []types.String     `tfsdk:"dob_of_dependants"`
	CreditRating             *creditRatingModel `tfsdk:"credit_rating"`
	CreditLimit              *moneyModel        `tfsdk:"credit_limit"`
	HighestEducationAttained types.String       `tfsdk:"highest_education_attained"`
	EmploymentStatus         types.String       `tfsdk:"employment_status"`
	KycStatus                types.Bool         `tfsdk:"kyc_status"`
	LastOkDate               types.String       `tfsdk:"last_ok_date"`
	Title                    types.String       `tfsdk:"title"`
	BranchID                 types.String       `tfsdk:"branch_id"`
	NameSuffix               types.String       `tfsdk:"name_suffix"`
	CustomerType             types.String       `tfsdk:"customer_type"`
	ParentCustomerID         types.String       `tfsdk:"parent_customer_id"`
}

type faceImageModel struct {
	URL  types.String `tfsdk:"url"`
	Date types.String `tfsdk:"date"`
}

type creditRatingModel struct {
	Rating types.String `tfsdk:"rating"`
	Source types.String `tfsdk:"source"`
}

type moneyModel struct {
	Currency types.String `tfsdk:"currency"`
	Amount   types.String `tfsdk:"amount"`
}

// customerFromAPI converts OBP's customer to state. prior (the plan or the
// previous state) decides how equal dates and amounts are written, so the
// server's rendering never causes a diff. OBP's "" and empty objects are null.
func customerFromAPI(c *obp.Customer, prior customerModel) customerModel {
	m := customerModel{
		BankID:                   types.StringValue(c.BankID),
		CustomerID:               types.StringValue(c.CustomerID),
		CustomerNumber:           optString(c.CustomerNumber),
		LegalName:                types.StringValue(c.LegalName),
		MobilePhoneNumber:        types.StringValue(c.MobilePhoneNumber),
		Email:                    optStringAs(c.Email, prior.Email),
		FaceImage:                faceImageFromAPI(c.FaceImage, prior.FaceImage),
		DateOfBirth:              dateValue(c.DateOfBirth, prior.DateOfBirth),
		RelationshipStatus:       optStringAs(c.RelationshipStatus, prior.RelationshipStatus),
		Dependants:               numberOf(c.Dependants),
		DobOfDependants:          datesFromAPI(c.DobOfDependants, prior.DobOfDependants),
		CreditRating:             creditRatingFromAPI(c.CreditRating),
		CreditLimit:              moneyFromAPI(c.CreditLimit, prior.CreditLimit),
		HighestEducationAttained: optStringAs(c.HighestEducationAttained, prior.HighestEducationAttained),
		EmploymentStatus:         optStringAs(c.EmploymentStatus, prior.EmploymentStatus),
		KycStatus:                types.BoolValue(c.KycStatus),
		LastOkDate:               dateValue(c.LastOkDate, prior.LastOkDate),
		Title:                    optStringAs(c.Title, prior.Title),
		BranchID:                 optStringAs(c.BranchID, prior.BranchID),
		NameSuffix:               optStringAs(c.NameSuffix, prior.NameSuffix),
		CustomerType:             v600Value(c.CustomerType, prior.CustomerType),
		ParentCustomerID:         v600Value(c.ParentCustomerID, prior.ParentCustomerID),
	}
	if m.BankID.ValueString() == "" {
		m.BankID = prior.BankID
	}
	return m
}

// v600Value is the state of a key only v6.0.0's customer JSON has
// (customer_type, parent_customer_id): its value ("" is null) when the
// answer has the key, else the prior value (v5.x answers, v6.0.0's customer
// PUTs), null when that is unknown.
func v600Value(s *string, prior types.String) types.String {
	if s != nil {
		return optString(*s)
	}
	if prior.IsUnknown() {
		return types.StringNull()
	}
	return prior
}

// optStringAs is optString, except that OBP's "" stays "" where the
// configuration (prior) wrote "": both mean unset, and neither is a change.
func optStringAs(s string, prior types.String) types.String {
	if s == "" && !prior.IsNull() && !prior.IsUnknown() && prior.ValueString() == "" {
		return prior
	}
	return optString(s)
}

// emptyAs maps no values to null, or to an empty list or set where the
// configuration (prior) wrote one.
func emptyAs(values, prior []types.String) []types.String {
	if len(values) == 0 && prior != nil && len(prior) == 0 {
		return []types.String{}
	}
	return values
}

func faceImageFromAPI(f obp.FaceImage, prior *faceImageModel) *faceImageModel {
	if f.URL == "" && (f.Date == nil || f.Date.IsZero()) {
		return nil
	}
	priorDate := types.StringNull()
	if prior != nil {
		priorDate = prior.Date
	}
	return &faceImageModel{URL: types.StringValue(f.URL), Date: dateValue(f.Date, priorDate)}
}

func datesFromAPI(dates []obp.Time, prior []types.String) []types.String {
	if len(dates) == 0 {
		return emptyAs(nil, prior)
	}
	out := make([]types.String, len(dates))
	for i := range dates {
		p := types.StringNull()
		if i < len(prior) {
			p = prior[i]
		}
		out[i] = dateValue(&dates[i], p)
	}
	return out
}

func creditRatingFromAPI(r obp.CreditRating) *creditRatingModel {
	if r.Rating == "" && r.Source == "" {
		return nil
	}
	return &creditRatingModel{Rating: types.StringValue(r.Rating), Source: types.StringValue(r.Source)}
}

func moneyFromAPI(m obp.Money, prior *moneyModel) *moneyModel {
	if m.Currency == "" && m.Amount == "" {
		return nil
	}
	amount := types.StringValue(m.Amount)
	if prior != nil && sameAmount(prior.Amount.ValueString(), m.Amount) {
		amount = prior.Amount
	}
	return &moneyModel{Currency: types.StringValue(m.Currency), Amount: amount}
}

// sameAmount compares decimal strings by value ("1000" equals "1000.00").
func sameAmount(a, b string) bool {
	ra, okA := new(big.Rat).SetString(a)
	rb, okB := new(big.Rat).SetString(b)
	return okA && okB && ra.Cmp(rb) == 0
}

// createRequest converts a planned customer to OBP's v5.0.0 create body.
func (m customerModel) createRequest() (obp.CreateCustomerRequest, error) {
	req := obp.CreateCustomerRequest{
		LegalName:                m.LegalName.ValueString(),
		MobilePhoneNumber:        m.MobilePhoneNumber.ValueString(),
		CustomerNumber:           m.CustomerNumber.ValueString(),
		Email:                    m.Email.ValueString(),
		RelationshipStatus:       m.RelationshipStatus.ValueString(),
		Dependants:               int64Of(m.Dependants),
		HighestEducationAttained: m.HighestEducationAttained.ValueString(),
		EmploymentStatus:         m.EmploymentStatus.ValueString(),
		KycStatus:                m.KycStatus.ValueBool(),
		Title:                    m.Title.ValueString(),
		BranchID:                 m.BranchID.ValueString(),
		NameSuffix:               m.NameSuffix.ValueString(),
		CreditRating:             m.CreditRating.toAPI(),
		CreditLimit:              m.CreditLimit.toAPI(),
		CustomerType:             knownString(m.CustomerType),
		ParentCustomerID:         knownString(m.ParentCustomerID),
	}
	var err error
	if req.DateOfBirth, err = apiDate(m.DateOfBirth); err != nil {
		return req, err
	}
	if req.LastOkDate, err = apiDate(m.LastOkDate); err != nil {
		return req, err
	}
	if req.DobOfDependants, err = apiDates(m.DobOfDependants); err != nil {
		return req, err
	}
	if m.FaceImage != nil {
		face, err := m.FaceImage.toAPI()
		if err != nil {
			return req, err
		}
		req.FaceImage = &face
	}
	return req, nil
}

// knownString is the value of a configured string; null and unknown are "".
func knownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

func apiDates(values []types.String) ([]obp.Time, error) {
	out := make([]obp.Time, 0, len(values))
	for _, v := range values {
		t, err := apiDate(v)
		if err != nil {
			return nil, err
		}
		if t != nil {
			out = append(out, *t)
		}
	}
	return out, nil
}

func (f *faceImageModel) toAPI() (obp.FaceImage, error) {
	if f == nil {
		return obp.FaceImage{}, nil
	}
	date, err := apiDate(f.Date)
	return obp.FaceImage{URL: f.URL.ValueString(), Date: date}, err
}

func (r *creditRatingModel) toAPI() *obp.CreditRating {
	if r == nil {
		return nil
	}
	return &obp.CreditRating{Rating: r.Rating.ValueString(), Source: r.Source.ValueString()}
}

func (m *moneyModel) toAPI() *obp.Money {
	if m == nil {
		return nil
	}
	return &obp.Money{Currency: m.Currency.ValueString(), Amount: m.Amount.ValueString()}
}
