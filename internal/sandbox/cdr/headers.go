package cdr

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

const (
	headerVersion       = "x-v"
	headerMinVersion    = "x-min-v"
	headerInteractionID = "x-fapi-interaction-id"
	headerAuthDate      = "x-fapi-auth-date"
	headerCustomerIP    = "x-fapi-customer-ip-address"
	headerClientHeaders = "x-cds-client-headers"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// interactionID echoes a valid UUID or makes up a new one.
func interactionID(sent string) string {
	if uuidPattern.MatchString(sent) {
		return sent
	}
	return newUUID()
}

// newUUID returns an RFC 4122 version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// checkAuth enforces mTLS (when configured) and the bearer token.
func (s *Server) checkAuth(w http.ResponseWriter, r *http.Request) *apiError {
	if s.opts.RequireClientCert && (r.TLS == nil || len(r.TLS.PeerCertificates) == 0) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="client certificate required"`)
		return fail(http.StatusUnauthorized, CodeUnauthorized, "invalid_token")
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case !ok || token == "":
		w.Header().Set("WWW-Authenticate", "Bearer")
		return fail(http.StatusUnauthorized, CodeUnauthorized, "invalid_token")
	case token == BearerToken:
		return nil
	case token == NoScopeToken:
		return fail(http.StatusForbidden, CodeInvalidConsent, "The authorised consumer's consent is insufficient to execute the resource")
	case token == RevokedToken:
		return fail(http.StatusForbidden, CodeRevokedConsent, "The consent has been revoked")
	case token == ExpiredToken:
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired"`)
		return fail(http.StatusUnauthorized, CodeUnauthorized, "invalid_token")
	}
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	return fail(http.StatusUnauthorized, CodeUnauthorized, "invalid_token")
}

// negotiate applies the x-v / x-min-v rules to the versions an endpoint
// serves and returns the version served.
func negotiate(h http.Header, versions []int) (int, *apiError) {
	raw := h.Get(headerVersion)
	if raw == "" {
		return 0, fail(http.StatusBadRequest, CodeHeaderMissing, "Header 'x-v' is missing.")
	}
	maxV, ok := positiveInt(raw)
	if !ok {
		return 0, fail(http.StatusBadRequest, CodeInvalidVersion, "The version provided is not valid.")
	}
	minV := maxV
	if rawMin := h.Get(headerMinVersion); rawMin != "" {
		m, ok := positiveInt(rawMin)
		if !ok {
			return 0, fail(http.StatusBadRequest, CodeInvalidVersion, "The minimum version provided is not valid.")
		}
		if m < maxV {
			minV = m
		}
	}
	best := 0
	for _, v := range versions {
		if v >= minV && v <= maxV && v > best {
			best = v
		}
	}
	if best == 0 {
		lo, hi := versionRange(versions)
		return 0, fail(http.StatusNotAcceptable, CodeUnsupportedVersion,
			fmt.Sprintf("minimum version: %d, maximum version: %d", lo, hi))
	}
	return best, nil
}

func versionRange(versions []int) (lo, hi int) {
	lo, hi = versions[0], versions[0]
	for _, v := range versions {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// positiveInt parses a positive decimal integer without sign or overflow.
func positiveInt(s string) (int, bool) {
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 1 {
		return 0, false
	}
	return int(n), true
}

// checkHeaders validates the FAPI and CDS headers and Accept.
func (s *Server) checkHeaders(h http.Header) *apiError {
	if id := h.Get(headerInteractionID); id != "" && !uuidPattern.MatchString(id) {
		return fail(http.StatusBadRequest, CodeHeaderInvalid, "Header 'x-fapi-interaction-id' is not a valid UUID.")
	}
	if err := s.checkAuthDate(h.Get(headerAuthDate)); err != nil {
		return err
	}
	if err := s.checkCustomerPresent(h); err != nil {
		return err
	}
	if !acceptsJSON(h.Values("Accept")) {
		return fail(http.StatusNotAcceptable, CodeHeaderInvalid, "Header 'Accept' must allow application/json.")
	}
	return nil
}

func (s *Server) checkAuthDate(v string) *apiError {
	if v == "" {
		if s.opts.AllowMissingAuthDate {
			return nil
		}
		return fail(http.StatusBadRequest, CodeHeaderMissing, "Header 'x-fapi-auth-date' is missing.")
	}
	if _, err := http.ParseTime(v); err != nil {
		return fail(http.StatusBadRequest, CodeHeaderInvalid, "Header 'x-fapi-auth-date' is not a valid HTTP-date.")
	}
	return nil
}

func (s *Server) checkCustomerPresent(h http.Header) *apiError {
	ip := h.Get(headerCustomerIP)
	if ip == "" {
		return nil
	}
	if net.ParseIP(ip) == nil {
		return fail(http.StatusBadRequest, CodeHeaderInvalid, "Header 'x-fapi-customer-ip-address' is not a valid IP address.")
	}
	ch := h.Get(headerClientHeaders)
	if ch == "" {
		if s.opts.AllowMissingClientHeaders {
			return nil
		}
		return fail(http.StatusBadRequest, CodeHeaderMissing, "Header 'x-cds-client-headers' is missing.")
	}
	if _, err := base64.StdEncoding.DecodeString(ch); err != nil {
		return fail(http.StatusBadRequest, CodeHeaderInvalid, "Header 'x-cds-client-headers' is not valid Base64.")
	}
	return nil
}

// acceptsJSON: absent, */*, application/* or application/json (any parameters).
func acceptsJSON(values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			switch strings.ToLower(strings.TrimSpace(mt)) {
			case "", "*/*", "application/*", "application/json":
				return true
			}
		}
	}
	return false
}
