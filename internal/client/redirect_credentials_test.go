package client_test

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
	"github.com/openbanking/terraform-provider-openbanking/internal/client/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/truelayer"
)

// elsewhere is a server on another origin that records what reaches it.
type elsewhere struct {
	*httptest.Server
	mu       sync.Mutex
	received []string
}

func newElsewhere(t *testing.T) *elsewhere {
	e := &elsewhere{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.received = append(e.received, fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body))
		e.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(e.Close)
	return e
}

// redirecting answers every request with status and a Location on target,
// except the requests that serve answers (a login, a token request).
func redirecting(t *testing.T, status int, target string, serve map[string]string) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, ok := serve[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, body)
			return
		}
		http.Redirect(w, r, target+r.URL.Path, status)
	}))
	t.Cleanup(ts.Close)
	return ts
}

type credentialCase struct {
	name    string
	setting string
	secrets []string
	// call builds a client on origin (and auth, for TrueLayer) and sends one request.
	call func(origin, auth string) error
	// serve lists paths the origin answers instead of redirecting.
	serve map[string]string
	// authRedirects: the auth server redirects, the API answers.
	authRedirects bool
}

const (
	password    = "pass-word-123"
	consumerKey = "consumer-key-123"
	issued      = "issued-directlogin-token-123"
	accessToken = "issued-access-token-123"
	secretValue = "client-secret-123"
)

func credentialCases() []credentialCase {
	ctx := context.Background()
	login := func(origin string) *obp.Client {
		c, _ := obp.New(obp.Config{URL: origin, Username: "alice", Password: password, ConsumerKey: consumerKey})
		return c
	}
	return []credentialCase{
		{name: "DirectLogin login header", setting: "obp.url", secrets: []string{password, consumerKey},
			call: func(origin, _ string) error { return login(origin).Login(ctx) }},
		{name: "DirectLogin token", setting: "obp.url", secrets: []string{issued},
			serve: map[string]string{"/my/logins/direct": `{"token":"` + issued + `"}`},
			call: func(origin, _ string) error {
				_, err := login(origin).CurrentUser(ctx)
				return err
			}},
		{name: "static DirectLogin token", setting: "obp.url", secrets: []string{"static-token-123"},
			call: func(origin, _ string) error {
				c, _ := obp.New(obp.Config{URL: origin, Token: "static-token-123"})
				_, err := c.CurrentUser(ctx)
				return err
			}},
		{name: "OBP bearer token", setting: "obp.url", secrets: []string{"obp-bearer-123"},
			call: func(origin, _ string) error {
				c, _ := obp.New(obp.Config{URL: origin, BearerToken: "obp-bearer-123"})
				_, err := c.CurrentUser(ctx)
				return err
			}},
		{name: "CDR bearer token", setting: "cdr.url", secrets: []string{"cdr-bearer-123"},
			call: func(origin, _ string) error {
				c, _ := cdr.New(cdr.Config{URL: origin, BearerToken: "cdr-bearer-123"})
				_, err := c.Accounts(ctx, cdr.Filter{})
				return err
			}},
		{name: "Ivy API key", setting: "ivy.url", secrets: []string{"ivy-api-key-123"},
			call: func(origin, _ string) error {
				c, _ := ivy.New(ivy.Config{URL: origin, APIKey: "ivy-api-key-123"})
				_, err := c.ListAccounts(ctx)
				return err
			}},
		{name: "Thredd headers", setting: "thredd.url", secrets: []string{"thredd-bearer-123", "thredd-client-123"},
			call: func(origin, _ string) error {
				c, _ := thredd.New(thredd.Config{URL: origin, ClientID: "thredd-client-123", BearerToken: "thredd-bearer-123"})
				_, err := c.CustomerAccounts(ctx, "customer-1")
				return err
			}},
		{name: "TrueLayer token request", setting: "truelayer.auth_url", secrets: []string{secretValue}, authRedirects: true,
			call: func(api, auth string) error {
				c, _ := truelayer.New(truelayer.Config{APIURL: api, AuthURL: auth, ClientID: "tl-client", ClientSecret: secretValue})
				_, err := c.ConnectedAccounts(ctx, "connection-1", "")
				return err
			}},
		{name: "TrueLayer access token", setting: "truelayer.api_url", secrets: []string{accessToken},
			serve: map[string]string{truelayer.TokenPath: `{"access_token":"` + accessToken + `","token_type":"Bearer","expires_in":3600}`},
			call: func(api, auth string) error {
				c, _ := truelayer.New(truelayer.Config{APIURL: api, AuthURL: auth, ClientID: "tl-client", ClientSecret: secretValue})
				_, err := c.ConnectedAccounts(ctx, "connection-1", "")
				return err
			}},
	}
}

// TestRedirectElsewhereSendsNoCredential: when the configured server
// redirects to another origin, no credential of any client reaches it, and
// the error names both URLs and the setting to change.
func TestRedirectElsewhereSendsNoCredential(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusFound} {
		for _, tc := range credentialCases() {
			t.Run(fmt.Sprintf("%d %s", status, tc.name), func(t *testing.T) {
				evil := newElsewhere(t)
				origin := redirecting(t, status, evil.URL, tc.serve)
				api, auth := origin.URL, origin.URL
				if tc.authRedirects {
					api = evil.URL + "/api-not-reached"
				}
				err := tc.call(api, auth)
				checkNothingDelivered(t, evil, tc.secrets)
				if err == nil {
					t.Fatal("want an error for the refused redirect")
				}
				msg := err.Error()
				for _, want := range []string{origin.URL + "/", evil.URL + "/", "set " + tc.setting + " to " + evil.URL} {
					if !strings.Contains(msg, want) {
						t.Errorf("error does not contain %q:\n%s", want, msg)
					}
				}
				for _, s := range tc.secrets {
					if strings.Contains(msg, s) {
						t.Errorf("error contains the secret %q", s)
					}
				}
			})
		}
	}
}

func checkNothingDelivered(t *testing.T, evil *elsewhere, secrets []string) {
	t.Helper()
	evil.mu.Lock()
	defer evil.mu.Unlock()
	for _, r := range evil.received {
		for _, s := range secrets {
			if strings.Contains(r, s) {
				t.Errorf("the other origin received the credential %q: %s", s, r)
			}
		}
	}
	if len(evil.received) > 0 {
		t.Errorf("the other origin received %d requests: %q", len(evil.received), evil.received)
	}
}

// TestSameOriginRedirectFollowed: a redirect within the configured origin is
// followed with the credential; a loop stops after a few hops.
func TestSameOriginRedirectFollowed(t *testing.T) {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, ts.URL+"/new", http.StatusPermanentRedirect)
		case "/new":
			_, _ = fmt.Fprintf(w, `{"key":%q}`, r.Header.Get("X-Key"))
		default:
			http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
		}
	}))
	t.Cleanup(ts.Close)
	core, err := client.New(ts.URL, client.Settings{}, client.CoreOptions{Auth: client.StaticHeaders{"X-Key": {"k-123"}}})
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Key string }
	if err := core.Do(context.Background(), client.Request{Method: http.MethodGet, Path: "/old"}, &out); err != nil || out.Key != "k-123" {
		t.Fatalf("same-origin redirect: err %v, key %q", err, out.Key)
	}
	err = core.Do(context.Background(), client.Request{Method: http.MethodGet, Path: "/loop"}, nil)
	if err == nil || !strings.Contains(err.Error(), "stopped after 5 redirects") {
		t.Fatalf("redirect loop: %v", err)
	}
}
