package thredd

import (
	"crypto/subtle"
	"mime"
	"net/http"
	"strings"
)

// checkHeaders enforces the bearer token, client-id, partner-id and Accept
// headers, in that order.
func (s *Server) checkHeaders(r *http.Request) *apiError {
	for _, check := range []func(*http.Request) *apiError{s.checkBearer, s.checkClientID, s.checkPartnerID, s.checkAccept} {
		if e := check(r); e != nil {
			return e
		}
	}
	return nil
}

func (s *Server) checkBearer(r *http.Request) *apiError {
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	if auth == "" {
		if s.opts.RequireBearer {
			return &apiError{status: http.StatusUnauthorized, code: CodeMissingToken, message: msgMissingToken,
				header: http.Header{"Www-Authenticate": {`Bearer`}}}
		}
		return nil
	}
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || !equal(strings.TrimSpace(token), s.opts.BearerToken) {
		return &apiError{status: http.StatusUnauthorized, code: CodeInvalidToken, message: msgInvalidToken,
			header: http.Header{"Www-Authenticate": {`Bearer error="invalid_token"`}}}
	}
	return nil
}

func (s *Server) checkClientID(r *http.Request) *apiError {
	id := strings.TrimSpace(r.Header.Get("client-id"))
	if id == "" {
		return &apiError{status: http.StatusBadRequest, code: CodeMissingClientID, message: msgMissingClientID}
	}
	if !equal(id, s.opts.ClientID) {
		return &apiError{status: s.opts.InvalidClientIDStatus, code: CodeInvalidClientID, message: msgInvalidClientID}
	}
	return nil
}

func (s *Server) checkPartnerID(r *http.Request) *apiError {
	id := strings.TrimSpace(r.Header.Get("partner-id"))
	if id == "" || id == s.opts.PartnerID {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, code: CodeInvalidPartnerID, message: msgInvalidPartnerID}
}

// checkAccept refuses an Accept header that rules out application/json.
func (s *Server) checkAccept(r *http.Request) *apiError {
	accept := r.Header.Values("Accept")
	if s.opts.IgnoreAccept || strings.TrimSpace(strings.Join(accept, "")) == "" {
		return nil
	}
	for _, value := range accept {
		for _, part := range strings.Split(value, ",") {
			mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err == nil && params["q"] != "0" && acceptsJSON(mediaType) {
				return nil
			}
		}
	}
	return &apiError{status: http.StatusNotAcceptable, code: CodeNotAcceptable, message: msgNotAcceptable}
}

func acceptsJSON(mediaType string) bool {
	switch mediaType {
	case "application/json", "application/*", "*/*":
		return true
	}
	return false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
