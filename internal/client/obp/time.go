package obp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// TimestampLayout is how OBP writes and reads Date fields: UTC, seconds, literal Z.
const TimestampLayout = "2006-01-02T15:04:05Z"

// DayLayout is the day-only form some OBP list responses use.
const DayLayout = "2006-01-02"

// Time is an OBP date. It encodes as TimestampLayout and decodes from that,
// from RFC 3339 and from the day-only form.
type Time struct{ time.Time }

// NewTime wraps t.
func NewTime(t time.Time) *Time { return &Time{Time: t.UTC()} }

// MarshalJSON writes the OBP timestamp.
func (t Time) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.UTC().Format(TimestampLayout))
}

// UnmarshalJSON accepts a timestamp, a day or "" (which stays the zero time).
func (t *Time) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// ParseTime parses an OBP timestamp, an RFC 3339 time or a day; "" gives the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, DayLayout} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor RFC 3339", s)
}
