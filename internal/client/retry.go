package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	retryBase = 250 * time.Millisecond
	retryMax  = 10 * time.Second
	// maxServerWait caps a wait the server asks for (Retry-After,
	// X-Rate-Limit-Reset): a longer one gives up with the reset time instead.
	maxServerWait = 10 * time.Second
)

// retryAfter decides whether an attempt is retried and how long to wait first.
// A request that may have reached the handler is retried only when it is
// idempotent: a create is never sent twice blindly.
func (c *Core) retryAfter(req Request, resp *response, err error, attempt int) (time.Duration, bool) {
	if attempt >= c.maxRetries || !retryable(req, resp, err) {
		return 0, false
	}
	if resp != nil {
		if wait, ok := serverWait(resp.header, time.Now()); ok {
			return min(wait, c.waitCap), true
		}
	}
	return backoff(attempt), true
}

// noteRateLimit records on a final 429 when the server's limit resets (a
// second or more away), so that the error tells the user when to try again.
func noteRateLimit(resp *response, now time.Time) {
	if resp == nil || resp.status != http.StatusTooManyRequests {
		return
	}
	apiErr, ok := AsAPIError(resp.err)
	if !ok {
		return
	}
	if wait, ok := serverWait(resp.header, now); ok && wait >= time.Second {
		apiErr.RetryAt, apiErr.RetryIn = now.Add(wait).UTC().Truncate(time.Second), wait
		apiErr.Message += fmt.Sprintf(" (the rate limit resets at %s, in %d s; try again then)",
			apiErr.RetryAt.Format(time.RFC3339), int(wait.Round(time.Second).Seconds()))
	}
}

func retryable(req Request, resp *response, err error) bool {
	if err != nil {
		if errors.As(err, new(authorizeError)) || IsRedirectRefused(err) {
			return false
		}
		return req.idempotent() || notSent(err)
	}
	switch resp.status {
	case http.StatusTooManyRequests: // a rate limiter refuses before the request is handled
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return req.idempotent()
	}
	return false
}

// notSent reports whether a transport error happened before the request left
// the client, so the server cannot have acted on it.
func notSent(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// ambiguous reports whether a failed request may have been carried out by the
// server although its answer was lost: the connection broke after the request
// was sent, the client timed out, a gateway answered instead of the API, or
// the answer could not be read. A request cancelled while in flight is
// ambiguous too: the server may have finished it.
func ambiguous(err error) bool {
	if err == nil || errors.As(err, new(authorizeError)) || IsRedirectRefused(err) {
		return false
	}
	if apiErr, ok := AsAPIError(err); ok {
		switch apiErr.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return !notSent(err) // includes a success whose body could not be read or decoded
}

// AmbiguousError is a failed request that the server may nevertheless have
// carried out: its answer was lost. After CreateOnce, Checked says the server
// was asked and has not made the object; CheckErr is why asking failed.
type AmbiguousError struct {
	Err      error
	Checked  bool
	CheckErr error
}

func (e *AmbiguousError) Error() string {
	switch {
	case e.CheckErr != nil:
		return e.Err.Error() + "; checking whether the server made the object anyway failed too: " + e.CheckErr.Error()
	case e.Checked:
		return e.Err.Error() + "; the server has not made the object, so nothing was created"
	}
	return e.Err.Error()
}

func (e *AmbiguousError) Unwrap() error { return e.Err }

// IsAmbiguous reports whether err means "the server may have made the change".
func IsAmbiguous(err error) bool {
	var amb *AmbiguousError
	return errors.As(err, &amb)
}

// backoff is exponential with full jitter.
func backoff(attempt int) time.Duration {
	d := retryBase << attempt
	if d > retryMax || d <= 0 {
		d = retryMax
	}
	return d/2 + rand.N(d/2+1)
}

// serverWait reads Retry-After (seconds or an HTTP-date) or OBP's
// X-Rate-Limit-Reset (seconds until the limit resets).
func serverWait(h http.Header, now time.Time) (time.Duration, bool) {
	for _, name := range []string{"Retry-After", "X-Rate-Limit-Reset"} {
		v := strings.TrimSpace(h.Get(name))
		if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
		if at, err := http.ParseTime(v); err == nil && name == "Retry-After" {
			return max(at.Sub(now), 0), true
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
