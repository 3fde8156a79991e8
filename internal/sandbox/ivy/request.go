package ivy

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"
)

const maxBodyBytes = 1 << 20

// checkKey enforces X-Ivy-Api-Key: absent → 401 UNAUTHENTICATED, wrong →
// 401 AUTHENTICATION, ForbiddenAPIKey → 403 AUTHORIZATION.
func checkKey(key string) *apiError {
	switch {
	case key == "":
		return &apiError{http.StatusUnauthorized, CategoryInvalidRequest, CodeUnauthenticated, MsgMissingAPIKey, ""}
	case equal(key, ForbiddenAPIKey):
		return &apiError{http.StatusForbidden, CategoryInvalidRequest, CodeAuthorization, MsgForbidden, ""}
	case !equal(key, APIKey):
		return &apiError{http.StatusUnauthorized, CategoryInvalidRequest, CodeAuthentication, MsgInvalidAPIKey, ""}
	}
	return nil
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// checkHeaders enforces a JSON Content-Type (400 VALIDATION) and an Accept
// header that allows JSON (406 NOT_ACCEPTABLE).
func (s *Server) checkHeaders(r *http.Request) *apiError {
	if !s.opts.LenientContentType && !isJSON(r.Header.Get("Content-Type")) {
		return invalid("Content-Type", MsgContentType)
	}
	if !acceptsJSON(r.Header.Values("Accept")) {
		return &apiError{http.StatusNotAcceptable, CategoryInvalidRequest, CodeNotAcceptable, MsgNotAcceptable, "Accept"}
	}
	return nil
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

// acceptsJSON: no Accept header accepts anything.
func acceptsJSON(values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err == nil && (mt == "application/json" || mt == "application/*" || mt == "*/*") {
				return true
			}
		}
	}
	return false
}

// readBody decodes the body into a JSON object; an empty body is {}.
func (s *Server) readBody(r *http.Request) (map[string]json.RawMessage, *apiError) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, invalid("", MsgInvalidJSON)
	}
	if len(data) > maxBodyBytes {
		return nil, invalid("", MsgBodyTooLarge)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return map[string]json.RawMessage{}, nil
	}
	if !json.Valid(data) {
		return nil, invalid("", MsgInvalidJSON)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(data, &body); err != nil || body == nil {
		return nil, invalid("", MsgBodyNotObject)
	}
	return body, nil
}

// checkFields rejects fields other than allowed unless AllowUnknownFields.
func (s *Server) checkFields(body map[string]json.RawMessage, allowed ...string) *apiError {
	if s.opts.AllowUnknownFields {
		return nil
	}
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !contains(allowed, k) {
			return invalid(k, fmt.Sprintf(MsgUnknownFieldTmpl, k))
		}
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// intField reads an optional integer; absent or null gives def.
func intField(body map[string]json.RawMessage, name string, def int) (int, bool) {
	raw, ok := body[name]
	if !ok || string(raw) == "null" {
		return def, true
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}
