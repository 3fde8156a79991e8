package obp

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// loginServer is an OBP stand-in: logins answer with the next status and
// body of answers (then tokens tok-1, tok-2, …); other requests go to api.
type loginServer struct {
	*httptest.Server
	mu      sync.Mutex
	headers []string // DirectLogin headers of login requests
	answers []answer
	issued  int
}

type answer struct {
	status int
	body   string
	header http.Header
}

func newLoginServer(t *testing.T, api http.HandlerFunc, answers ...answer) *loginServer {
	s := &loginServer{answers: answers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/my/logins/direct" {
			api(w, r)
			return
		}
		a := s.login(r.Header.Get("DirectLogin"))
		for k, v := range a.header {
			w.Header()[k] = v
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *loginServer) login(header string) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.headers = append(s.headers, header)
	if len(s.answers) > 0 {
		a := s.answers[0]
		s.answers = s.answers[1:]
		return a
	}
	s.issued++
	return answer{status: http.StatusCreated, body: fmt.Sprintf(`{"token":"tok-%d"}`, s.issued)}
}

func (s *loginServer) logins() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.headers...)
}

func notFound(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) }

func loginClient(t *testing.T, url, password string, maxRetries int) *Client {
	const username, consumerKey = "alice", "ck-123"
	t.Helper()
	c, err := New(Config{URL: url, Username: username, Password: password, ConsumerKey: consumerKey,
		Settings: client.Settings{MaxRetries: maxRetries}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDirectLoginHeaderQuoted: every value is sent quoted, and a value that
// would add a parameter to the header is refused before anything is sent.
func TestDirectLoginHeaderQuoted(t *testing.T) {
	s := newLoginServer(t, notFound)
	if err := loginClient(t, s.URL, "p@ss-W0rd!", 0).Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := s.logins(), []string{`username="alice", password="p@ss-W0rd!", consumer_key="ck-123"`}; len(got) != 1 || got[0] != want[0] {
		t.Fatalf("login headers %q, want %q", got, want)
	}

	injected := newLoginServer(t, notFound)
	c := loginClient(t, injected.URL, "x, consumer_key=INJECTED", 3)
	err := c.Login(context.Background())
	if err == nil || !strings.Contains(err.Error(), "password must not contain a comma") || strings.Contains(err.Error(), "INJECTED") {
		t.Fatalf("Login: %v", err)
	}
	if _, err := c.CurrentUser(context.Background()); err == nil {
		t.Fatal("CurrentUser: want the login error")
	}
	if got := injected.logins(); len(got) != 0 {
		t.Fatalf("the server received %d logins: %q", len(got), got)
	}
}

// TestRefusedLoginNeverRepeated: a login the server refuses is sent once per
// process and credential set; every later login, by any client with the
// same credentials, returns the same error without a request.
func TestRefusedLoginNeverRepeated(t *testing.T) {
	refusals := []struct {
		name   string
		status int
		msg    string
	}{
		{"wrong password", 401, "OBP-20004: Invalid login credentials. Check username/password."},
		{"locked user", 401, "OBP-20013: The user is locked."},
		{"missing role", 403, "OBP-20006: User is missing one or more roles"},
		{"unknown consumer", 401, "OBP-20008: Invalid Consumer Key."},
		{"invalid value", 400, "OBP-20002: Invalid value"},
		{"invalid login characters", 400, "OBP-20011: Invalid characters"},
		{"login disabled", 404, "OBP-10404: Not found"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			s := newLoginServer(t, notFound, answer{status: tt.status, body: fmt.Sprintf(`{"code":%d,"message":%q}`, tt.status, tt.msg)})
			first := loginClient(t, s.URL, "wrong-password", 5)
			err := first.Login(context.Background())
			if !IsLoginRefused(err) || !strings.Contains(err.Error(), tt.msg[:9]) {
				t.Fatalf("Login: %v (refused: %v)", err, IsLoginRefused(err))
			}
			for range 3 {
				if _, again := first.CurrentUser(context.Background()); !IsLoginRefused(again) {
					t.Fatalf("CurrentUser: %v", again)
				}
			}
			second := loginClient(t, s.URL, "wrong-password", 5)
			if again := second.Login(context.Background()); again == nil || again.Error() != err.Error() {
				t.Fatalf("second client: %v, want %v", again, err)
			}
			if n := len(s.logins()); n != 1 {
				t.Fatalf("the server received %d logins, want 1", n)
			}
			// Other credentials are tried.
			if err := loginClient(t, s.URL, "right-password", 0).Login(context.Background()); err != nil {
				t.Fatalf("other password: %v", err)
			}
		})
	}
}

// TestLoginRateLimitRetried: a 429 from the login limiter (OBP-10061) is
// waited out and retried; it is not a refusal.
func TestLoginRateLimitRetried(t *testing.T) {
	limited := answer{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"0"}},
		body: `{"code":429,"message":"OBP-10061: Too many login attempts."}`}
	s := newLoginServer(t, notFound, limited, limited)
	c := loginClient(t, s.URL, "pass-123", 3)
	if err := c.Login(context.Background()); err != nil {
		t.Fatalf("Login: %v", err)
	}
	if n := len(s.logins()); n != 3 {
		t.Fatalf("the server received %d logins, want 3", n)
	}
}

// refusingAPI refuses the first n tokens it sees with OBP-20003, answering
// as status (401 on 2026 servers, 400 before), quoting the token.
func refusingAPI(n, status int) http.HandlerFunc {
	var mu sync.Mutex
	refused := map[string]bool{}
	return func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("DirectLogin"), "token=")
		mu.Lock()
		refuse := refused[tok] || len(refused) < n
		refused[tok] = refuse
		mu.Unlock()
		if refuse {
			w.WriteHeader(status)
			_, _ = fmt.Fprintf(w, `{"code":%d,"message":"OBP-20003: This DirectLogin token is invalid or expired: %s"}`, status, tok)
			return
		}
		_, _ = fmt.Fprintf(w, `{"user_id":"u1","username":"alice","provider":"p","email":"","entitlements":{"list":[]}}`)
	}
}

// TestTokenRenewalConverges: a token refused again and again is renewed on
// every refusal within the retry budget, on either generation's answer.
func TestTokenRenewalConverges(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusBadRequest} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := newLoginServer(t, refusingAPI(3, status))
			c := loginClient(t, s.URL, "pass-123", 3)
			u, err := c.CurrentUser(context.Background())
			if err != nil || u.Username != "alice" {
				t.Fatalf("CurrentUser: %v", err)
			}
			if c.Logins() != 4 || len(s.logins()) != 4 {
				t.Fatalf("logins client %d server %d, want 4", c.Logins(), len(s.logins()))
			}
		})
	}
}

// TestTokenRenewalBounded: renewals stop at the retry budget; the error does
// not quote the refused token.
func TestTokenRenewalBounded(t *testing.T) {
	s := newLoginServer(t, refusingAPI(100, http.StatusUnauthorized))
	c := loginClient(t, s.URL, "pass-123", 2)
	_, err := c.CurrentUser(context.Background())
	if !client.HasCode(err, CodeInvalidToken) || strings.Contains(err.Error(), "tok-") {
		t.Fatalf("CurrentUser: %v", err)
	}
	if n := len(s.logins()); n != 3 {
		t.Fatalf("the server received %d logins, want 3 (one and two renewals)", n)
	}
}
