package obp

import (
	"net/http"
	"regexp"
	"strings"
	"time"
)

// DirectLogin parameter names OBP recognises, in the order missing ones are reported.
var (
	loginParams    = []string{"username", "password", "consumer_key"}
	resourceParams = []string{"token"}
)

var (
	mediumString   = regexp.MustCompile(`^[A-Za-z0-9\-._@]+$`)
	mediumPassword = regexp.MustCompile("^[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]+$")
)

// parseDirectLogin turns `DirectLogin username="a", password=b` into a map.
// Like OBP it drops all whitespace and quotes, unknown keys and empty values.
func parseDirectLogin(header string) map[string]string {
	cleaned := strings.Join(strings.Fields(header), "")
	cleaned = strings.TrimPrefix(cleaned, "DirectLogin")
	params := map[string]string{}
	for _, part := range strings.Split(cleaned, ",") {
		key, value, ok := strings.Cut(part, "=")
		value = strings.ReplaceAll(value, `"`, "")
		if ok && value != "" && (contains(loginParams, key) || contains(resourceParams, key)) {
			params[key] = value
		}
	}
	return params
}

// validateDirectLogin checks presence and characters of the needed parameters.
func validateDirectLogin(params map[string]string, required []string) error {
	var missing []string
	for _, p := range required {
		if _, ok := params[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return newError(http.StatusBadRequest, msgDirectLoginMissing+" "+strings.Join(missing, ", "))
	}
	for _, key := range append(loginParams, resourceParams...) {
		if value, ok := params[key]; ok {
			if msg := checkParamValue(key, value); msg != "" {
				return newError(http.StatusBadRequest, msg)
			}
		}
	}
	return nil
}

func checkParamValue(key, value string) string {
	re := mediumString
	if key == "password" {
		re = mediumPassword
	}
	switch {
	case !re.MatchString(value):
		return msgInvalidValueCharacters
	case len(value) > 512:
		return msgInvalidValueLength
	}
	return ""
}

// loginHeader finds the DirectLogin credentials of a login request.
func loginHeader(r *http.Request) (string, error) {
	if v := r.Header.Get("DirectLogin"); v != "" {
		return v, nil
	}
	auth := r.Header.Get("Authorization")
	switch {
	case auth == "":
		return "", newError(http.StatusBadRequest, msgMissingDirectLoginHdr)
	case !strings.Contains(auth, "DirectLogin"):
		return "", newError(http.StatusBadRequest, msgInvalidDirectLoginHdr)
	}
	return auth, nil
}

// directLogin handles POST /my/logins/direct.
func (s *Server) directLogin(c *call) (int, any, error) {
	header, err := loginHeader(c.r)
	if err != nil {
		return 0, nil, err
	}
	params := parseDirectLogin(header)
	if wait, limited := s.limitLogin(params["username"]); limited {
		return 0, nil, errTooManyLogins(wait)
	}
	if err := validateDirectLogin(params, loginParams); err != nil {
		return 0, nil, err
	}
	if params["consumer_key"] != ConsumerKey {
		return 0, nil, newError(http.StatusUnauthorized, msgInvalidConsumerKey)
	}
	u, err := s.checkCredentials(params["username"], params["password"])
	if err != nil {
		return 0, nil, err
	}
	token := newToken()
	s.st.tokens[token] = u.id
	s.logins++
	return http.StatusCreated, map[string]string{"token": token}, nil
}

func (s *Server) checkCredentials(username, password string) (*user, error) {
	u := s.st.userByName(username)
	switch {
	case u == nil:
		return nil, newError(http.StatusUnauthorized, msgInvalidLoginCredentials)
	case u.locked():
		return nil, newError(http.StatusUnauthorized, msgUsernameLocked)
	case u.password != password:
		u.failedLogins++
		return nil, newError(http.StatusUnauthorized, msgInvalidLoginCredentials)
	}
	u.failedLogins = 0
	return u, nil
}

// authenticate resolves the calling user of a protected endpoint.
func (s *Server) authenticate(c *call) (*user, error) {
	u, err := s.resolveUser(c.r)
	if err != nil {
		return nil, err
	}
	if u.locked() {
		return nil, newError(http.StatusUnauthorized, msgUsernameLocked)
	}
	return u, nil
}

func (s *Server) resolveUser(r *http.Request) (*user, error) {
	if v := r.Header.Get("DirectLogin"); v != "" {
		return s.userFromDirectLogin(v)
	}
	auth := r.Header.Get("Authorization")
	switch {
	case auth == "":
		return nil, errNotLoggedIn()
	case strings.Contains(auth, "DirectLogin"):
		return s.userFromDirectLogin(auth)
	case len(auth) > 7 && strings.EqualFold(auth[:7], "Bearer "):
		return s.userFromBearer(strings.TrimSpace(auth[7:]))
	}
	return nil, newError(http.StatusBadRequest, msgInvalidAuthorization)
}

func (s *Server) userFromDirectLogin(header string) (*user, error) {
	params := parseDirectLogin(header)
	if err := validateDirectLogin(params, resourceParams); err != nil {
		return nil, err
	}
	token := params["token"]
	if u := s.st.userByID(s.st.tokens[token]); u != nil {
		return u, nil
	}
	return nil, newError(s.invalidTokenStatus(), msgDirectLoginInvalidToken+" "+token)
}

// invalidTokenStatus: the 2026 server answers an invalid or expired
// DirectLogin token with 401, the 2024 one with
// 400.
func (s *Server) invalidTokenStatus() int {
	if s.opts.Generation == Gen2024 {
		return http.StatusBadRequest
	}
	return http.StatusUnauthorized
}

func (s *Server) userFromBearer(token string) (*user, error) {
	if u := s.st.userByID(s.st.bearers[token]); u != nil {
		return u, nil
	}
	return nil, newError(http.StatusBadRequest, msgOAuth2CannotVerify)
}

// loginLimiter counts DirectLogin attempts per username for
// Options.LoginLimitPerMinute: the times of the attempts of the last minute.
type loginLimiter map[string][]time.Time

const loginWindow = time.Minute

// limitLogin records a login attempt for username and reports whether the
// limiter refuses it, with how long until the oldest attempt of the window
// ages out. Attempts count whether or not they succeed, like a brute-force
// limiter; refused attempts do not extend the window.
func (s *Server) limitLogin(username string) (time.Duration, bool) {
	limit := s.opts.LoginLimitPerMinute
	if limit <= 0 || s.opts.Generation == Gen2024 {
		return 0, false
	}
	if s.limiter == nil {
		s.limiter = loginLimiter{}
	}
	now := s.idem.now()
	recent := s.limiter[username][:0]
	for _, at := range s.limiter[username] {
		if now.Sub(at) < loginWindow {
			recent = append(recent, at)
		}
	}
	if len(recent) >= limit {
		s.limiter[username] = recent
		s.loginsLimited++
		return loginWindow - now.Sub(recent[0]), true
	}
	s.limiter[username] = append(recent, now)
	return 0, false
}

// errTooManyLogins is the 2026 login limiter's answer: 429 OBP-10061 with
// Retry-After in whole seconds (at least 1).
func errTooManyLogins(wait time.Duration) *apiError {
	e := newError(http.StatusTooManyRequests, msgTooManyLogins)
	e.retryAfter = max(int((wait+time.Second-1)/time.Second), 1)
	return e
}
