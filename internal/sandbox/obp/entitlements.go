package obp

import (
	"net/http"
	"strings"
)

type entitlementJSON struct {
	EntitlementID string `json:"entitlement_id"`
	RoleName      string `json:"role_name"`
	BankID        string `json:"bank_id"`
}

type entitlementListJSON struct {
	List []entitlementJSON `json:"list"`
}

func (e *entitlement) json() entitlementJSON {
	return entitlementJSON{EntitlementID: e.id, RoleName: e.role, BankID: e.bankID}
}

func (s *Server) entitlementList(u *user) entitlementListJSON {
	list := []entitlementJSON{}
	for _, e := range s.st.entitlementsOf(u.id) {
		list = append(list, e.json())
	}
	return entitlementListJSON{List: list}
}

// myEntitlements handles GET /my/entitlements.
func (s *Server) myEntitlements(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.entitlementList(u), nil
}

// userBaseJSON is UserJsonV200, the keys every user shape starts with.
type userBaseJSON struct {
	UserID       string              `json:"user_id"`
	Email        string              `json:"email"`
	ProviderID   string              `json:"provider_id"`
	Provider     string              `json:"provider"`
	Username     string              `json:"username"`
	Entitlements entitlementListJSON `json:"entitlements"`
}

// userBase renders a local user: the provider is the server's own host.
func (s *Server) userBase(c *call, u *user) userBaseJSON {
	return userBaseJSON{UserID: u.id, Email: u.email, ProviderID: u.username, Provider: c.host(),
		Username: u.username, Entitlements: s.entitlementList(u)}
}

type userJSON struct {
	userBaseJSON
	Views struct {
		List []any `json:"list"`
	} `json:"views"`
}

// currentUser handles GET /users/current.
func (s *Server) currentUser(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	out := userJSON{userBaseJSON: s.userBase(c, u)}
	out.Views.List = []any{}
	return http.StatusOK, out, nil
}

// currentUserID handles GET /users/current/user_id.
func (s *Server) currentUserID(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"user_id": u.id}, nil
}

// createEntitlement handles POST /users/{USER_ID}/entitlements (v2.0.0).
func (s *Server) createEntitlement(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	target := s.st.userByID(c.param("USER_ID"))
	if target == nil {
		return 0, nil, newError(http.StatusNotFound, msgUserNotFoundByID+" Current USER_ID("+c.param("USER_ID")+")")
	}
	r := newFieldReader(c.raw, "CreateEntitlementJSON")
	bankID, role := r.str("bank_id"), r.str("role_name")
	if err := r.err(); err != nil {
		return 0, nil, err
	}
	if err := s.checkGrant(u, bankID, role); err != nil {
		return 0, nil, err
	}
	if s.st.findEntitlement(target.id, bankID, role) != nil {
		return 0, nil, newError(http.StatusBadRequest, msgEntitlementExists)
	}
	return http.StatusCreated, s.st.addEntitlement(target.id, bankID, role).json(), nil
}

// checkGrant validates the role/bank pair and the caller's right to grant it.
func (s *Server) checkGrant(u *user, bankID, role string) error {
	switch {
	case !isKnownRole(role):
		return newError(http.StatusBadRequest, msgIncorrectRoleName+" "+role+
			". Possible roles are "+strings.Join(allRolesSorted(), ", "))
	case !isSystemRole(role) && bankID == "":
		return newError(http.StatusBadRequest, msgEntitlementIsBankRole)
	case isSystemRole(role) && bankID != "":
		return newError(http.StatusBadRequest, msgEntitlementIsSystemRole)
	case !s.mayGrant(u, bankID):
		return errMayNotGrant(bankID)
	case bankID != "" && !s.st.bankExists(bankID):
		return errBankNotFound(http.StatusBadRequest, bankID)
	}
	return nil
}

func (s *Server) mayGrant(u *user, bankID string) bool {
	return isSuperAdmin(u) || s.st.hasRole(u, "", roleCreateEntitlementAtAnyBank) ||
		(bankID != "" && s.st.hasRole(u, bankID, roleCreateEntitlementAtOneBank))
}

func errMayNotGrant(bankID string) error {
	msg := msgUserNotSuperAdmin + " or " + msgUserHasMissingRoles +
		roleCreateEntitlementAtAnyBank + " or " + roleCreateEntitlementAtOneBank
	if bankID != "" {
		msg += " for BankId(" + bankID + ")."
	}
	return newError(http.StatusForbidden, msg)
}

// deleteEntitlement handles DELETE /users/{USER_ID}/entitlement/{ENTITLEMENT_ID}.
func (s *Server) deleteEntitlement(c *call) (int, any, error) {
	u, err := s.authenticate(c)
	if err != nil {
		return 0, nil, err
	}
	if !s.st.hasRole(u, "", roleDeleteEntitlementAtAnyBank) {
		return 0, nil, errMissingRoles("", roleDeleteEntitlementAtAnyBank)
	}
	e := s.st.entitlementByID(c.param("ENTITLEMENT_ID"))
	switch {
	case e == nil:
		return 0, nil, newError(http.StatusNotFound, msgEntitlementNotFound)
	case e.userID != c.param("USER_ID"):
		return 0, nil, newError(http.StatusBadRequest, msgUserHasNotEntitlement)
	}
	s.st.removeEntitlement(e.id)
	return http.StatusNoContent, nil, nil
}
