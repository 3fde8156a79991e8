package truelayer

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Data API v3 error codes: the fragment of the Problem JSON "type" URI
// (https://docs.truelayer.com/docs/error-types#<code>), used as APIError.Code.
const (
	CodeUnauthenticated     = "unauthenticated"
	CodeInvalidParameters   = "invalid-parameters"
	CodeForbidden           = "forbidden"
	CodeInvalidState        = "invalid-state"
	CodeNotFound            = "not-found"
	CodeRateLimitExceeded   = "rate-limit-exceeded"
	CodeFeatureNotSupported = "feature-not-supported"
	CodeProviderError       = "provider-error"
	CodeUnknownError        = "unknown-error"
)

// OAuth2 token endpoint error codes (RFC 6749 §5.2), used as APIError.Code.
const (
	CodeInvalidRequest       = "invalid_request"
	CodeInvalidClient        = "invalid_client"
	CodeUnsupportedGrantType = "unsupported_grant_type"
	CodeInvalidScope         = "invalid_scope"
)

// Problem is the RFC 7807 Problem JSON body of a Data API v3 error.
type Problem struct {
	Type     string                     `json:"type"`
	Title    string                     `json:"title"`
	Status   int                        `json:"status"`
	TraceID  string                     `json:"trace_id"`
	Detail   string                     `json:"detail"`
	Instance string                     `json:"instance"`
	Errors   map[string]json.RawMessage `json:"errors"`
}

// DecodeError turns a Data API error answer into a *client.APIError whose
// Code is the problem type's short code (see the Code constants) and whose
// Message is the problem's detail (or title), followed by any per-field
// validation errors. Bodies that are not Problem JSON (an HTML page from a
// proxy, an empty body) become an APIError that says so.
func DecodeError(method, path string, status int, header http.Header, body []byte) error {
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil || (p.Type == "" && p.Title == "" && p.Detail == "") {
		return client.DecodeMessageError(method, path, status, header, body)
	}
	return newAPIError(method, path, status, p.Code(), p.Message())
}

// Code is the short error code: the type URI's fragment, else its last path
// segment, else the title in lower-case-with-dashes.
func (p Problem) Code() string {
	if u, err := url.Parse(p.Type); err == nil && p.Type != "" {
		if u.Fragment != "" {
			return u.Fragment
		}
		if base := path.Base(u.Path); base != "." && base != "/" {
			return base
		}
	}
	return strings.ToLower(strings.Join(strings.Fields(p.Title), "-"))
}

// Message is the detail (or title) with the field errors appended, e.g.
// `Invalid request parameters. (Connection-Id: The header is required.)`.
func (p Problem) Message() string {
	msg := p.Detail
	if msg == "" {
		msg = p.Title
	}
	if fields := p.fieldErrors(); fields != "" {
		msg += " (" + fields + ")"
	}
	return msg
}

// fieldErrors renders the "errors" object sorted by field name.
func (p Problem) fieldErrors() string {
	names := make([]string, 0, len(p.Errors))
	for name := range p.Errors {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, name := range names {
		parts = append(parts, name+": "+rawText(p.Errors[name]))
	}
	return strings.Join(parts, ", ")
}

// rawText renders a list of strings, a string, or any other JSON value as is.
func rawText(raw json.RawMessage) string {
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		return strings.Join(list, "; ")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return string(raw)
}

// oauthError is the token endpoint's error body (RFC 6749 §5.2).
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// decodeTokenError reads an OAuth2 error, falling back to Problem JSON and
// then to a description of the body.
func decodeTokenError(status int, header http.Header, body []byte) error {
	var e oauthError
	if err := json.Unmarshal(body, &e); err == nil && e.Error != "" {
		msg := e.Description
		if msg == "" {
			msg = e.Error
		}
		return newAPIError(http.MethodPost, TokenPath, status, e.Error, msg)
	}
	return DecodeError(http.MethodPost, TokenPath, status, header, body)
}

func newAPIError(method, path string, status int, code, message string) *client.APIError {
	e := &client.APIError{Method: method, Path: path, StatusCode: status, Code: code, Message: strings.TrimSpace(message)}
	if code != "" {
		e.Codes = []string{code}
	}
	return e
}
