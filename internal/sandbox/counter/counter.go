// Package counter counts the requests an API's sandbox received, per
// endpoint. Every sandbox server embeds a Counter, so each one answers the
// same Hook: RequestCount, RequestCounts and ResetCounts.
//
// A key is the request's method, one space and the route pattern of the
// endpoint the request reached, relative to the API's base URL (and, for
// OBP, without the /obp/{version} prefix), as Key builds it:
//
//	GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}
//	GET /api/v1/open-banking/customers/{openbanking_customer_id}/accounts
//	POST /connect/token
//
// A request is counted whatever its outcome once its path (and, where the
// API routes on it, its method) names an endpoint; requests that reach no
// endpoint are not counted.
package counter

import (
	"maps"
	"sync"
)

// Hook is the request-count hook every API's sandbox exposes.
type Hook interface {
	// RequestCount returns how many requests reached the endpoint key.
	RequestCount(key string) int
	// RequestCounts returns a copy of every counter, by key.
	RequestCounts() map[string]int
	// ResetCounts clears the counters.
	ResetCounts()
}

// Key returns the counter key of a request with method to the endpoint
// whose route pattern is pattern.
func Key(method, pattern string) string { return method + " " + pattern }

// Counter implements Hook; its zero value is ready to use and it is safe for
// concurrent use.
type Counter struct {
	mu     sync.Mutex
	counts map[string]int
}

// CountRequest counts one request to the endpoint key.
func (c *Counter) CountRequest(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[key]++
}

// RequestCount returns how many requests reached the endpoint key.
func (c *Counter) RequestCount(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

// RequestCounts returns a copy of every counter, by key.
func (c *Counter) RequestCounts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := maps.Clone(c.counts)
	if out == nil {
		out = map[string]int{}
	}
	return out
}

// ResetCounts clears the counters.
func (c *Counter) ResetCounts() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = nil
}
