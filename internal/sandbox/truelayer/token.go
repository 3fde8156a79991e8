package truelayer

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"math"
	"mime"
	"net/http"
	"strings"
)

// knownScopes are the scopes the fake auth server grants.
var knownScopes = map[string]bool{
	"data": true, "payments": true, "paydirect": true, "mandates": true, "verification": true, "signupplus": true,
}

// oauthError is an RFC 6749 §5.2 error answer of the token endpoint.
type oauthError struct {
	status      int
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func oauthErr(status int, code, description string) *oauthError {
	return &oauthError{status: status, Code: code, Description: description}
}

// tokenReply is the token endpoint's success body.
type tokenReply struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	TokenType   string `json:"token_type"`
	Scope       string `json:"scope"`
}

// serveToken answers POST /connect/token (form-encoded client credentials).
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	scopes, oe := s.checkTokenRequest(r)
	if oe != nil {
		if oe.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", http.MethodPost)
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, "application/json", oe.status, oe)
		return
	}
	reply := s.issue(scopes)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, "application/json", http.StatusOK, reply)
}

// checkTokenRequest validates method, media type, client, grant and scope, in that order.
func (s *Server) checkTokenRequest(r *http.Request) ([]string, *oauthError) {
	if r.Method != http.MethodPost {
		return nil, oauthErr(http.StatusMethodNotAllowed, "invalid_request", "The token endpoint only accepts POST.")
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" {
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", "The request body must be application/x-www-form-urlencoded.")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", "The request body is not a valid form.")
	}
	if !validClient(r) {
		return nil, oauthErr(s.opts.InvalidClientStatus, "invalid_client", "Client authentication failed.")
	}
	switch grant := r.PostForm.Get("grant_type"); grant {
	case "":
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", "The grant_type parameter is required.")
	case "client_credentials":
	default:
		return nil, oauthErr(http.StatusBadRequest, "unsupported_grant_type", "Only the client_credentials grant is supported.")
	}
	return checkScopes(r.PostForm.Get("scope"))
}

// validClient checks HTTP Basic credentials, else the form's client_id/client_secret.
func validClient(r *http.Request) bool {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	return id == ClientID && subtle.ConstantTimeCompare([]byte(secret), []byte(ClientSecret)) == 1
}

// checkScopes parses the space-separated scope list; none gives a token
// without scopes (refused by the Data API).
func checkScopes(raw string) ([]string, *oauthError) {
	scopes := strings.Fields(raw)
	for _, sc := range scopes {
		if !knownScopes[sc] {
			return nil, oauthErr(http.StatusBadRequest, "invalid_scope", "The scope "+sc+" is not allowed for this client.")
		}
	}
	return scopes, nil
}

// issue mints and stores a JWT-shaped opaque token.
func (s *Server) issue(scopes []string) tokenReply {
	set := make(map[string]bool, len(scopes))
	for _, sc := range scopes {
		set[sc] = true
	}
	value := mintToken(strings.Join(scopes, " "))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[value] = &token{scopes: set, expires: s.opts.Now().Add(s.opts.TokenTTL)}
	s.issued++
	return tokenReply{
		AccessToken: value, ExpiresIn: int(math.Ceil(s.opts.TokenTTL.Seconds())),
		TokenType: "Bearer", Scope: strings.Join(scopes, " "),
	}
}

func mintToken(scope string) string {
	enc := base64.RawURLEncoding
	header, _ := json.Marshal(map[string]string{"alg": "none", "typ": "JWT"})
	claims, _ := json.Marshal(map[string]string{"client_id": ClientID, "scope": scope, "jti": randomHex(16)})
	return enc.EncodeToString(header) + "." + enc.EncodeToString(claims) + "." + randomHex(16)
}
