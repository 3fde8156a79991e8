package thredd

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// errorEnvelope covers the error shapes Thredd may use; the real one is not
// documented. The sandbox answers {"request_id","code","message"}.
type errorEnvelope struct {
	Code         json.RawMessage `json:"code"`
	Message      *string         `json:"message"`
	ErrorCode    json.RawMessage `json:"error_code"`
	ErrorMessage *string         `json:"error_message"`
	Error        json.RawMessage `json:"error"`
	Errors       []errorEnvelope `json:"errors"`
	Title        *string         `json:"title"`
	Detail       json.RawMessage `json:"detail"`
}

// DecodeError turns a non-2xx answer into a *client.APIError whose Code is the
// API's own error code (when it sent one) and Message its message. Bodies that
// are not a recognised JSON envelope (HTML, empty, other JSON) are described
// with the start of the body.
func DecodeError(method, path string, status int, header http.Header, body []byte) error {
	var env errorEnvelope
	if json.Unmarshal(body, &env) == nil {
		if code, msg, ok := env.extract(); ok {
			e := client.NewAPIError(method, path, status, msg)
			e.Code, e.Codes = code, nil
			if code != "" {
				e.Codes = []string{code}
			}
			return e
		}
	}
	err := client.DecodeMessageError(method, path, status, header, body)
	if e, ok := client.AsAPIError(err); ok {
		e.Code, e.Codes = "", nil // no code of the API's own
	}
	return err
}

// extract returns the code and message of the first recognised shape.
func (e *errorEnvelope) extract() (code, msg string, ok bool) {
	switch {
	case e.Message != nil:
		return rawString(e.Code), *e.Message, true
	case e.ErrorMessage != nil:
		return rawString(e.ErrorCode), *e.ErrorMessage, true
	case len(e.Error) > 0 && e.Error[0] == '{':
		var inner errorEnvelope
		if json.Unmarshal(e.Error, &inner) == nil {
			return inner.extract()
		}
	case len(e.Error) > 0:
		return rawString(e.Code), rawString(e.Error), rawString(e.Error) != ""
	case len(e.Errors) > 0:
		return e.Errors[0].extract()
	case len(e.Detail) > 0:
		return e.problem()
	}
	return "", "", false
}

// problem reads FastAPI ({"detail":"…"}) and RFC 9457 ({"title","detail"}) bodies.
func (e *errorEnvelope) problem() (code, msg string, ok bool) {
	detail := rawString(e.Detail)
	if detail == "" {
		return "", "", false
	}
	if e.Title != nil && *e.Title != "" {
		return rawString(e.Code), *e.Title + ": " + detail, true
	}
	return rawString(e.Code), detail, true
}

// rawString renders a JSON string or number as text; anything else as "".
func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
