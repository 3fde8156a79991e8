package obp

import (
	"fmt"
	"strings"
)

// CheckDirectLoginValue reports why s cannot be sent safely as a username,
// password or consumer key in a DirectLogin header. OBP splits the header's
// parameters on commas, strips surrounding quotes and drops empty values, so
// a value holding a comma, a quote, a backslash or a control character, or
// surrounded by spaces, would reach the server altered or inject a parameter.
func CheckDirectLoginValue(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("must not be empty")
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("must not start or end with spaces: OBP would drop them")
	}
	for _, r := range s {
		switch {
		case r == ',':
			return fmt.Errorf("must not contain a comma: OBP's DirectLogin header separates its parameters with commas")
		case r == '"' || r == '\\':
			return fmt.Errorf("must not contain %q: OBP's DirectLogin header cannot carry it", r)
		case r < 0x20 || r == 0x7f:
			return fmt.Errorf("must not contain control characters")
		}
	}
	return nil
}
