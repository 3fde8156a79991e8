package provider

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

func mustTime(t *testing.T, s string) *obp.Time {
	t.Helper()
	parsed, err := obp.ParseTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return obp.NewTime(parsed)
}

func TestCustomerFromAPI_emptyValuesAreNull(t *testing.T) {
	// A minimal customer exactly as OBP answers a v5.0.0 create.
	var c obp.Customer
	body := `{"bank_id":"demo.bank.01","customer_id":"c1","customer_number":"1843920571","legal_name":"Ada Example",
	"mobile_phone_number":"+44 7700 900123","email":"","face_image":{"url":"","date":null},"date_of_birth":null,
	"relationship_status":"","dependants":0,"dob_of_dependants":[],"credit_rating":{"rating":"","source":""},
	"credit_limit":{"currency":"","amount":""},"highest_education_attained":"","employment_status":"","kyc_status":false,
	"last_ok_date":null,"title":"","branch_id":"","name_suffix":""}`
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		t.Fatal(err)
	}
	m := customerFromAPI(&c, customerModel{})
	for name, v := range map[string]types.String{
		"email": m.Email, "date_of_birth": m.DateOfBirth, "relationship_status": m.RelationshipStatus,
		"highest_education_attained": m.HighestEducationAttained, "employment_status": m.EmploymentStatus,
		"last_ok_date": m.LastOkDate, "title": m.Title, "branch_id": m.BranchID, "name_suffix": m.NameSuffix,
	} {
		if !v.IsNull() {
			t.Errorf("%s = %s, want null", name, v)
		}
	}
	if m.FaceImage != nil || m.CreditRating != nil || m.CreditLimit != nil || m.DobOfDependants != nil {
		t.Errorf("empty objects and lists must be null: %+v %+v %+v %v", m.FaceImage, m.CreditRating, m.CreditLimit, m.DobOfDependants)
	}
	if m.CustomerNumber.ValueString() != "1843920571" || int64Of(m.Dependants) != 0 || m.KycStatus.ValueBool() {
		t.Errorf("number/dependants/kyc: %s %s %s", m.CustomerNumber, m.Dependants, m.KycStatus)
	}
}

func TestCustomerFromAPI_keepsPriorRenderings(t *testing.T) {
	c := &obp.Customer{
		BankID: "b", CustomerID: "c", LegalName: "n", MobilePhoneNumber: "m",
		DateOfBirth:     mustTime(t, "1990-05-17T00:00:00Z"),
		LastOkDate:      mustTime(t, "2024-02-01T09:30:00Z"),
		DobOfDependants: []obp.Time{*mustTime(t, "2019-03-02T00:00:00Z")},
		FaceImage:       obp.FaceImage{URL: "u", Date: mustTime(t, "2024-01-15T00:00:00Z")},
		CreditLimit:     obp.Money{Currency: "EUR", Amount: "5000.00"},
	}
	prior := customerModel{
		DateOfBirth:     types.StringValue("1990-05-17T02:00:00+02:00"),
		LastOkDate:      types.StringValue("2024-02-01T10:30:00+01:00"),
		DobOfDependants: []types.String{types.StringValue("2019-03-02")},
		FaceImage:       &faceImageModel{Date: types.StringValue("2024-01-15T00:00:00Z")},
		CreditLimit:     &moneyModel{Amount: types.StringValue("5000")},
	}
	m := customerFromAPI(c, prior)
	got := []string{m.DateOfBirth.ValueString(), m.LastOkDate.ValueString(), m.DobOfDependants[0].ValueString(),
		m.FaceImage.Date.ValueString(), m.CreditLimit.Amount.ValueString()}
	want := []string{"1990-05-17T02:00:00+02:00", "2024-02-01T10:30:00+01:00", "2019-03-02", "2024-01-15T00:00:00Z", "5000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	// Without a prior value (import, or a value changed on the server) the canonical form is used.
	m = customerFromAPI(c, customerModel{})
	got = []string{m.DateOfBirth.ValueString(), m.LastOkDate.ValueString(), m.CreditLimit.Amount.ValueString()}
	want = []string{"1990-05-17", "2024-02-01T09:30:00Z", "5000.00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("without prior: got %q, want %q", got, want)
	}
}

func TestCreateRequest(t *testing.T) {
	m := customerModel{
		BankID: types.StringValue("b"), LegalName: types.StringValue("Ada"), MobilePhoneNumber: types.StringValue("+44"),
		CustomerNumber: types.StringUnknown(), Email: types.StringNull(), Dependants: numberOf(1),
		DateOfBirth:     types.StringValue("1990-05-17"),
		DobOfDependants: []types.String{types.StringValue("2019-03-02T12:00:00+02:00")},
		FaceImage:       &faceImageModel{URL: types.StringValue("u"), Date: types.StringValue("2024-01-15")},
		CreditLimit:     &moneyModel{Currency: types.StringValue("EUR"), Amount: types.StringValue("10")},
		KycStatus:       types.BoolValue(true),
	}
	req, err := m.createRequest()
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"legal_name":"Ada","mobile_phone_number":"+44","face_image":{"url":"u","date":"2024-01-15T00:00:00Z"},` +
		`"date_of_birth":"1990-05-17T00:00:00Z","dependants":1,"dob_of_dependants":["2019-03-02T10:00:00Z"],` +
		`"credit_limit":{"currency":"EUR","amount":"10"},"kyc_status":true}`
	if string(data) != want {
		t.Errorf("body\n got %s\nwant %s", data, want)
	}

	// No dependants: OBP wants an empty list, not null.
	data, _ = json.Marshal(must(customerModel{LegalName: types.StringValue("x")}.createRequest()))
	if want := `"dob_of_dependants":[]`; !strings.Contains(string(data), want) {
		t.Errorf("body %s does not contain %s", data, want)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestChangedUpdates(t *testing.T) {
	base := customerModel{
		CustomerNumber: types.StringValue("1"), LegalName: types.StringValue("n"), MobilePhoneNumber: types.StringValue("m"),
		Email: types.StringNull(), Dependants: numberOf(0), DateOfBirth: types.StringValue("1990-01-01"),
		CreditLimit: &moneyModel{Currency: types.StringValue("EUR"), Amount: types.StringValue("1")},
	}
	endpoints := func(plan customerModel) []string {
		var out []string
		for _, u := range changedUpdates(plan, base) {
			out = append(out, u.endpoint)
		}
		return out
	}
	cases := map[string]struct {
		change func(*customerModel)
		want   []string
	}{
		"nothing":   {func(*customerModel) {}, nil},
		"email set": {func(m *customerModel) { m.Email = types.StringValue("a@b.c") }, []string{"email"}},
		"number":    {func(m *customerModel) { m.CustomerNumber = types.StringValue("2") }, []string{"number"}},
		"name and dob": {func(m *customerModel) {
			m.LegalName = types.StringValue("x")
			m.DateOfBirth = types.StringValue("1990-01-02")
		}, []string{"identity"}},
		"limit amount": {func(m *customerModel) {
			m.CreditLimit = &moneyModel{Currency: types.StringValue("EUR"), Amount: types.StringValue("2")}
		}, []string{"credit-limit"}},
		"limit removed": {func(m *customerModel) { m.CreditLimit = nil }, []string{"credit-limit"}},
		"rating added": {func(m *customerModel) {
			m.CreditRating = &creditRatingModel{Rating: types.StringValue("A"), Source: types.StringValue("s")}
		}, []string{"credit-rating-and-source"}},
		"branch and dependants": {func(m *customerModel) { m.BranchID = types.StringValue("b"); m.Dependants = numberOf(1) }, []string{"branch", "data"}},
		"mobile":                {func(m *customerModel) { m.MobilePhoneNumber = types.StringValue("n") }, []string{"mobile-number"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			plan := base
			tc.change(&plan)
			if got := endpoints(plan); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"1990-05-17", "1990-05-17T00:00:00Z", true},
		{"1990-05-17", "1990-05-17T02:00:00+02:00", true},
		{"1990-05-17", "1990-05-18", false},
		{"1990-05-17", "not a date", false},
	} {
		if got := sameDate(tc.a, tc.b); got != tc.same {
			t.Errorf("sameDate(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
	day := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	if got := formatDate(day); got != "2024-01-15" {
		t.Errorf("formatDate(midnight) = %q", got)
	}
	if got := formatDate(day.Add(90 * time.Minute)); got != "2024-01-15T01:30:00Z" {
		t.Errorf("formatDate(01:30) = %q", got)
	}
	if _, err := parseDate("17/05/1990"); err == nil || err.Error() != `"17/05/1990" is not a date in the form YYYY-MM-DD or RFC 3339 (1990-05-17T00:00:00Z)` {
		t.Errorf("parseDate error = %v", err)
	}
}

func TestSplitImportID(t *testing.T) {
	for id, want := range map[string][]string{
		"demo.bank.01/c-1": {"demo.bank.01", "c-1"},
		"demo.bank.01":     nil,
		"demo.bank.01/":    nil,
		"/c-1":             nil,
		"a/b/c":            nil,
	} {
		got, ok := splitImportID(id, "bank_id", "customer_id")
		if ok != (want != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("splitImportID(%q) = %v, %v; want %v", id, got, ok, want)
		}
	}
}

func TestSameAmount(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{{"1000", "1000.00", true}, {"1000", "1000.01", false}, {"", "", false}, {"x", "x", false}} {
		if got := sameAmount(tc.a, tc.b); got != tc.same {
			t.Errorf("sameAmount(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// TestCustomerEmptyValuesAsWritten: OBP's "" and [] stay as the configuration wrote them ("" or [] rather than null).
func TestCustomerEmptyValuesAsWritten(t *testing.T) {
	c := &obp.Customer{BankID: "b", CustomerID: "c", LegalName: "n", MobilePhoneNumber: "m"}
	prior := customerModel{Email: types.StringValue(""), Title: types.StringNull(), DobOfDependants: []types.String{}}
	m := customerFromAPI(c, prior)
	if !m.Email.Equal(types.StringValue("")) || !m.Title.IsNull() {
		t.Errorf("email %s (want \"\"), title %s (want null)", m.Email, m.Title)
	}
	if m.DobOfDependants == nil || len(m.DobOfDependants) != 0 {
		t.Errorf("dob_of_dependants %v, want an empty list", m.DobOfDependants)
	}
	if m = customerFromAPI(c, customerModel{}); m.DobOfDependants != nil || !m.Email.IsNull() {
		t.Errorf("without a prior, no values are null: %v %s", m.DobOfDependants, m.Email)
	}
}
