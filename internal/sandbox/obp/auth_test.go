package obp

import (
	"strings"
	"testing"
)

func TestDirectLoginSuccess(t *testing.T) {
	cases := []struct {
		name    string
		headers []string
	}{
		{"DirectLogin header", []string{"DirectLogin", loginHeaderValue(AdminUsername, AdminPassword)}},
		{"lower-case header name", []string{"directlogin", loginHeaderValue(AdminUsername, AdminPassword)}},
		{"deprecated Authorization with quotes", []string{"Authorization",
			`DirectLogin username="sandbox.admin",password="Sandbox-Admin-Pass-1",consumer_key="sandbox-consumer-key-0001"`}},
		{"deprecated Authorization without quotes", []string{"Authorization",
			"DirectLogin username=sandbox.admin, password=Sandbox-Admin-Pass-1, consumer_key=sandbox-consumer-key-0001"}},
	}
	e := newEnv(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("POST", "/my/logins/direct", nil, tc.headers...)
			if r.status != 201 {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			m := r.obj(t)
			if len(m) != 1 || m["token"] == "" {
				t.Fatalf("body %s", r.raw)
			}
			if e.s.LoginCount() != i+1 {
				t.Fatalf("login count %d", e.s.LoginCount())
			}
		})
	}
}

func TestDirectLoginErrors(t *testing.T) {
	cases := []struct {
		name    string
		headers []string
		status  int
		msg     string
	}{
		{"no header", nil, 400, "OBP-20082: Missing DirectLogin or Authorization header."},
		{"authorization without DirectLogin", []string{"Authorization", "Basic abc"}, 400,
			"OBP-20083: Missing DirectLogin word at the value of Authorization header."},
		{"missing password and consumer key", []string{"DirectLogin", "username=sandbox.admin"}, 400,
			"OBP-20002: These DirectLogin parameters are missing: password, consumer_key"},
		{"bad characters", []string{"DirectLogin", "username=sand#box, password=x, consumer_key=" + ConsumerKey}, 400,
			"OBP-20011: Value contains invalid characters"},
		{"unknown consumer", []string{"DirectLogin", "username=sandbox.admin, password=x, consumer_key=nope"}, 401,
			"OBP-20008: Invalid Consumer Key."},
		{"unknown user", []string{"DirectLogin", loginHeaderValue("nobody", "x")}, 401,
			"OBP-20004: Invalid login credentials. Check username/password."},
		{"wrong password", []string{"DirectLogin", loginHeaderValue(AdminUsername, "wrong")}, 401,
			"OBP-20004: Invalid login credentials. Check username/password."},
	}
	e := newEnv(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectExact(t, e.req("POST", "/my/logins/direct", nil, tc.headers...), tc.status, tc.msg)
		})
	}
	if e.s.LoginCount() != 0 {
		t.Fatalf("failed logins counted: %d", e.s.LoginCount())
	}
}

func TestDirectLoginLockout(t *testing.T) {
	e := newEnv(t)
	token := e.login(NoRoleUsername, NoRolePassword)
	bad := []string{"DirectLogin", loginHeaderValue(NoRoleUsername, "wrong")}
	for i := 0; i < maxBadLogins; i++ {
		expectError(t, e.req("POST", "/my/logins/direct", nil, bad...), 401, "OBP-20004")
	}
	expectExact(t, e.req("POST", "/my/logins/direct", nil, bad...), 401, msgUsernameLocked)
	good := []string{"DirectLogin", loginHeaderValue(NoRoleUsername, NoRolePassword)}
	expectExact(t, e.req("POST", "/my/logins/direct", nil, good...), 401, msgUsernameLocked)
	expectExact(t, e.req("GET", v+"/users/current", nil, auth(token)...), 401, msgUsernameLocked)
	// The admin is unaffected.
	e.login(AdminUsername, AdminPassword)
}

func TestBadPasswordCounterResetsOnSuccess(t *testing.T) {
	e := newEnv(t)
	bad := []string{"DirectLogin", loginHeaderValue(AdminUsername, "wrong")}
	for i := 0; i < maxBadLogins-1; i++ {
		e.req("POST", "/my/logins/direct", nil, bad...)
	}
	e.login(AdminUsername, AdminPassword)
	for i := 0; i < maxBadLogins-1; i++ {
		expectError(t, e.req("POST", "/my/logins/direct", nil, bad...), 401, "OBP-20004")
	}
	e.login(AdminUsername, AdminPassword)
}

func TestTokenUsage(t *testing.T) {
	e := newEnv(t)
	token := e.login(AdminUsername, AdminPassword)
	e.s.AddBearerToken("bearer-123", NoRoleUsername)
	cases := []struct {
		name    string
		headers []string
		status  int
		msg     string // exact message; "" means success
	}{
		{"DirectLogin header", auth(token), 200, ""},
		{"Authorization DirectLogin", []string{"Authorization", "DirectLogin token=" + token}, 200, ""},
		{"DirectLogin wins over Basic", []string{"DirectLogin", "token=" + token, "Authorization", "Basic xyz"}, 200, ""},
		{"bearer hook", []string{"Authorization", "Bearer bearer-123"}, 200, ""},
		{"no auth", nil, 401, "OBP-20001: User not logged in. Authentication is required!"},
		{"invalid token", auth("not-a-token"), 400, "OBP-20003: This DirectLogin token is invalid or expired: not-a-token"},
		{"unsupported scheme", []string{"Authorization", "Basic xyz"}, 400, msgInvalidAuthorization},
		{"unknown bearer", []string{"Authorization", "Bearer nope"}, 400, msgOAuth2CannotVerify},
		{"missing token param", []string{"DirectLogin", "username=a"}, 400, "OBP-20002: These DirectLogin parameters are missing: token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.req("GET", v+"/users/current/user_id", nil, tc.headers...)
			if tc.msg != "" {
				expectExact(t, r, tc.status, tc.msg)
				return
			}
			if r.status != 200 || r.obj(t)["user_id"] == "" {
				t.Fatalf("%d %s", r.status, r.raw)
			}
		})
	}
}

func TestNotLoggedInHeader(t *testing.T) {
	e := newEnv(t)
	r := e.req("GET", v+"/users/current", nil)
	expectExact(t, r, 401, msgUserNotLoggedIn)
	host := strings.TrimPrefix(e.ts.URL, "http://")
	want := `OAuth realm="http://` + host + `", Bearer realm="http://` + host + `", DirectLogin realm="http://` + host + `"`
	if got := r.header.Get("WWW-Authenticate"); got != want {
		t.Fatalf("WWW-Authenticate %q, want %q", got, want)
	}
}

func TestOldTokenStaysValidAndExpireTokens(t *testing.T) {
	e := newEnv(t)
	first := e.login(AdminUsername, AdminPassword)
	second := e.login(AdminUsername, AdminPassword)
	for _, tok := range []string{first, second} {
		if r := e.req("GET", v+"/users/current", nil, auth(tok)...); r.status != 200 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	}
	e.s.AddBearerToken("b", AdminUsername)
	e.s.ExpireTokens()
	expectError(t, e.req("GET", v+"/users/current", nil, auth(first)...), 400, "OBP-20003")
	if r := e.req("GET", v+"/users/current", nil, "Authorization", "Bearer b"); r.status != 200 {
		t.Fatalf("bearer token should survive ExpireTokens: %d", r.status)
	}
}

func TestParseDirectLogin(t *testing.T) {
	got := parseDirectLogin(`DirectLogin username = "a b", password="p=q", consumer_key=k, other=x, token=`)
	want := map[string]string{"username": "ab", "password": "p=q", "consumer_key": "k"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s: got %q want %q", k, got[k], v)
		}
	}
}
