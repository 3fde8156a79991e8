// Package faults wraps a sandbox handler with injected failures: latency,
// slow bodies, error statuses, connections reset before or after the handler
// ran, and expired tokens. The configuration can change at any time, so one
// test can turn faults on for some steps only.
//
// Injected statuses are answered like OBP by default (its rate limiter for
// 429, its endpoint timeout for 504, a gateway's HTML page otherwise). An API
// with an error format of its own supplies an Answer for the paths it is
// served under, with the AnswerUnder option of New:
//
//	in := faults.New(threddServer, nil, faults.AnswerUnder("/", thredd.AnswerFault))
//
// Config.Match limits the faults to some requests and Config.Next to the next
// n of them, so that exactly the next two requests fail with 503:
//
//	in.Set(faults.Config{ErrorRates: map[int]float64{503: 1}, Next: 2})
package faults

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config says which faults to inject. The zero value injects none. Rates are
// probabilities per request, from 0 to 1.
type Config struct {
	// Latency is added before every request is handled.
	Latency time.Duration
	// SlowBody spreads the writing of every response body over this long.
	SlowBody time.Duration
	// ErrorRates maps an HTTP status to the rate at which requests get it
	// instead of reaching the handler; for 504 the handler runs (the change
	// is made) but its answer is replaced. By default 429 is OBP's own
	// rate-limit answer with X-Rate-Limit-* headers, 504 is OBP-API 2026's
	// endpoint timeout {"message":"Request timeout: …"} without a code and
	// other statuses are a gateway's HTML page; under a prefix given to
	// AnswerUnder, that Answer writes every status.
	ErrorRates map[int]float64
	// RateLimitReset is the X-Rate-Limit-Reset (seconds) of OBP's injected 429s.
	RateLimitReset int
	// ResetBefore is the rate of connections closed before the handler runs.
	ResetBefore float64
	// ResetAfter is the rate of connections closed after the handler ran, so
	// the change is made but the client never sees the answer.
	ResetAfter float64
	// ExpireTokens is the rate of requests before which every token is expired.
	ExpireTokens float64
	// Seed makes the sequence of injected faults repeatable.
	Seed uint64
	// Match, when set, limits the faults (but not latency or slow bodies) to
	// the requests it accepts.
	Match func(*http.Request) bool
	// Next, when above 0, limits the faults (but not latency or slow bodies)
	// to the next Next requests after Set that Match accepts; the ones after
	// them pass untouched.
	Next int
}

func (c Config) active() bool {
	return c.Latency > 0 || c.SlowBody > 0 || len(c.ErrorRates) > 0 ||
		c.ResetBefore > 0 || c.ResetAfter > 0 || c.ExpireTokens > 0
}

// Fault kinds, as counted by Injector.Counts.
const (
	KindStatus       = "status"
	KindResetBefore  = "reset-before"
	KindResetAfter   = "reset-after"
	KindExpireTokens = "expire-tokens"
)

// Injector is an http.Handler that injects faults in front of another one.
type Injector struct {
	next    http.Handler
	expire  func()
	answers map[string]Answer // by path prefix
	cfg     atomic.Pointer[Config]

	mu      sync.Mutex // guards rng, counts and matched
	rng     *rand.Rand
	counts  map[string]int
	matched int // requests considered for faults since Set, for Config.Next
}

// Answer writes an injected error status the way an API answers it.
type Answer func(w http.ResponseWriter, r *http.Request, status int)

// Option configures an Injector made by New.
type Option func(*Injector)

// AnswerUnder has answer write the injected statuses of the requests whose
// URL path starts with prefix ("/" for every request); when prefixes
// overlap, the longest wins.
func AnswerUnder(prefix string, answer Answer) Option {
	return func(in *Injector) { in.answers[prefix] = answer }
}

// New wraps next. expire is called to expire every token (nil when the API
// behind has none).
func New(next http.Handler, expire func(), opts ...Option) *Injector {
	in := &Injector{next: next, expire: expire, answers: map[string]Answer{}}
	for _, opt := range opts {
		opt(in)
	}
	in.Set(Config{})
	return in
}

// Set replaces the configuration and resets the random sequence and counters.
func (in *Injector) Set(cfg Config) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rng = rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	in.counts = map[string]int{}
	in.matched = 0
	in.cfg.Store(&cfg)
}

// Config returns the current configuration.
func (in *Injector) Config() Config { return *in.cfg.Load() }

// Counts returns how many faults of each kind were injected since the last
// Set; injected statuses are counted as "status <code>" and under KindStatus.
func (in *Injector) Counts() map[string]int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return maps.Clone(in.counts)
}

// decision is what happens to one request.
type decision struct {
	status      int
	resetBefore bool
	resetAfter  bool
	expire      bool
}

func (in *Injector) decide(cfg *Config) decision {
	in.mu.Lock()
	defer in.mu.Unlock()
	var d decision
	if cfg.Next > 0 && in.matched >= cfg.Next {
		return d
	}
	in.matched++
	roll := func(rate float64) bool { return rate > 0 && in.rng.Float64() < rate }
	for _, status := range sortedStatuses(cfg.ErrorRates) {
		if roll(cfg.ErrorRates[status]) {
			d.status = status
			in.counts[KindStatus]++
			in.counts["status "+strconv.Itoa(status)]++
			return d
		}
	}
	switch {
	case roll(cfg.ResetBefore):
		d.resetBefore = true
		in.counts[KindResetBefore]++
	case roll(cfg.ResetAfter):
		d.resetAfter = true
		in.counts[KindResetAfter]++
	}
	if in.expire != nil && roll(cfg.ExpireTokens) {
		d.expire = true
		in.counts[KindExpireTokens]++
	}
	return d
}

// ServeHTTP implements http.Handler.
func (in *Injector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cfg := in.cfg.Load()
	if !cfg.active() {
		in.next.ServeHTTP(w, r)
		return
	}
	if !sleep(r, cfg.Latency) {
		return
	}
	var d decision
	if cfg.Match == nil || cfg.Match(r) {
		d = in.decide(cfg)
	}
	switch {
	case d.status == http.StatusGatewayTimeout:
		in.next.ServeHTTP(httptest.NewRecorder(), r) // the server acts, its answer is lost
		in.answer(w, r, d.status, cfg.RateLimitReset)
		return
	case d.status != 0:
		in.answer(w, r, d.status, cfg.RateLimitReset)
		return
	case d.resetBefore:
		panic(http.ErrAbortHandler) // net/http closes the connection without an answer
	}
	if d.expire {
		in.expire()
	}
	rec := httptest.NewRecorder()
	in.next.ServeHTTP(rec, r)
	if d.resetAfter {
		panic(http.ErrAbortHandler)
	}
	writeSlowly(w, r, rec, cfg.SlowBody)
}

func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// EndpointTimeoutBody is OBP-API 2026's answer when an endpoint does not
// finish within long_endpoint_timeout (55 s by default): HTTP 504 with a
// message and no code.
const EndpointTimeoutBody = `{"message":"Request timeout: backend service did not respond within 55000ms."}`

// answer writes an injected status with the Answer of the longest prefix of
// the request's path, or with writeStatus under none.
func (in *Injector) answer(w http.ResponseWriter, r *http.Request, status, reset int) {
	best := -1
	var answer Answer
	for prefix, a := range in.answers {
		if len(prefix) > best && strings.HasPrefix(r.URL.Path, prefix) {
			best, answer = len(prefix), a
		}
	}
	if answer == nil {
		writeStatus(w, status, reset)
		return
	}
	answer(w, r, status)
}

// writeStatus answers like OBP's rate limiter for 429, like OBP's endpoint
// timeout for 504 and like a gateway otherwise.
func writeStatus(w http.ResponseWriter, status, reset int) {
	if status == http.StatusGatewayTimeout {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = fmt.Fprint(w, EndpointTimeoutBody)
		return
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("X-Rate-Limit-Limit", "100")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", strconv.Itoa(reset))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = fmt.Fprint(w, `{"code":429,"message":"OBP-10018: Too Many Requests. We only allow 100 requests per minute for this Consumer."}`)
		return
	}
	text := strconv.Itoa(status) + " " + http.StatusText(status)
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<html><head><title>%s</title></head><body><center><h1>%s</h1></center><hr><center>nginx</center></body></html>\n", text, text)
}

const slowChunks = 8

// writeSlowly copies a recorded answer, spreading the body over total.
func writeSlowly(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder, total time.Duration) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	body := rec.Body.Bytes()
	if total <= 0 || len(body) == 0 {
		_, _ = w.Write(body)
		return
	}
	flusher, _ := w.(http.Flusher)
	step := (len(body) + slowChunks - 1) / slowChunks
	for start := 0; start < len(body); start += step {
		_, _ = w.Write(body[start:min(start+step, len(body))])
		if flusher != nil {
			flusher.Flush()
		}
		if !sleep(r, total/slowChunks) {
			return
		}
	}
}

func sortedStatuses(rates map[int]float64) []int {
	return slices.Sorted(maps.Keys(rates))
}
