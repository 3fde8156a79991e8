package truelayer

import (
	"encoding/json"
	"fmt"
)

// known maps the JSON names of AccountIdentifier's typed fields.
func (a *AccountIdentifier) known() map[string]*string {
	return map[string]*string{
		"type": &a.Type, "sort_code": &a.SortCode, "account_number": &a.AccountNumber, "iban": &a.IBAN,
	}
}

// UnmarshalJSON decodes the typed fields and keeps every other field in Other.
func (a *AccountIdentifier) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	*a = AccountIdentifier{}
	known := a.known()
	for name, raw := range fields {
		dst, ok := known[name]
		if !ok {
			if a.Other == nil {
				a.Other = map[string]json.RawMessage{}
			}
			a.Other[name] = raw
			continue
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return fmt.Errorf("account identifier field %q: %w", name, err)
		}
	}
	return nil
}

// MarshalJSON writes the non-empty typed fields and Other, as received.
func (a AccountIdentifier) MarshalJSON() ([]byte, error) {
	out := make(map[string]json.RawMessage, len(a.Other)+4)
	for name, raw := range a.Other {
		out[name] = raw
	}
	for name, v := range a.known() {
		if *v == "" && name != "type" {
			continue
		}
		enc, err := json.Marshal(*v)
		if err != nil {
			return nil, err
		}
		out[name] = enc
	}
	return json.Marshal(out)
}
