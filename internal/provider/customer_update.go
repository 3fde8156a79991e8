package provider

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// customerUpdate is one of OBP's PUT sub-resources of a customer and the
// attributes it writes.
type customerUpdate struct {
	endpoint string
	attrs    []string
	changed  func(plan, state customerModel) bool
	call     func(ctx context.Context, c *obp.Client, bankID, customerID string, plan customerModel) (*obp.Customer, error)
}

func (u customerUpdate) path() path.Path { return path.Root(u.attrs[0]) }

// customerUpdates lists the sub-resources in the order they are called.
var customerUpdates = []customerUpdate{
	{
		endpoint: "number", attrs: []string{"customer_number"},
		changed: func(p, s customerModel) bool { return !p.CustomerNumber.Equal(s.CustomerNumber) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			return c.UpdateCustomerNumber(ctx, bank, id, p.CustomerNumber.ValueString())
		},
	},
	{
		endpoint: "email", attrs: []string{"email"},
		changed: func(p, s customerModel) bool { return !p.Email.Equal(s.Email) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			return c.UpdateCustomerEmail(ctx, bank, id, p.Email.ValueString())
		},
	},
	{
		endpoint: "mobile-number", attrs: []string{"mobile_phone_number"},
		changed: func(p, s customerModel) bool { return !p.MobilePhoneNumber.Equal(s.MobilePhoneNumber) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			return c.UpdateCustomerMobileNumber(ctx, bank, id, p.MobilePhoneNumber.ValueString())
		},
	},
	{
		endpoint: "identity", attrs: identityAttrs,
		changed: func(p, s customerModel) bool {
			return !p.LegalName.Equal(s.LegalName) || !p.DateOfBirth.Equal(s.DateOfBirth) ||
				!p.Title.Equal(s.Title) || !p.NameSuffix.Equal(s.NameSuffix)
		},
		call: updateIdentity,
	},
	{
		endpoint: "credit-limit", attrs: []string{"credit_limit"},
		changed: func(p, s customerModel) bool { return !reflect.DeepEqual(p.CreditLimit, s.CreditLimit) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			limit := obp.Money{}
			if p.CreditLimit != nil {
				limit = *p.CreditLimit.toAPI()
			}
			return c.UpdateCustomerCreditLimit(ctx, bank, id, limit)
		},
	},
	{
		endpoint: "credit-rating-and-source", attrs: []string{"credit_rating"},
		changed: func(p, s customerModel) bool { return !reflect.DeepEqual(p.CreditRating, s.CreditRating) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			rating := obp.CreditRating{}
			if p.CreditRating != nil {
				rating = *p.CreditRating.toAPI()
			}
			return c.UpdateCustomerCreditRating(ctx, bank, id, rating)
		},
	},
	{
		endpoint: "branch", attrs: []string{"branch_id"},
		changed: func(p, s customerModel) bool { return !p.BranchID.Equal(s.BranchID) },
		call: func(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
			return c.UpdateCustomerBranch(ctx, bank, id, p.BranchID.ValueString())
		},
	},
	{
		endpoint: "data", attrs: dataAttrs,
		changed: func(p, s customerModel) bool {
			return !reflect.DeepEqual(p.FaceImage, s.FaceImage) || !p.RelationshipStatus.Equal(s.RelationshipStatus) ||
				!p.Dependants.Equal(s.Dependants) || !p.HighestEducationAttained.Equal(s.HighestEducationAttained) ||
				!p.EmploymentStatus.Equal(s.EmploymentStatus)
		},
		call: updateData,
	},
}

// OBP's identity and data updates require date_of_birth and face_image.date:
// without them those attribute groups cannot change in place.
var (
	identityAttrs = []string{"legal_name", "date_of_birth", "title", "name_suffix"}
	dataAttrs     = []string{"face_image", "relationship_status", "dependants", "highest_education_attained", "employment_status"}
)

// changedUpdates returns the sub-resources whose attributes differ between plan and state.
func changedUpdates(plan, state customerModel) []customerUpdate {
	var out []customerUpdate
	for _, u := range customerUpdates {
		if u.changed(plan, state) {
			out = append(out, u)
		}
	}
	return out
}

func updateIdentity(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
	dob, err := apiDate(p.DateOfBirth)
	if err != nil {
		return nil, err
	}
	body := obp.CustomerIdentity{
		LegalName:  p.LegalName.ValueString(),
		Title:      p.Title.ValueString(),
		NameSuffix: p.NameSuffix.ValueString(),
	}
	if dob != nil {
		body.DateOfBirth = *dob
	}
	return c.UpdateCustomerIdentity(ctx, bank, id, body)
}

func updateData(ctx context.Context, c *obp.Client, bank, id string, p customerModel) (*obp.Customer, error) {
	face, err := p.FaceImage.toAPI()
	if err != nil {
		return nil, err
	}
	return c.UpdateCustomerData(ctx, bank, id, obp.CustomerData{
		FaceImage:                face,
		RelationshipStatus:       p.RelationshipStatus.ValueString(),
		Dependants:               int64Of(p.Dependants),
		HighestEducationAttained: p.HighestEducationAttained.ValueString(),
		EmploymentStatus:         p.EmploymentStatus.ValueString(),
	})
}
