package provider

import (
	"context"
	"math"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

func (r *customerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A customer of a bank on an OBP API server. Most attributes are updated in place through " +
			"OBP's PUT sub-resources (`email`, `mobile-number`, `number`, `identity`, `credit-limit`, " +
			"`credit-rating-and-source`, `branch`, `data`); only the ones whose attributes changed are called. " +
			"`bank_id`, `kyc_status`, `last_ok_date`, `dob_of_dependants`, `customer_type` and `parent_customer_id` cannot be changed by OBP and force a new customer. " +
			"With `api_version = \"v6.0.0\"` OBP stores `date_of_birth` and `dob_of_dependants` as days (`YYYY-MM-DD`). " +
			"Deleting uses OBP's cascade delete, which also removes the customer's addresses, attributes, tax residences and user links. " +
			"Roles: `CanCreateCustomer`, `CanDeleteCustomerCascade` and, to read the customer, `CanGetCustomersAtOneBank` " +
			"(OBP-API 2026) or `CanGetCustomer` (earlier servers).",
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, true)},
		Attributes: map[string]schema.Attribute{
			"id": customerImportID.idAttribute(),
			"bank_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the bank the customer belongs to. Changing it creates a new customer.",
				Validators:          []validator.String{bankIDValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"customer_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id OBP gave the customer.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"customer_number": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Customer number, unique at the bank (at most 50 characters, no `::::`). OBP picks a random number when it is not set.",
				Validators:          []validator.String{lengthBetween(50), notContaining("::::")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"legal_name":          requiredString("Legal name (at most 255 characters).", 255),
			"mobile_phone_number": requiredString("Mobile phone number (at most 50 characters).", 50),
			"email":               optionalString("Email address (at most 200 characters).", 200),
			"face_image": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Picture of the customer. OBP's `data` update needs it: without a face image, changing " +
					"`relationship_status`, `dependants`, `highest_education_attained` or `employment_status` creates a new customer.",
				Attributes: map[string]schema.Attribute{
					"url":  requiredString("URL of the image (at most 2000 characters).", 2000),
					"date": dateAttribute("Date of the image, `YYYY-MM-DD` or RFC 3339.", true),
				},
			},
			"date_of_birth": dateAttribute("Date of birth, `YYYY-MM-DD` or RFC 3339. OBP's `identity` update needs it: "+
				"without it, changing `legal_name`, `title` or `name_suffix` creates a new customer.", false),
			"relationship_status": optionalString("Relationship status (at most 16 characters).", 16),
			"dependants": schema.NumberAttribute{
				Optional:            true,
				Computed:            true,
				Default:             numberdefault.StaticBigFloat(new(big.Float)),
				MarkdownDescription: "Number of dependants, a whole number. On create it must equal the number of `dob_of_dependants`. Defaults to `0`.",
				Validators:          []validator.Number{wholeNumber{min: 0, max: math.MaxInt32}},
			},
			"dob_of_dependants": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Dates of birth of the dependants (`YYYY-MM-DD` or RFC 3339). OBP cannot change them: changing them creates a new customer.",
				Validators:          []validator.List{listvalidator.ValueStringsAre(dateValidator{})},
				PlanModifiers:       []planmodifier.List{sameDatesPlan{}, listplanmodifier.RequiresReplace()},
			},
			"credit_rating": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Credit rating and its source.",
				Attributes: map[string]schema.Attribute{
					"rating": requiredString("Rating, e.g. `A` (at most 100 characters).", 100),
					"source": requiredString("Who gave the rating (at most 100 characters).", 100),
				},
			},
			"credit_limit": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Credit limit.",
				Attributes: map[string]schema.Attribute{
					"currency": requiredString("Currency code, e.g. `EUR` (at most 100 characters).", 100),
					"amount": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Amount as a decimal string, e.g. `5000` or `5000.50`.",
						Validators:          []validator.String{lengthBetween(100), decimalValidator()},
					},
				},
			},
			"highest_education_attained": optionalString("Highest education attained (at most 32 characters).", 32),
			"employment_status":          optionalString("Employment status (at most 32 characters).", 32),
			"kyc_status": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Whether KYC checks passed. OBP cannot change it: changing it creates a new customer. Defaults to `false`.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"last_ok_date": withReplace(dateAttribute("Date of the last successful KYC check, `YYYY-MM-DD` or RFC 3339. "+
				"OBP cannot change it: changing it creates a new customer.", false)),
			"title":       optionalString("Title, e.g. `Dr` (at most 255 characters).", 255),
			"branch_id":   optionalString("Id of the customer's branch (letters, digits, `.`, `_`, `-`; at most 36 characters).", 36, emptyOr(idValidator())),
			"name_suffix": optionalString("Name suffix, e.g. `Jr` (at most 255 characters).", 255),
			"customer_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Kind of customer: `INDIVIDUAL`, `CORPORATE` or `SUBSIDIARY`. Needs `api_version = \"v6.0.0\"`; " +
					"OBP v6.0.0 makes a customer without one `INDIVIDUAL`, and older versions have no customer type (null). " +
					"OBP cannot change it: changing it creates a new customer.",
				Validators:    []validator.String{stringvalidator.OneOf(obp.CustomerTypeIndividual, obp.CustomerTypeCorporate, obp.CustomerTypeSubsidiary)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"parent_customer_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Id of the parent customer at the same bank, e.g. the `CORPORATE` customer a `SUBSIDIARY` belongs to. " +
					"Needs `api_version = \"v6.0.0\"`; null when the customer has no parent. OBP cannot change it: changing it creates a new customer.",
				Validators:    []validator.String{idValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
		},
	}
}

func dateAttribute(desc string, required bool) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            required,
		Optional:            !required,
		MarkdownDescription: desc,
		Validators:          []validator.String{dateValidator{}},
		PlanModifiers:       []planmodifier.String{sameDatePlan{}},
	}
}

func withReplace(a schema.StringAttribute) schema.StringAttribute {
	a.PlanModifiers = append(a.PlanModifiers, stringplanmodifier.RequiresReplace())
	return a
}
