package cdr

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
)

// CDS header names.
const (
	headerVersion       = "x-v"
	headerMinVersion    = "x-min-v"
	headerInteractionID = "x-fapi-interaction-id"
	headerAuthDate      = "x-fapi-auth-date"
	headerCustomerIP    = "x-fapi-customer-ip-address"
	headerClientHeaders = "x-cds-client-headers"
)

// exchange records the interaction id sent and the response headers of the
// last attempt of one call.
type exchange struct {
	mu     sync.Mutex
	sentID string
	header http.Header
}

type exchangeKey struct{}

func withExchange(ctx context.Context) (context.Context, *exchange) {
	ex := &exchange{}
	return context.WithValue(ctx, exchangeKey{}, ex), ex
}

func (ex *exchange) result() (string, http.Header) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.sentID, ex.header
}

// interactionTransport gives every attempt a fresh x-fapi-interaction-id
// and records the answer's headers for the caller.
type interactionTransport struct{ next http.RoundTripper }

func (t interactionTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := newUUID()
	req = req.Clone(req.Context())
	req.Header.Set(headerInteractionID, id)
	resp, err := t.next.RoundTrip(req)
	if ex, ok := req.Context().Value(exchangeKey{}).(*exchange); ok {
		ex.mu.Lock()
		ex.sentID = id
		if err == nil {
			ex.header = resp.Header.Clone()
		}
		ex.mu.Unlock()
	}
	return resp, err
}

// newUUID returns an RFC 4122 version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
