package ivy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Financial address types as Client reports them (camelCase, whatever
// spelling the server used: "sort_code" becomes AddressSortCode).
const (
	AddressIBAN     = "iban"
	AddressSortCode = "sortCode"
	AddressBankCode = "bankCode"
	AddressBBAN     = "bban"
	AddressWallet   = "wallet"
)

// FinancialAddress is an account's address: Type names the variant and the
// field of the same name holds it. Both camelCase ("sortCode") and
// snake_case ("sort_code") spellings of types and keys are accepted. An
// unknown Type is kept as received, with no variant set. Marshalling gives
// the camelCase form.
type FinancialAddress struct {
	Type     string           `json:"type"`
	IBAN     *IBANAddress     `json:"iban,omitempty"`
	SortCode *SortCodeAddress `json:"sortCode,omitempty"`
	BankCode *BankCodeAddress `json:"bankCode,omitempty"`
	BBAN     *BBANAddress     `json:"bban,omitempty"`
	Wallet   *WalletAddress   `json:"wallet,omitempty"`
}

// IBANAddress is an IBAN with optional BIC and holder name.
type IBANAddress struct {
	IBAN              string `json:"iban"`
	BIC               string `json:"bic,omitempty"`
	AccountHolderName string `json:"accountHolderName,omitempty"`
}

// SortCodeAddress is a UK sort code and account number.
type SortCodeAddress struct {
	SortCode          string `json:"sortCode"`
	AccountNumber     string `json:"accountNumber"`
	AccountHolderName string `json:"accountHolderName,omitempty"`
}

// BankCodeAddress is a national bank code and account number.
type BankCodeAddress struct {
	Code              string `json:"code"`
	AccountNumber     string `json:"accountNumber"`
	AccountHolderName string `json:"accountHolderName,omitempty"`
}

// BBANAddress is a basic bank account number.
type BBANAddress struct {
	BBAN              string `json:"bban"`
	BIC               string `json:"bic,omitempty"`
	AccountHolderName string `json:"accountHolderName,omitempty"`
}

// WalletAddress is a crypto wallet (seen in Ivy's older SDK).
type WalletAddress struct {
	Address    string `json:"address"`
	Blockchain string `json:"blockchain"`
}

// normKey folds spellings: "sort_code", "sortCode" and "SortCode" give "sortcode".
func normKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(k, "_", ""), "-", ""))
}

// addressTypes maps folded type names to the reported spelling.
var addressTypes = map[string]string{
	"iban": AddressIBAN, "sortcode": AddressSortCode, "bankcode": AddressBankCode,
	"bban": AddressBBAN, "wallet": AddressWallet,
}

// UnmarshalJSON accepts every known spelling of the address.
func (f *FinancialAddress) UnmarshalJSON(data []byte) error {
	fields, err := foldedObject(data, "financialAddress")
	if err != nil {
		return err
	}
	*f = FinancialAddress{}
	if raw, ok := fields["type"]; ok {
		if err := json.Unmarshal(raw, &f.Type); err != nil {
			return fmt.Errorf("financialAddress.type: want a string, got %s", snippet(raw))
		}
	}
	if t, ok := addressTypes[normKey(f.Type)]; ok {
		f.Type = t
	}
	return f.decodeVariants(fields)
}

// decodeVariants fills every variant present, and Type when it was missing.
func (f *FinancialAddress) decodeVariants(fields map[string]json.RawMessage) error {
	for key, typ := range addressTypes {
		raw, ok := fields[key]
		if !ok || string(raw) == "null" {
			continue
		}
		v, err := decodeVariant(typ, raw)
		if err != nil {
			return err
		}
		f.set(typ, v)
		if f.Type == "" {
			f.Type = typ
		}
	}
	return nil
}

func (f *FinancialAddress) set(typ string, v map[string]string) {
	switch typ {
	case AddressIBAN:
		f.IBAN = &IBANAddress{IBAN: v["iban"], BIC: v["bic"], AccountHolderName: v["accountholdername"]}
	case AddressSortCode:
		f.SortCode = &SortCodeAddress{SortCode: v["sortcode"], AccountNumber: v["accountnumber"], AccountHolderName: v["accountholdername"]}
	case AddressBankCode:
		f.BankCode = &BankCodeAddress{Code: v["code"], AccountNumber: v["accountnumber"], AccountHolderName: v["accountholdername"]}
	case AddressBBAN:
		f.BBAN = &BBANAddress{BBAN: v["bban"], BIC: v["bic"], AccountHolderName: v["accountholdername"]}
	case AddressWallet:
		f.Wallet = &WalletAddress{Address: v["address"], Blockchain: v["blockchain"]}
	}
}

// decodeVariant reads a variant object into folded key → string value.
// Non-string values are an error; unknown keys are kept and ignored.
func decodeVariant(typ string, raw json.RawMessage) (map[string]string, error) {
	fields, err := foldedObject(raw, "financialAddress."+typ)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		if string(v) == "null" {
			continue
		}
		s, err := stringField(v, "financialAddress."+typ+"."+k)
		if err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

// foldedObject decodes a JSON object keyed by folded key names.
func foldedObject(data []byte, what string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: want a JSON object: %w", what, err)
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[normKey(k)] = v
	}
	return out, nil
}

// stringField reads a string; a number is taken as its literal text.
func stringField(raw json.RawMessage, what string) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("%s: want a string, got %s", what, snippet(raw))
}

func snippet(raw []byte) string {
	if len(raw) > 60 {
		return string(raw[:60]) + "…"
	}
	return string(raw)
}
