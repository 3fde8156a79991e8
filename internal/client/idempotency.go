package client

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
)

// Idempotency-Key (OBP 2026): a server that knows the header answers a
// repeated request with the same key and body with the first answer instead
// of running it again, marked with Idempotency-Replay: true. Servers that do
// not know it ignore it.
const (
	HeaderIdempotencyKey    = "Idempotency-Key"
	HeaderIdempotencyReplay = "Idempotency-Replay"
	// MsgIdempotencyInFlight is the 409 answer while a request with the same key is still running.
	MsgIdempotencyInFlight = "Idempotent operation already in flight for this Idempotency-Key."
)

// NewIdempotencyKey returns a fresh random key: 32 hex characters. A key is
// never derived from the request: the same body sent by a later operation
// must run again.
func NewIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// IdempotencyHeader is the request header that carries key. Its map key is
// deliberately not in canonical form: net/http's Transport treats a request
// whose header map holds "Idempotency-Key" as safe to re-send by itself after
// a broken connection, and a server that ignores the header would then make
// the object twice. Re-sends stay with CreateOnce, which checks the server
// first. Header names are case-insensitive on the wire.
func IdempotencyHeader(key string) http.Header {
	return http.Header{strings.ToLower(HeaderIdempotencyKey): {key}}
}
