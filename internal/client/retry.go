package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

const (
	retryBase = 250 * time.Millisecond
	retryMax  = 10 * time.Second
)

// retryAfter decides whether an attempt is retried and how long to wait first.
// Only idempotent methods are retried: a POST that may have reached the server
// is never sent twice.
func (c *Core) retryAfter(method string, resp *response, err error, attempt int) (time.Duration, bool) {
	if attempt >= c.maxRetries || !idempotent(method) {
		return 0, false
	}
	if err != nil {
		if errors.As(err, new(authorizeError)) {
			return 0, false
		}
		return backoff(attempt), true
	}
	switch resp.status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return 0, false
	}
	if wait, ok := serverWait(resp.header); ok {
		return wait, true
	}
	return backoff(attempt), true
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// backoff is exponential with full jitter.
func backoff(attempt int) time.Duration {
	d := retryBase << attempt
	if d > retryMax || d <= 0 {
		d = retryMax
	}
	return d/2 + rand.N(d/2+1)
}

// serverWait reads Retry-After or OBP's X-Rate-Limit-Reset (both in seconds).
func serverWait(h http.Header) (time.Duration, bool) {
	for _, name := range []string{"Retry-After", "X-Rate-Limit-Reset"} {
		if secs, err := strconv.Atoi(h.Get(name)); err == nil && secs >= 0 {
			d := time.Duration(secs) * time.Second
			return min(d, retryMax), true
		}
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
