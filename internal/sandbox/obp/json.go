package obp

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// jsonObject is a request body decoded leniently, field by field, the way
// lift-json extraction behaves in OBP-API.
type jsonObject map[string]json.RawMessage

// decodeObject returns the body as an object, or false when it is not one.
func decodeObject(raw []byte) (jsonObject, bool) {
	var obj jsonObject
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// str accepts any JSON scalar and stringifies it (123 -> "123").
func (o jsonObject) str(name string) (string, bool) {
	switch t := o.scalar(name).(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

// scalar decodes a field keeping numbers as json.Number; nil when absent.
func (o jsonObject) scalar(name string) any {
	raw, ok := o[name]
	if !ok {
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// integer accepts a JSON integer that fits a 32-bit Int.
func (o jsonObject) integer(name string) (int, bool) {
	n, ok := o.scalar(name).(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil || i > math.MaxInt32 || i < math.MinInt32 {
		return 0, false
	}
	return int(i), true
}

func (o jsonObject) boolean(name string) (bool, bool) {
	var b *bool
	if raw, ok := o[name]; !ok || json.Unmarshal(raw, &b) != nil || b == nil {
		return false, false
	}
	return *b, true
}

// timestamp accepts only yyyy-MM-ddTHH:mm:ssZ.
func (o jsonObject) timestamp(name string) (*time.Time, bool) {
	var s *string
	if raw, ok := o[name]; !ok || json.Unmarshal(raw, &s) != nil || s == nil {
		return nil, false
	}
	t, ok := parseTimestamp(*s)
	if !ok {
		return nil, false
	}
	return &t, true
}

// timestamps accepts a list of timestamps; one bad element rejects the list.
func (o jsonObject) timestamps(name string) ([]time.Time, bool) {
	var list []*string
	if raw, ok := o[name]; !ok || json.Unmarshal(raw, &list) != nil || list == nil {
		return nil, false
	}
	out := make([]time.Time, 0, len(list))
	for _, s := range list {
		if s == nil {
			return nil, false
		}
		t, ok := parseTimestamp(*s)
		if !ok {
			return nil, false
		}
		out = append(out, t)
	}
	return out, true
}

// strList accepts a list of JSON scalars, each stringified like str.
func (o jsonObject) strList(name string) ([]string, bool) {
	var items []json.RawMessage
	if raw, ok := o[name]; !ok || json.Unmarshal(raw, &items) != nil || items == nil {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		s, ok := jsonObject{"item": item}.str("item")
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func (o jsonObject) object(name string) (jsonObject, bool) {
	raw, ok := o[name]
	if !ok {
		return nil, false
	}
	return decodeObject(raw)
}

// faceImage needs both url and date, otherwise the object does not extract.
func (o jsonObject) faceImage(name string) (FaceImage, bool) {
	obj, ok := o.object(name)
	if !ok {
		return FaceImage{}, false
	}
	url, okURL := obj.str("url")
	date, okDate := obj.timestamp("date")
	if !okURL || !okDate {
		return FaceImage{}, false
	}
	return FaceImage{URL: url, Date: date}, true
}

func (o jsonObject) creditRating(name string) (CreditRating, bool) {
	obj, ok := o.object(name)
	if !ok {
		return CreditRating{}, false
	}
	rating, okR := obj.str("rating")
	source, okS := obj.str("source")
	if !okR || !okS {
		return CreditRating{}, false
	}
	return CreditRating{Rating: rating, Source: source}, true
}

func (o jsonObject) money(name string) (Money, bool) {
	obj, ok := o.object(name)
	if !ok {
		return Money{}, false
	}
	currency, okC := obj.str("currency")
	amount, okA := obj.str("amount")
	if !okC || !okA {
		return Money{}, false
	}
	return Money{Currency: currency, Amount: amount}, true
}

// routings accepts a list of {scheme, address} objects; one bad element
// rejects the list.
func (o jsonObject) routings(name string) ([]Routing, bool) {
	var items []json.RawMessage
	if raw, ok := o[name]; !ok || json.Unmarshal(raw, &items) != nil || items == nil {
		return nil, false
	}
	out := make([]Routing, 0, len(items))
	for _, item := range items {
		obj, ok := decodeObject(item)
		scheme, okS := obj.str("scheme")
		address, okA := obj.str("address")
		if !ok || !okS || !okA {
			return nil, false
		}
		out = append(out, Routing{Scheme: scheme, Address: address})
	}
	return out, true
}

func parseTimestamp(s string) (time.Time, bool) {
	t, err := time.Parse(timestampLayout, s)
	return t.UTC(), err == nil
}

// fieldReader extracts required fields and remembers the first failure, so a
// handler can read all fields and check once.
type fieldReader struct {
	obj     jsonObject
	schema  string
	missing string
}

func newFieldReader(raw []byte, schema string) *fieldReader {
	obj, ok := decodeObject(raw)
	r := &fieldReader{obj: obj, schema: schema}
	if !ok {
		r.missing = "(body is not a JSON object)"
	}
	return r
}

func (r *fieldReader) check(field string, ok bool) {
	if !ok && r.missing == "" {
		r.missing = field
	}
}

func (r *fieldReader) str(name string) string {
	v, ok := r.obj.str(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) strList(name string) []string {
	v, ok := r.obj.strList(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) boolean(name string) bool {
	v, ok := r.obj.boolean(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) integer(name string) int {
	v, ok := r.obj.integer(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) timestamp(name string) *time.Time {
	v, ok := r.obj.timestamp(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) faceImage(name string) FaceImage {
	v, ok := r.obj.faceImage(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) money(name string) Money {
	v, ok := r.obj.money(name)
	r.check(name, ok)
	return v
}

func (r *fieldReader) err() error {
	if r.missing == "" {
		return nil
	}
	return errBodyField(r.schema, r.missing)
}

// checkSyntax reports malformed JSON (checked before authentication).
func checkSyntax(raw []byte) error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return errInvalidJSON(err.Error())
	}
	return nil
}

// idFieldNames are the body fields whose string values must look like ids.
var idFieldNames = []string{
	"id", "user_id", "bank_id", "account_id", "customer_id", "branch_id", "atm_id",
	"transaction_id", "transaction_request_id", "card_id", "view_id",
}

var idShape = regexp.MustCompile(`^[A-Za-z0-9._-]{1,36}$`)

// checkIDShapes is the POST-body validation of auto-validated handlers.
func checkIDShapes(raw []byte) error {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil //nolint:nilerr // malformed bodies are reported by the JSON check
	}
	var bad []string
	collectBadIDs(v, &bad)
	if len(bad) == 0 {
		return nil
	}
	return errInvalidJSON("Here are all invalid values: " + strings.Join(bad, ", "))
}

func collectBadIDs(v any, bad *[]string) {
	switch t := v.(type) {
	case []any:
		for _, item := range t {
			collectBadIDs(item, bad)
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := t[k].(string); ok && contains(idFieldNames, k) && s != "" && !idShape.MatchString(s) {
				*bad = append(*bad, s)
			}
			collectBadIDs(t[k], bad)
		}
	}
}
