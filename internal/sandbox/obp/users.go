package obp

import (
	"net/http"
	"unicode"
	"unicode/utf8"
)

// User lookups and user creation. The lookups are
// auto-validated handlers needing the system role CanGetAnyUser.

type agreementJSON struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// userJSONV400 is UserJsonV400: views and the marketing agreement date are
// empty options and so omitted; agreements is an empty list.
type userJSONV400 struct {
	userBaseJSON
	Agreements []agreementJSON `json:"agreements"`
	IsDeleted  bool            `json:"is_deleted"`
	IsLocked   bool            `json:"is_locked"`
}

func (s *Server) userV400(c *call, u *user) userJSONV400 {
	return userJSONV400{userBaseJSON: s.userBase(c, u), Agreements: []agreementJSON{}, IsLocked: u.locked()}
}

// getUserByID handles GET /users/user_id/{USER_ID} (v4.0.0): unknown is 400.
func (s *Server) getUserByID(c *call) (int, any, error) {
	if err := s.listAccess(c, "", roleGetAnyUser); err != nil {
		return 0, nil, err
	}
	id := c.param("USER_ID")
	u := s.st.userByID(id)
	if u == nil {
		return 0, nil, newError(http.StatusBadRequest, msgUserNotFoundByUserID+" Current UserId("+id+")")
	}
	return http.StatusOK, s.userV400(c, u), nil
}

// getUserByProviderAndUsername handles GET /users/provider/{PROVIDER}/username/{USERNAME}
// (v5.1.0). Every sandbox user belongs to the local provider, "http://" + Host.
func (s *Server) getUserByProviderAndUsername(c *call) (int, any, error) {
	return s.localUser(c, c.param("PROVIDER"))
}

// getUserByUsername handles GET /users/username/{USERNAME} (v4.0.0, local
// provider only; not routed under v5.1.0).
func (s *Server) getUserByUsername(c *call) (int, any, error) {
	return s.localUser(c, c.host())
}

// localUser looks USERNAME up at provider: 404 OBP-20027 when unknown.
func (s *Server) localUser(c *call, provider string) (int, any, error) {
	if err := s.listAccess(c, "", roleGetAnyUser); err != nil {
		return 0, nil, err
	}
	u := s.st.userByName(c.param("USERNAME"))
	if u == nil || provider != c.host() {
		return 0, nil, newError(http.StatusNotFound, msgUserNotFoundByProvider)
	}
	return http.StatusOK, s.userV400(c, u), nil
}

// createUser handles POST /users (v2.0.0, anonymous): body → username set →
// password strength (400) → unique username (409) → 201 UserJsonV200.
func (s *Server) createUser(c *call) (int, any, error) {
	r := newFieldReader(c.raw, "CreateUserJson")
	email, username, password := r.str("email"), r.str("username"), r.str("password")
	r.str("first_name")
	r.str("last_name")
	if err := r.err(); err != nil {
		return 0, nil, err
	}
	switch {
	case username == "":
		return 0, nil, errInvalidJSON("The username can not be empty.")
	case !strongPassword(password):
		return 0, nil, newError(http.StatusBadRequest, msgInvalidPasswordFormat+
			" The sandbox requires 10 to 512 characters with at least one letter and one digit.")
	}
	u := s.st.addUser(username, password, email)
	if u == nil {
		return 0, nil, newError(http.StatusConflict, msgDuplicateUsername)
	}
	return http.StatusCreated, s.userBase(c, u), nil
}

// strongPassword is the sandbox's simplified password rule: 10 to 512
// characters mixing letters and digits.
func strongPassword(p string) bool {
	if n := utf8.RuneCountInString(p); n < 10 || n > 512 {
		return false
	}
	var letter, digit bool
	for _, r := range p {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	return letter && digit
}
