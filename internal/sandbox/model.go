package sandbox

import (
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

// withinStorageLimits mirrors the DB column sizes of contract §4.0.
func (c Customer) withinStorageLimits() bool {
	limits := []struct {
		value string
		max   int
	}{
		{c.CustomerNumber, 50}, {c.MobilePhoneNumber, 50}, {c.LegalName, 255}, {c.Email, 200},
		{c.FaceImage.URL, 2000}, {c.RelationshipStatus, 16}, {c.HighestEducationAttained, 32},
		{c.EmploymentStatus, 32}, {c.CreditRating.Rating, 100}, {c.CreditRating.Source, 100},
		{c.CreditLimit.Currency, 100}, {c.CreditLimit.Amount, 100}, {c.Title, 255},
		{c.BranchID, 255}, {c.NameSuffix, 255},
	}
	for _, l := range limits {
		if utf8.RuneCountInString(l.value) > l.max {
			return false
		}
	}
	return true
}
