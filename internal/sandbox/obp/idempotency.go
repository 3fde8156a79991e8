package obp

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Idempotency-Key (OBP 2026): a client opts in by
// sending the header on POST, PUT, PATCH or DELETE. The first answer to a
// key is kept for 24 h and replayed, marked Idempotency-Replay: true, to a
// request with the same key and body; answers of 500 and above are not kept.
// A key is scoped to the user (or the credential when none is resolved), the
// operation and the concrete path.
const (
	headerIdempotencyKey    = "Idempotency-Key"
	headerIdempotencyReplay = "Idempotency-Replay"
	idempotencyTTL          = 24 * time.Hour
	idempotencyLockTTL      = 60 * time.Second

	msgIdempotencyInvalidKey   = "Invalid Idempotency-Key header: must be 8..255 printable ASCII characters."
	msgIdempotencyBodyMismatch = "Idempotency-Key replayed with a different request body. Use a fresh key for a different request."
	msgIdempotencyInFlight     = "Idempotent operation already in flight for this Idempotency-Key."
)

// idempotency holds the kept answers. It has its own lock: a request waits
// for the store's lock only while it runs.
type idempotency struct {
	mu      sync.Mutex
	entries map[string]*idempotencyEntry
	now     func() time.Time
	replays int
}

type idempotencyEntry struct {
	body    [32]byte  // SHA-256 of the request body
	started time.Time // while running
	done    bool
	res     response // body encoded as json.RawMessage
	expires time.Time
}

func newIdempotency(now func() time.Time) *idempotency {
	if now == nil {
		now = time.Now
	}
	return &idempotency{entries: map[string]*idempotencyEntry{}, now: now}
}

// usesIdempotency: the methods whose requests may carry a key.
func usesIdempotency(r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return r.Header.Get(headerIdempotencyKey) != ""
	}
	return false
}

// validIdempotencyKey: 8..255 characters, each 0x21–0x7E.
func validIdempotencyKey(key string) bool {
	if len(key) < 8 || len(key) > 255 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7E {
			return false
		}
	}
	return true
}

// plainError is an error answer without an OBP code.
func plainError(status int, msg string) response {
	return response{status: status, body: errorBody{Code: status, Message: msg}, header: http.Header{}}
}

// withIdempotency runs a request that carries a key: it replays the kept
// answer, refuses a conflicting or concurrent one, or runs it and keeps its answer.
func (s *Server) withIdempotency(r *http.Request, rt route, raw []byte, run func() response) (res response) {
	scope := s.idempotencyScope(r, rt) + "\x00" + r.Header.Get(headerIdempotencyKey)
	hash := sha256.Sum256(raw)
	entry, kept, ok := s.idem.begin(scope, hash)
	if !ok {
		return kept
	}
	defer func() { s.idem.finish(scope, entry, res) }()
	return run()
}

// idempotencyScope is the user (or the credential sent), the operation and the concrete path.
func (s *Server) idempotencyScope(r *http.Request, rt route) string {
	principal := "credential:" + r.Header.Get("DirectLogin") + "\x00" + r.Header.Get("Authorization")
	s.mu.Lock()
	if u, err := s.resolveUser(r); err == nil {
		principal = "user:" + u.id
	}
	s.mu.Unlock()
	return principal + "\x00" + rt.name() + "\x00" + r.URL.EscapedPath()
}

// begin claims the key for a run (ok) or answers in its place.
func (id *idempotency) begin(scope string, hash [32]byte) (*idempotencyEntry, response, bool) {
	id.mu.Lock()
	defer id.mu.Unlock()
	now := id.now()
	e, found := id.entries[scope]
	switch {
	case !found, e.done && now.After(e.expires), !e.done && now.Sub(e.started) > idempotencyLockTTL:
		e = &idempotencyEntry{body: hash, started: now}
		id.entries[scope] = e
		return e, response{}, true
	case e.body != hash:
		return nil, plainError(http.StatusConflict, msgIdempotencyBodyMismatch), false
	case !e.done:
		return nil, plainError(http.StatusConflict, msgIdempotencyInFlight), false
	}
	id.replays++
	return nil, e.res.replayed(), false
}

// IdempotencyReplays is how many requests were answered with a kept answer.
func (s *Server) IdempotencyReplays() int {
	s.idem.mu.Lock()
	defer s.idem.mu.Unlock()
	return s.idem.replays
}

// finish keeps an answer below 500 and forgets the key otherwise.
func (id *idempotency) finish(scope string, e *idempotencyEntry, res response) {
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.entries[scope] != e {
		return
	}
	if res.status == 0 || res.status >= 500 {
		delete(id.entries, scope)
		return
	}
	e.done, e.expires = true, id.now().Add(idempotencyTTL)
	e.res = res.kept()
}

// kept is a copy of the answer that later requests cannot change.
func (res response) kept() response {
	out := response{status: res.status, header: res.header.Clone()}
	if res.status != http.StatusNoContent {
		out.body = json.RawMessage(encodeJSON(res.body))
	}
	return out
}

// replayed is a kept answer marked as a replay.
func (res response) replayed() response {
	out := res
	out.header = res.header.Clone()
	if out.header == nil {
		out.header = http.Header{}
	}
	out.header.Set(headerIdempotencyReplay, "true")
	return out
}
