package obp

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const v = "/obp/v5.1.0"

type env struct {
	t  *testing.T
	s  *Server
	ts *httptest.Server
}

// newEnv is a 2024 server: the handler tests pin the 2024 texts;
// generation_test.go pins where the 2026 server differs.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, Options{Generation: Gen2024})
}

func newEnvWith(t *testing.T, opts Options) *env {
	t.Helper()
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{t: t, s: s, ts: ts}
}

type reply struct {
	status int
	header http.Header
	raw    string
}

// obj decodes the body as an object.
func (r reply) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.raw), &m); err != nil {
		t.Fatalf("body is not an object: %v: %s", err, r.raw)
	}
	return m
}

func (r reply) message(t *testing.T) string {
	t.Helper()
	m := r.obj(t)
	if code, _ := m["code"].(float64); int(code) != r.status {
		t.Errorf("envelope code %v != status %d", m["code"], r.status)
	}
	msg, _ := m["message"].(string)
	return msg
}

// req sends a request. headers are name/value pairs. body: nil (none),
// string (raw JSON) or any value to marshal. JSON content type is set for bodies.
func (e *env) req(method, path string, body any, headers ...string) reply {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	r, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			r.Header.Del(headers[i])
			continue
		}
		r.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, raw: string(data)}
}

func loginHeaderValue(user, pass string) string {
	return "username=" + user + ", password=" + pass + ", consumer_key=" + ConsumerKey
}

func (e *env) login(user, pass string) string {
	e.t.Helper()
	r := e.req("POST", "/my/logins/direct", nil, "DirectLogin", loginHeaderValue(user, pass))
	if r.status != 201 {
		e.t.Fatalf("login %s: %d %s", user, r.status, r.raw)
	}
	return r.obj(e.t)["token"].(string)
}

func auth(token string) []string { return []string{"DirectLogin", "token=" + token} }

func (e *env) admin() []string  { return auth(e.login(AdminUsername, AdminPassword)) }
func (e *env) viewer() []string { return auth(e.login(NoRoleUsername, NoRolePassword)) }

// createCustomer creates a customer at the default bank and returns its JSON.
func (e *env) createCustomer(h []string, body any) map[string]any {
	e.t.Helper()
	r := e.req("POST", v+"/banks/"+DefaultBankID+"/customers", body, h...)
	if r.status != 201 {
		e.t.Fatalf("create: %d %s", r.status, r.raw)
	}
	return r.obj(e.t)
}

func minimalBody(name string) map[string]any {
	return map[string]any{"legal_name": name, "mobile_phone_number": "+44 7700 900123"}
}

func expectError(t *testing.T, r reply, status int, prefix string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if msg := r.message(t); !strings.HasPrefix(msg, prefix) {
		t.Fatalf("message %q\nwant prefix %q", msg, prefix)
	}
}

func expectExact(t *testing.T, r reply, status int, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	if got := r.message(t); got != msg {
		t.Fatalf("message %q\nwant      %q", got, msg)
	}
}

func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}
