package truelayer

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Problem types of the Data API v3 (RFC 7807 "type" URIs).
const (
	typeBase             = "https://docs.truelayer.com/docs/error-types#"
	typeUnauthenticated  = typeBase + "unauthenticated"
	typeInvalidParams    = typeBase + "invalid-parameters"
	typeForbidden        = typeBase + "forbidden"
	typeInvalidState     = typeBase + "invalid-state"
	typeNotFound         = typeBase + "not-found"
	typeRateLimited      = typeBase + "rate-limit-exceeded"
	typeMethodNotAllowed = typeBase + "method-not-allowed"
)

// problem is a Problem JSON answer plus extra response headers.
type problem struct {
	Type    string              `json:"type"`
	Title   string              `json:"title"`
	Status  int                 `json:"status"`
	TraceID string              `json:"trace_id"`
	Detail  string              `json:"detail,omitempty"`
	Errors  map[string][]string `json:"errors,omitempty"`
	header  http.Header
}

func problemf(status int, typ, title, format string, args ...any) *problem {
	return &problem{Type: typ, Title: title, Status: status, Detail: fmt.Sprintf(format, args...), header: http.Header{}}
}

// invalidParam is a 400 invalid-parameters problem for one field or header.
func invalidParam(detail, field, reason string) *problem {
	p := problemf(http.StatusBadRequest, typeInvalidParams, "Invalid Parameters", "%s", detail)
	p.Errors = map[string][]string{field: {reason}}
	return p
}

// AnswerFault answers a status injected in front of the server (see package
// faults) in the endpoint's error format: an RFC 6749 error at the token
// endpoint, Problem JSON at the Data API.
func AnswerFault(w http.ResponseWriter, r *http.Request, status int) {
	if strings.HasSuffix(r.URL.Path, TokenPath) {
		code := "server_error"
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			code = "temporarily_unavailable"
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, "application/json", status, oauthErr(status, code, http.StatusText(status)+"."))
		return
	}
	writeProblem(w, faultProblem(status))
}

// faultProblem is rate-limit-exceeded for 429 and otherwise a problem whose
// type is the status text, e.g. "…#service-unavailable".
func faultProblem(status int) *problem {
	if status == http.StatusTooManyRequests {
		return problemf(status, typeRateLimited, "Rate Limit Exceeded", "Too many requests. Try again later.")
	}
	title := http.StatusText(status)
	return problemf(status, typeBase+strings.ToLower(strings.ReplaceAll(title, " ", "-")), title, "The request failed. Try again later.")
}

func writeProblem(w http.ResponseWriter, p *problem) {
	p.TraceID = newTraceID()
	for k, vs := range p.header {
		w.Header()[k] = vs
	}
	w.Header().Set("Tl-Trace-Id", p.TraceID)
	writeJSON(w, "application/problem+json", p.Status, p)
}

func writeJSON(w http.ResponseWriter, contentType string, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func newTraceID() string { return randomHex(8) }
