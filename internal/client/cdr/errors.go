package cdr

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// CDR error codes (urn:au-cds:error:cds-all:…) the client reacts to.
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
	CodeAdrStatusNotActive = "urn:au-cds:error:cds-all:Authorisation/AdrStatusNotActive"
	CodeNotFound           = "urn:au-cds:error:cds-all:Resource/NotFound"
)

// ErrorV2 is one entry of the CDR error envelope (ResponseErrorListV2).
type ErrorV2 struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Meta   *struct {
		URN string `json:"urn"`
	} `json:"meta,omitempty"`
}

// DecodeError turns a CDR error answer into a *client.APIError: Code is the
// first error's code (a URN, or a holder-specific code), Codes every code
// plus the standard URNs that holder-specific codes extend, Message
// "title: detail" of every error. Other bodies (a bare JSON string, HTML, an
// empty body) keep the status and quote the body.
func DecodeError(method, path string, status int, header http.Header, body []byte) error {
	var envelope struct {
		Errors []ErrorV2 `json:"errors"`
	}
	if err := json.Unmarshal(body, &envelope); err == nil && len(envelope.Errors) > 0 && envelope.Errors[0].Code != "" {
		return envelopeError(method, path, status, envelope.Errors)
	}
	var text string
	if err := json.Unmarshal(body, &text); err == nil && strings.TrimSpace(text) != "" {
		return &client.APIError{Method: method, Path: path, StatusCode: status, Message: strings.TrimSpace(text)}
	}
	if len(strings.TrimSpace(string(body))) == 0 && header.Get("WWW-Authenticate") != "" {
		msg := "WWW-Authenticate: " + header.Get("WWW-Authenticate")
		return &client.APIError{Method: method, Path: path, StatusCode: status, Message: msg}
	}
	apiErr, _ := client.AsAPIError(client.DecodeMessageError(method, path, status, header, body))
	apiErr.Code, apiErr.Codes = "", nil
	return apiErr
}

func envelopeError(method, path string, status int, errs []ErrorV2) *client.APIError {
	e := &client.APIError{Method: method, Path: path, StatusCode: status, Code: errs[0].Code}
	messages := make([]string, 0, len(errs))
	for _, item := range errs {
		e.Codes = append(e.Codes, item.Code)
		if item.Meta != nil && item.Meta.URN != "" {
			e.Codes = append(e.Codes, item.Meta.URN)
		}
		messages = append(messages, errorMessage(item))
	}
	e.Message = strings.Join(messages, "; ")
	return e
}

func errorMessage(e ErrorV2) string {
	switch {
	case e.Title == "":
		return e.Detail
	case e.Detail == "":
		return e.Title
	}
	return e.Title + ": " + e.Detail
}
