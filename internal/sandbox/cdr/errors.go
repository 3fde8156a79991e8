package cdr

import (
	"encoding/json"
	"net/http"
)

// CDR error codes the sandbox answers with.
const (
	CodeFieldInvalid       = "urn:au-cds:error:cds-all:Field/Invalid"
	CodeFieldMissing       = "urn:au-cds:error:cds-all:Field/Missing"
	CodeInvalidPageSize    = "urn:au-cds:error:cds-all:Field/InvalidPageSize"
	CodeInvalidPage        = "urn:au-cds:error:cds-all:Field/InvalidPage"
	CodeHeaderMissing      = "urn:au-cds:error:cds-all:Header/Missing"
	CodeHeaderInvalid      = "urn:au-cds:error:cds-all:Header/Invalid"
	CodeInvalidVersion     = "urn:au-cds:error:cds-all:Header/InvalidVersion"
	CodeUnsupportedVersion = "urn:au-cds:error:cds-all:Header/UnsupportedVersion"
	CodeInvalidConsent     = "urn:au-cds:error:cds-all:Authorisation/InvalidConsent"
	CodeRevokedConsent     = "urn:au-cds:error:cds-all:Authorisation/RevokedConsent"
	CodeNotFound           = "urn:au-cds:error:cds-all:Resource/NotFound"
	CodeExpected           = "urn:au-cds:error:cds-all:GeneralError/Expected"
	// CodeUnauthorized is the non-URN code the reference holder puts in 401 bodies.
	CodeUnauthorized = "401"

	// CodeInvalidBankingAccount answers an accountId the consent does not cover.
	CodeInvalidBankingAccount = "urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount"
)

// titles are fixed per code, as the standard requires.
var titles = map[string]string{
	CodeFieldInvalid:       "Invalid Field",
	CodeFieldMissing:       "Missing Required Field",
	CodeInvalidPageSize:    "Invalid Page Size",
	CodeInvalidPage:        "Invalid Page",
	CodeHeaderMissing:      "Missing Required Header",
	CodeHeaderInvalid:      "Invalid Header",
	CodeInvalidVersion:     "Invalid Version",
	CodeUnsupportedVersion: "Unsupported Version",
	CodeInvalidConsent:     "Consent Is Invalid",
	CodeRevokedConsent:     "Consent Is Revoked",
	CodeNotFound:           "Resource Not Found",
	CodeExpected:           "Expected Error Encountered",
	CodeUnauthorized:       "Unauthorized",

	CodeInvalidBankingAccount: "Invalid Banking Account",
}

// Title returns the fixed title of a code.
func Title(code string) string { return titles[code] }

// apiError is one failure the handler answers with.
type apiError struct {
	status int
	code   string
	detail string
}

func fail(status int, code, detail string) *apiError {
	return &apiError{status: status, code: code, detail: detail}
}

type errorV2 struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// writeError answers with the ResponseErrorListV2 envelope.
func writeError(w http.ResponseWriter, status int, code, detail string) {
	body := map[string][]errorV2{"errors": {{Code: code, Title: titles[code], Detail: detail}}}
	writeJSON(w, status, body)
}

// AnswerFault answers a status injected in front of the server (see package
// faults) like a holder refusing the call: the ResponseErrorListV2 envelope
// with CodeExpected, the request's x-fapi-interaction-id and Retry-After: 0.
// The detail of a 429 is "Too many requests", of other statuses their text.
func AnswerFault(w http.ResponseWriter, r *http.Request, status int) {
	detail := http.StatusText(status)
	if status == http.StatusTooManyRequests {
		detail = "Too many requests"
	}
	w.Header().Set(headerInteractionID, interactionID(r.Header.Get(headerInteractionID)))
	w.Header().Set("Retry-After", "0")
	writeError(w, status, CodeExpected, detail)
}

func (e *apiError) write(w http.ResponseWriter) { writeError(w, e.status, e.code, e.detail) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
