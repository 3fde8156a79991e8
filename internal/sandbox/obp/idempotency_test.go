package obp

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func withKey(h []string, key string) []string {
	return append(append([]string{}, h...), headerIdempotencyKey, key)
}

func TestIdempotency_invalidKeyRefusedOnAnyPath(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	h := e.admin()
	for _, key := range []string{"short", "has a space", strings.Repeat("k", 256), "tab\tinside-key"} {
		for _, path := range []string{customersPath, v + "/no/such/path"} {
			r := e.req("POST", path, minimalBody("Invalid Key"), withKey(h, key)...)
			expectExact(t, r, http.StatusBadRequest, msgIdempotencyInvalidKey)
		}
	}
	if r := e.req("GET", customersPath, nil, withKey(h, "short")...); r.status != http.StatusOK {
		t.Fatalf("GET with an invalid key: %d %s; GET ignores the header", r.status, r.raw)
	}
	if n := len(e.s.Customers(DefaultBankID)); n != 0 {
		t.Fatalf("%d customers created by refused requests", n)
	}
}

func TestIdempotency_sameKeyAndBodyReplaysFirstAnswer(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	h := withKey(e.admin(), "key-0123456789")
	first := e.req("POST", customersPath, minimalBody("Once"), h...)
	again := e.req("POST", customersPath, minimalBody("Once"), h...)
	if first.status != http.StatusCreated || again.status != first.status || again.raw != first.raw {
		t.Fatalf("replay: %d %s\nfirst: %d %s", again.status, again.raw, first.status, first.raw)
	}
	if first.header.Get(headerIdempotencyReplay) != "" || again.header.Get(headerIdempotencyReplay) != "true" {
		t.Fatalf("Idempotency-Replay: first %q, replay %q", first.header.Get(headerIdempotencyReplay), again.header.Get(headerIdempotencyReplay))
	}
	if ct := again.header.Get("Content-Type"); ct != first.header.Get("Content-Type") {
		t.Fatalf("replayed content type %q", ct)
	}
	if n := len(e.s.Customers(DefaultBankID)); n != 1 || e.s.IdempotencyReplays() != 1 {
		t.Fatalf("%d customers, %d replays; want 1 and 1", n, e.s.IdempotencyReplays())
	}
}

func TestIdempotency_clientErrorsReplayedToo(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	h := withKey(e.admin(), "key-4xx-0000")
	body := `{"legal_name":"No Phone"}`
	first := e.req("POST", customersPath, body, h...)
	again := e.req("POST", customersPath, body, h...)
	if first.status != http.StatusBadRequest || again.raw != first.raw || again.header.Get(headerIdempotencyReplay) != "true" {
		t.Fatalf("4xx replay: %d %s %v", again.status, again.raw, again.header)
	}
	if n := e.s.RequestCount("POST /banks/{BANK_ID}/customers"); n != 1 {
		t.Fatalf("handler ran %d times, want 1", n)
	}
}

func TestIdempotency_differentBodyConflicts(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	h := withKey(e.admin(), "key-body-0000")
	e.req("POST", customersPath, minimalBody("First"), h...)
	r := e.req("POST", customersPath, minimalBody("Second"), h...)
	expectExact(t, r, http.StatusConflict, msgIdempotencyBodyMismatch)
	if n := len(e.s.Customers(DefaultBankID)); n != 1 {
		t.Fatalf("%d customers, want 1", n)
	}
}

func TestIdempotency_scopedToUserAndPath(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	e.s.GrantRole(NoRoleUsername, DefaultBankID, roleCreateCustomer)
	key := "key-scope-0000"
	a := e.req("POST", customersPath, minimalBody("Scoped"), withKey(e.admin(), key)...)
	b := e.req("POST", customersPath, minimalBody("Scoped"), withKey(e.viewer(), key)...)
	other := e.req("POST", v+"/banks/other.bank/customers", minimalBody("Scoped"), withKey(e.admin(), key)...)
	if a.status != http.StatusCreated || b.status != http.StatusCreated || b.header.Get(headerIdempotencyReplay) != "" {
		t.Fatalf("another user with the same key: %d %s", b.status, b.raw)
	}
	if other.header.Get(headerIdempotencyReplay) != "" {
		t.Fatalf("another path with the same key was replayed: %s", other.raw)
	}
}

func TestIdempotency_keptFor24Hours(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := New(Options{Now: func() time.Time { return now }})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	e := &env{t: t, s: s, ts: ts}
	h := withKey(e.admin(), "key-ttl-00000")
	e.req("POST", customersPath, minimalBody("Day"), h...)
	now = now.Add(idempotencyTTL - time.Second)
	if r := e.req("POST", customersPath, minimalBody("Day"), h...); r.header.Get(headerIdempotencyReplay) != "true" {
		t.Fatalf("within 24 h: not replayed: %d %s", r.status, r.raw)
	}
	now = now.Add(2 * time.Second)
	if r := e.req("POST", customersPath, minimalBody("Day"), h...); r.status != http.StatusCreated || r.header.Get(headerIdempotencyReplay) != "" {
		t.Fatalf("after 24 h: %d %v, want a new create", r.status, r.header)
	}
	if n := len(s.Customers(DefaultBankID)); n != 2 {
		t.Fatalf("%d customers, want 2", n)
	}
}

func TestIdempotency_inFlightAndServerErrors(t *testing.T) {
	id := newIdempotency(nil)
	hash := [32]byte{1}
	entry, _, ok := id.begin("scope", hash)
	if !ok {
		t.Fatal("first request refused")
	}
	if _, res, ok := id.begin("scope", hash); ok || res.status != http.StatusConflict ||
		res.body.(errorBody).Message != msgIdempotencyInFlight {
		t.Fatalf("concurrent duplicate: ok=%v %+v", ok, res)
	}
	id.finish("scope", entry, response{status: http.StatusServiceUnavailable})
	if _, _, ok := id.begin("scope", hash); !ok {
		t.Fatal("a 503 answer was kept; only answers below 500 are")
	}
}

func TestIdempotency_deleteReplayed(t *testing.T) {
	e := newEnvWith(t, Options{Generation: Gen2026})
	h := e.admin()
	id := e.createCustomer(h, minimalBody("Delete Me"))["customer_id"].(string)
	path := v + "/management/cascading/banks/" + DefaultBankID + "/customers/" + id
	first := e.req("DELETE", path, nil, withKey(h, "key-delete-000")...)
	again := e.req("DELETE", path, nil, withKey(h, "key-delete-000")...)
	if first.status != http.StatusOK || again.status != http.StatusOK || again.header.Get(headerIdempotencyReplay) != "true" {
		t.Fatalf("delete replay: %d %s / %d %s", first.status, first.raw, again.status, again.raw)
	}
}
