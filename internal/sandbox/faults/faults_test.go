package faults

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func newServer(t *testing.T) (*Injector, *httptest.Server, *atomic.Int32, *atomic.Int32) {
	t.Helper()
	var handled, expired atomic.Int32
	in := New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		handled.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"ok":true,"padding":"`+strings.Repeat("x", 100)+`"}`)
	}), func() { expired.Add(1) })
	srv := httptest.NewServer(in)
	t.Cleanup(srv.Close)
	return in, srv, &handled, &expired
}

// answer is what a client got.
type answer struct {
	StatusCode int
	Header     http.Header
}

func post(t *testing.T, url string) (answer, string, error) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(`{}`))
	if err != nil {
		return answer{}, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return answer{StatusCode: resp.StatusCode, Header: resp.Header}, string(body), err
}

func TestInjector_noFaultsPassesThrough(t *testing.T) {
	_, srv, handled, _ := newServer(t)
	resp, body, err := post(t, srv.URL)
	if err != nil || resp.StatusCode != http.StatusCreated || !strings.HasPrefix(body, `{"ok":true`) {
		t.Fatalf("got %v %v %q", resp, err, body)
	}
	if handled.Load() != 1 {
		t.Fatalf("handled %d times", handled.Load())
	}
}

func TestInjector_rateLimitAnswerLikeOBP(t *testing.T) {
	in, srv, handled, _ := newServer(t)
	in.Set(Config{ErrorRates: map[int]float64{429: 1}, RateLimitReset: 3})
	resp, body, err := post(t, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || resp.Header.Get("X-Rate-Limit-Reset") != "3" ||
		resp.Header.Get("X-Rate-Limit-Remaining") != "0" || !strings.Contains(body, "OBP-10018: Too Many Requests.") {
		t.Fatalf("got %d %v %q", resp.StatusCode, resp.Header, body)
	}
	if handled.Load() != 0 || in.Counts()["status 429"] != 1 {
		t.Fatalf("handled %d, counts %v", handled.Load(), in.Counts())
	}
}

func TestInjector_gatewayErrorIsHTML(t *testing.T) {
	in, srv, _, _ := newServer(t)
	in.Set(Config{ErrorRates: map[int]float64{503: 1}})
	resp, body, err := post(t, srv.URL)
	if err != nil || resp.StatusCode != 503 || resp.Header.Get("Content-Type") != "text/html" ||
		!strings.Contains(body, "<h1>503 Service Unavailable</h1>") {
		t.Fatalf("got %v %v %q", resp, err, body)
	}
}

// 504 is OBP-API 2026's endpoint timeout: JSON without a code, after the
// handler ran.
func TestInjector_endpointTimeoutLikeOBP(t *testing.T) {
	in, srv, handled, _ := newServer(t)
	in.Set(Config{ErrorRates: map[int]float64{504: 1}})
	resp, body, err := post(t, srv.URL)
	if err != nil || resp.StatusCode != 504 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
		body != `{"message":"Request timeout: backend service did not respond within 55000ms."}` {
		t.Fatalf("got %v %v %q", resp, err, body)
	}
	if handled.Load() != 1 || in.Counts()["status 504"] != 1 {
		t.Fatalf("handled %d, counts %v", handled.Load(), in.Counts())
	}
	if cfg, err := Parse("504=0.25"); err != nil || cfg.ErrorRates[504] != 0.25 {
		t.Fatalf("Parse 504: %+v %v", cfg, err)
	}
}

// An API's own Answer writes the statuses injected under its prefix, the
// longest prefix winning; other paths keep the default answers.
func TestInjector_answerUnderPrefix(t *testing.T) {
	var handled atomic.Int32
	answer := func(name string) Answer {
		return func(w http.ResponseWriter, r *http.Request, status int) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"api":"`+name+`","path":"`+r.URL.Path+`"}`)
		}
	}
	in := New(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { handled.Add(1) }), nil,
		AnswerUnder("/api/", answer("api")), AnswerUnder("/api/v2/", answer("v2")))
	srv := httptest.NewServer(in)
	t.Cleanup(srv.Close)
	in.Set(Config{ErrorRates: map[int]float64{503: 1}})
	for path, want := range map[string]string{
		"/api/x":    `{"api":"api","path":"/api/x"}`,
		"/api/v2/x": `{"api":"v2","path":"/api/v2/x"}`,
		"/other":    "<h1>503 Service Unavailable</h1>",
	} {
		resp, body, err := post(t, srv.URL+path)
		if err != nil || resp.StatusCode != 503 || !strings.Contains(body, want) {
			t.Errorf("%s: got %v %v %q, want %q", path, resp, err, body, want)
		}
	}
	in.Set(Config{ErrorRates: map[int]float64{504: 1}})
	resp, body, err := post(t, srv.URL+"/api/y")
	if err != nil || resp.StatusCode != 504 || body != `{"api":"api","path":"/api/y"}` || handled.Load() != 1 {
		t.Errorf("504: got %v %v %q, handled %d", resp, err, body, handled.Load())
	}
}

// Next limits the faults to the next n requests Match accepts; Set starts
// the count again.
func TestInjector_nextRequests(t *testing.T) {
	in, srv, handled, _ := newServer(t)
	statuses := func(paths ...string) []int {
		var got []int
		for _, path := range paths {
			resp, _, err := post(t, srv.URL+path)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, resp.StatusCode)
		}
		return got
	}
	in.Set(Config{ErrorRates: map[int]float64{503: 1}, Next: 2})
	if got := statuses("/", "/", "/", "/"); !slices.Equal(got, []int{503, 503, 201, 201}) {
		t.Errorf("Next 2: %v", got)
	}
	if handled.Load() != 2 || in.Counts()["status 503"] != 2 {
		t.Errorf("handled %d, counts %v", handled.Load(), in.Counts())
	}
	in.Set(Config{ErrorRates: map[int]float64{503: 1}, Next: 1, Match: func(r *http.Request) bool { return r.URL.Path == "/b" }})
	if got := statuses("/a", "/b", "/a", "/b"); !slices.Equal(got, []int{201, 503, 201, 201}) {
		t.Errorf("Next 1 with Match: %v", got)
	}
}

func TestInjector_resetBeforeHandler(t *testing.T) {
	in, srv, handled, _ := newServer(t)
	in.Set(Config{ResetBefore: 1})
	if _, _, err := post(t, srv.URL); err == nil {
		t.Fatal("want a connection error")
	}
	if handled.Load() != 0 || in.Counts()[KindResetBefore] != 1 {
		t.Fatalf("handled %d, counts %v", handled.Load(), in.Counts())
	}
}

func TestInjector_resetAfterHandlerRan(t *testing.T) {
	in, srv, handled, _ := newServer(t)
	in.Set(Config{ResetAfter: 1})
	_, _, err := post(t, srv.URL)
	if err == nil || (!errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "reset")) {
		t.Fatalf("want EOF or reset, got %v", err)
	}
	if handled.Load() != 1 {
		t.Fatalf("handler ran %d times, want 1", handled.Load())
	}
}

func TestInjector_latencyAndSlowBody(t *testing.T) {
	in, srv, _, _ := newServer(t)
	in.Set(Config{Latency: 30 * time.Millisecond, SlowBody: 40 * time.Millisecond})
	start := time.Now()
	resp, body, err := post(t, srv.URL)
	if err != nil || resp.StatusCode != http.StatusCreated || !strings.HasSuffix(body, `"}`) {
		t.Fatalf("got %v %v %q", resp, err, body)
	}
	if d := time.Since(start); d < 70*time.Millisecond {
		t.Fatalf("answered in %v, want at least 70ms", d)
	}
}

func TestInjector_expireTokens(t *testing.T) {
	in, srv, handled, expired := newServer(t)
	in.Set(Config{ExpireTokens: 1})
	if _, _, err := post(t, srv.URL); err != nil {
		t.Fatal(err)
	}
	if expired.Load() != 1 || handled.Load() != 1 {
		t.Fatalf("expired %d, handled %d", expired.Load(), handled.Load())
	}
}

func TestInjector_seedRepeatsSequence(t *testing.T) {
	in, srv, _, _ := newServer(t)
	run := func() []int {
		in.Set(Config{ErrorRates: map[int]float64{503: 0.5}, Seed: 42})
		var got []int
		for range 20 {
			resp, _, err := post(t, srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, resp.StatusCode)
		}
		return got
	}
	first, second := run(), run()
	if len(first) != len(second) {
		t.Fatal("length differs")
	}
	failures := 0
	for i := range first {
		if first[i] != second[i] {
			t.Fatalf("sequences differ at %d: %v vs %v", i, first, second)
		}
		if first[i] == 503 {
			failures++
		}
	}
	if failures == 0 || failures == 20 {
		t.Fatalf("%d of 20 failed at rate 0.5", failures)
	}
}

func TestParse(t *testing.T) {
	cfg, err := Parse("latency=20ms, slow-body=1s,503=0.05,429=0.5,rate-limit-reset=2,reset-before=0.01,reset-after=0.02,expire-tokens=0.1,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Latency != 20*time.Millisecond || cfg.SlowBody != time.Second || cfg.ErrorRates[503] != 0.05 ||
		cfg.ErrorRates[429] != 0.5 || cfg.RateLimitReset != 2 || cfg.ResetBefore != 0.01 ||
		cfg.ResetAfter != 0.02 || cfg.ExpireTokens != 0.1 || cfg.Seed != 7 {
		t.Fatalf("got %+v", cfg)
	}
	if cfg, err := Parse(""); err != nil || cfg.active() {
		t.Fatalf("empty spec: %+v %v", cfg, err)
	}
}

func TestParse_errors(t *testing.T) {
	for spec, want := range map[string]string{
		"latency":        `fault "latency": want key=value`,
		"latency=fast":   `fault "latency=fast": time: invalid duration "fast"`,
		"503=2":          `fault "503=2": rate "2": want a number from 0 to 1`,
		"200=0.1":        `fault "200=0.1": unknown key "200"`,
		"jitter=1ms":     `fault "jitter=1ms": unknown key "jitter"`,
		"reset-after=-1": `fault "reset-after=-1": rate "-1": want a number from 0 to 1`,
	} {
		_, err := Parse(spec)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want prefix %q", spec, err, want)
		}
	}
}
