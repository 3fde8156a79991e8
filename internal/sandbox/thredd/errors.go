package thredd

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Error codes of the sandbox's error envelope {"request_id","code","message"}.
// Thredd documents no error body for this endpoint; these are assumptions.
const (
	CodeMissingClientID    = "MISSING_CLIENT_ID"
	CodeInvalidClientID    = "INVALID_CLIENT_ID"
	CodeInvalidPartnerID   = "INVALID_PARTNER_ID"
	CodeMissingToken       = "MISSING_TOKEN"
	CodeInvalidToken       = "INVALID_TOKEN"
	CodeNotAcceptable      = "NOT_ACCEPTABLE"
	CodeNotFound           = "NOT_FOUND"
	CodeMethodNotAllowed   = "METHOD_NOT_ALLOWED"
	CodeCustomerNotFound   = "CUSTOMER_NOT_FOUND"
	CodeServiceUnavailable = "SERVICE_UNAVAILABLE"
)

// Error messages; they never echo the credentials that were sent.
const (
	msgMissingClientID    = "The client-id header is required."
	msgInvalidClientID    = "The client-id header is not recognised."
	msgInvalidPartnerID   = "The partner-id header is not recognised."
	msgMissingToken       = "An Authorization bearer token is required."
	msgInvalidToken       = "The bearer token is invalid or expired."
	msgNotAcceptable      = "Only application/json responses are available."
	msgNotFound           = "The requested resource does not exist."
	msgMethodNotAllowed   = "The method is not allowed for this resource."
	msgCustomerNotFound   = "Open banking customer not found."
	msgServiceUnavailable = "The service is temporarily unavailable."
)

// apiError is a refusal waiting to be written.
type apiError struct {
	status        int
	code, message string
	header        http.Header
}

func (e *apiError) write(w http.ResponseWriter) {
	for k, v := range e.header {
		w.Header()[k] = v
	}
	writeError(w, e.status, e.code, e.message)
}

// AnswerFault answers a status injected in front of the server (see package
// faults) in the server's error envelope with Retry-After: 0. The code is the
// status text in upper snake case, e.g. CodeServiceUnavailable for 503.
func AnswerFault(w http.ResponseWriter, _ *http.Request, status int) {
	message := http.StatusText(status) + "."
	if status == http.StatusServiceUnavailable {
		message = msgServiceUnavailable
	}
	w.Header().Set("Retry-After", "0")
	writeError(w, status, strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_")), message)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorResponse{RequestID: requestID(), Code: code, Message: message})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
