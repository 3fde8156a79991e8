package ivy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Error categories of Ivy's envelope.
const (
	CategoryAPI            = "api_error"
	CategoryInvalidRequest = "invalid_request_error"
	CategoryRateLimiting   = "rate_limiting"
)

// Error codes and messages the fake answers with.
const (
	CodeValidation      = "VALIDATION"
	CodeAuthentication  = "AUTHENTICATION"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeAuthorization   = "AUTHORIZATION"
	CodeNotFound        = "NOT_FOUND"
	CodeNotAcceptable   = "NOT_ACCEPTABLE"
	CodeInternal        = "INTERNAL_SERVER_ERROR"

	MsgMissingAPIKey    = "Missing API key. Send it in the X-Ivy-Api-Key header."
	MsgInvalidAPIKey    = "Invalid API key."
	MsgForbidden        = "This API key is not permitted to use the Data API."
	MsgContentType      = "Content-Type must be application/json."
	MsgNotAcceptable    = "This endpoint only produces application/json."
	MsgInvalidJSON      = "Request body is not valid JSON."
	MsgBodyNotObject    = "Request body must be a JSON object."
	MsgBodyTooLarge     = "Request body is too large."
	MsgLimit            = "limit must be an integer between 1 and 100"
	MsgSkip             = "skip must be a non-negative integer"
	MsgID               = "id must be a non-empty string"
	MsgAccountNotFound  = "Account not found"
	MsgUnknownFieldTmpl = "property %s should not exist"
	MsgNoRouteTmpl      = "Cannot %s %s"
)

// apiError is one error answer.
type apiError struct {
	status   int
	category string
	code     string
	message  string
	param    string
}

// errorBody is Ivy's error envelope; the last two fields are deprecated.
type errorBody struct {
	Message    string `json:"message"`
	Category   string `json:"category"`
	Code       string `json:"code"`
	Param      string `json:"param,omitempty"`
	DocURL     string `json:"docUrl"`
	DevMessage string `json:"devMessage,omitempty"`
	StatusCode int    `json:"statusCode,omitempty"`
}

func (s *Server) fail(e *apiError) (int, any) {
	body := errorBody{Message: e.message, Category: e.category, Code: e.code, Param: e.param, DocURL: DocURL}
	if s.opts.LegacyErrorFields {
		body.DevMessage, body.StatusCode = e.message, e.status
	}
	return e.status, body
}

func invalid(param, message string) *apiError {
	return &apiError{http.StatusBadRequest, CategoryInvalidRequest, CodeValidation, message, param}
}

func errNoRoute(method, path string) *apiError {
	return &apiError{http.StatusNotFound, CategoryInvalidRequest, CodeNotFound, fmt.Sprintf(MsgNoRouteTmpl, method, path), ""}
}

func errAccountNotFound() *apiError {
	return &apiError{http.StatusNotFound, CategoryInvalidRequest, CodeNotFound, MsgAccountNotFound, "id"}
}

// AnswerFault answers a status injected in front of the server (see package
// faults) in Ivy's error envelope: category rate_limiting for 429 and
// api_error otherwise, the status text in upper snake case as the code
// (e.g. SERVICE_UNAVAILABLE).
func AnswerFault(w http.ResponseWriter, _ *http.Request, status int) {
	category := CategoryAPI
	if status == http.StatusTooManyRequests {
		category = CategoryRateLimiting
	}
	text := http.StatusText(status)
	code := strings.ToUpper(strings.ReplaceAll(text, " ", "_"))
	writeJSON(w, status, errorBody{Message: text, Category: category, Code: code, DocURL: DocURL})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"message":"Internal server error","category":"api_error","code":"INTERNAL_SERVER_ERROR","docUrl":"` + DocURL + `"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
