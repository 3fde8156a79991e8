package ivy

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Ivy error codes (the `code` field of the error body).
const (
	CodeGeneric             = "GENERIC"
	CodeValidation          = "VALIDATION"
	CodeAuthentication      = "AUTHENTICATION"
	CodeUnauthenticated     = "UNAUTHENTICATED"
	CodeRequestFailed       = "REQUEST_FAILED"
	CodeAuthorization       = "AUTHORIZATION"
	CodeNotFound            = "NOT_FOUND"
	CodeNotAcceptable       = "NOT_ACCEPTABLE"
	CodeConflict            = "CONFLICT"
	CodeLocked              = "LOCKED"
	CodeTooManyRequests     = "TOO_MANY_REQUESTS"
	CodeInternalServerError = "INTERNAL_SERVER_ERROR"
	CodeServiceUnavailable  = "SERVICE_UNAVAILABLE"
)

// ErrorBody is Ivy's error envelope. Every field is optional on the wire;
// DevMessage, StatusCode and Data are deprecated.
type ErrorBody struct {
	Message    string          `json:"message"`
	Category   string          `json:"category,omitempty"`
	Code       string          `json:"code,omitempty"`
	Param      string          `json:"param,omitempty"`
	DocURL     string          `json:"docUrl,omitempty"`
	DevMessage string          `json:"devMessage,omitempty"`
	StatusCode *int            `json:"statusCode,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
}

// DecodeError turns an Ivy error answer into a *client.APIError whose Code
// is Ivy's `code` and Message its `message`. Bodies that are not the
// envelope (HTML from a proxy, empty bodies) are described by the core.
func DecodeError(method, path string, status int, header http.Header, body []byte) error {
	var env ErrorBody
	if err := json.Unmarshal(body, &env); err != nil || (env.Message == "" && env.Code == "") {
		return client.DecodeMessageError(method, path, status, header, body)
	}
	e := &client.APIError{
		Method: method, Path: path, StatusCode: status,
		Code: strings.TrimSpace(env.Code), Message: strings.TrimSpace(env.Message),
	}
	if e.Code != "" {
		e.Codes = []string{e.Code}
	}
	return e
}
