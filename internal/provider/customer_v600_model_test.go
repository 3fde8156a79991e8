package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// CustomerJsonV600 (days, "" for no date of birth, type and parent) converts
// without a diff against a configuration written with timestamps.
func TestCustomerFromAPI_v600(t *testing.T) {
	var c obp.Customer
	raw := `{"bank_id":"b","customer_id":"c","customer_number":"1","legal_name":"L","mobile_phone_number":"m",
		"date_of_birth":"1990-05-17","dob_of_dependants":["2015-01-02"],"customer_type":"SUBSIDIARY","parent_customer_id":"p",
		"face_image":{"url":"","date":null},"last_ok_date":null}`
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	prior := customerModel{
		DateOfBirth:      types.StringValue("1990-05-17T00:00:00Z"),
		DobOfDependants:  []types.String{types.StringValue("2015-01-02T00:00:00Z")},
		CustomerType:     types.StringUnknown(),
		ParentCustomerID: types.StringUnknown(),
	}
	m := customerFromAPI(&c, prior)
	if m.DateOfBirth.ValueString() != "1990-05-17T00:00:00Z" || m.DobOfDependants[0].ValueString() != "2015-01-02T00:00:00Z" {
		t.Errorf("dates %v %v: the configured rendering of the same day should stay", m.DateOfBirth, m.DobOfDependants)
	}
	if m.CustomerType.ValueString() != "SUBSIDIARY" || m.ParentCustomerID.ValueString() != "p" {
		t.Errorf("type %v parent %v", m.CustomerType, m.ParentCustomerID)
	}

	var empty obp.Customer
	if err := json.Unmarshal([]byte(`{"customer_id":"c","date_of_birth":"","customer_type":"INDIVIDUAL","parent_customer_id":""}`), &empty); err != nil {
		t.Fatal(err)
	}
	m = customerFromAPI(&empty, customerModel{CustomerType: types.StringUnknown(), ParentCustomerID: types.StringUnknown()})
	if !m.DateOfBirth.IsNull() || !m.ParentCustomerID.IsNull() || m.CustomerType.ValueString() != "INDIVIDUAL" {
		t.Errorf(`"" should be null: dob %v parent %v type %v`, m.DateOfBirth, m.ParentCustomerID, m.CustomerType)
	}
}

// Answers without the v6.0.0 keys (v5.x, v6.0.0's PUTs) keep what state had.
func TestV600Value(t *testing.T) {
	corp := "CORPORATE"
	for _, tc := range []struct {
		got   *string
		prior types.String
		want  types.String
	}{
		{nil, types.StringValue("CORPORATE"), types.StringValue("CORPORATE")},
		{nil, types.StringUnknown(), types.StringNull()},
		{nil, types.StringNull(), types.StringNull()},
		{&corp, types.StringNull(), types.StringValue("CORPORATE")},
	} {
		if got := v600Value(tc.got, tc.prior); !got.Equal(tc.want) {
			t.Errorf("v600Value(%v, %v) = %v, want %v", tc.got, tc.prior, got, tc.want)
		}
	}
}

func TestCreateRequest_v600Fields(t *testing.T) {
	m := customerModel{LegalName: types.StringValue("L"), MobilePhoneNumber: types.StringValue("m"),
		CustomerType: types.StringUnknown(), ParentCustomerID: types.StringValue("p")}
	req, err := m.createRequest()
	if err != nil {
		t.Fatal(err)
	}
	if req.CustomerType != "" || req.ParentCustomerID != "p" {
		t.Errorf("unknown customer_type must not be sent: %+v", req)
	}
}
