package client

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// APIError is a non-2xx answer from an API. Code is the first API error code in
// the message (for OBP, e.g. "OBP-30046"); Codes lists every code of a chained
// message ("OBP-50200: … <- OBP-30310: …") in order.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Code       string
	Codes      []string
	Message    string
	// Read: the request was a POST that only reads.
	Read bool
	// RetryAt is when the server's rate limit resets, on a 429 the client
	// stopped retrying (RetryIn is how long that was from the answer);
	// Message then says so too.
	RetryAt time.Time
	RetryIn time.Duration
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	return fmt.Sprintf("%s returned HTTP %d: %s", e.Call(), e.StatusCode, msg)
}

// Call names the request: "GET /path", or "read (POST /path)" for a POST
// that only reads.
func (e *APIError) Call() string { return callName(e.Method, e.Path, e.Read) }

// HasCode reports whether any code of the error chain equals code.
func (e *APIError) HasCode(code string) bool {
	for _, c := range e.Codes {
		if c == code {
			return true
		}
	}
	return false
}

var obpCode = regexp.MustCompile(`OBP-\d{5}`)

// ParseCodes returns the OBP-style codes found in message, in order.
func ParseCodes(message string) []string {
	return obpCode.FindAllString(message, -1)
}

// NewAPIError builds an APIError from a status and an error message.
func NewAPIError(method, path string, status int, message string) *APIError {
	message = strings.TrimSpace(message)
	codes := ParseCodes(message)
	e := &APIError{Method: method, Path: path, StatusCode: status, Codes: codes, Message: message}
	if len(codes) > 0 {
		e.Code = codes[0]
	}
	return e
}

// AsAPIError unwraps err into an *APIError.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

// IsNotFound reports whether err is an API answer meaning "this object does not exist".
func IsNotFound(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.StatusCode == http.StatusNotFound
}

// HasCode reports whether err is an APIError carrying code anywhere in its chain.
func HasCode(err error, code string) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.HasCode(code)
}
