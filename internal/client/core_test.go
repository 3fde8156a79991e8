package client

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorded is what a test server saw of one request.
type recorded struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   string
}

// testServer answers with handler and records every request.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
}

func newTestServer(t *testing.T, handler http.HandlerFunc) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts.mu.Lock()
		ts.requests = append(ts.requests, recorded{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: string(body),
		})
		ts.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) count() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.requests)
}

func (ts *testServer) last(t *testing.T) recorded {
	t.Helper()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(ts.requests) == 0 {
		t.Fatal("server saw no request")
	}
	return ts.requests[len(ts.requests)-1]
}

func newTestCore(t *testing.T, baseURL string, opts CoreOptions) *Core {
	t.Helper()
	c, err := NewCore(http.DefaultClient, baseURL, opts)
	if err != nil {
		t.Fatalf("NewCore: %v", err)
	}
	return c
}

// reply writes a fixed answer.
func reply(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		switch contentType {
		case "":
		case "-": // no Content-Type at all (stops net/http sniffing one)
			w.Header()["Content-Type"] = nil
		default:
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestNewCoreRejectsInvalidURL(t *testing.T) {
	for _, u := range []string{"", "localhost:8080", "/obp", "http://", "://x"} {
		if _, err := NewCore(http.DefaultClient, u, CoreOptions{}); err == nil {
			t.Errorf("NewCore(%q): want error", u)
		}
	}
	c, err := NewCore(http.DefaultClient, "https://api.example.com/", CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.BaseURL(); got != "https://api.example.com" {
		t.Errorf("BaseURL() = %q, want trailing slash trimmed", got)
	}
}

func TestAPIErrorFromEnvelope(t *testing.T) {
	const msg = "OBP-30046: Customer not found. Please specify a valid value for CUSTOMER_ID.. Current CustomerId(abc)"
	ts := newTestServer(t, reply(404, "application/json", `{"code":404,"message":"`+msg+`"}`))
	c := newTestCore(t, ts.URL, CoreOptions{})
	var out map[string]any
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/banks/b/customers/abc"}, &out)
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("want *APIError, got %T %v", err, err)
	}
	if apiErr.StatusCode != 404 || apiErr.Code != "OBP-30046" || apiErr.Message != msg {
		t.Errorf("got status %d code %q message %q", apiErr.StatusCode, apiErr.Code, apiErr.Message)
	}
	if apiErr.Method != "GET" || apiErr.Path != "/banks/b/customers/abc" {
		t.Errorf("got method %q path %q", apiErr.Method, apiErr.Path)
	}
	if want := "GET /banks/b/customers/abc returned HTTP 404: " + msg; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !IsNotFound(err) || !HasCode(err, "OBP-30046") || HasCode(err, "OBP-30001") {
		t.Errorf("IsNotFound/HasCode wrong for %v", err)
	}
}

func TestAPIErrorChainedCodes(t *testing.T) {
	const msg = "OBP-50200: Connector cannot return the data we requested. <- OBP-30310: Customer's Address not found by CUSTOMER_ADDRESS_ID. "
	body, _ := json.Marshal(map[string]any{"code": 400, "message": msg})
	ts := newTestServer(t, reply(400, "application/json", string(body)))
	c := newTestCore(t, ts.URL, CoreOptions{})
	err := c.Do(context.Background(), Request{Method: "DELETE", Path: "/x"}, nil)
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("want *APIError, got %v", err)
	}
	if got := strings.Join(apiErr.Codes, ","); got != "OBP-50200,OBP-30310" {
		t.Errorf("Codes = %q", got)
	}
	if apiErr.Code != "OBP-50200" {
		t.Errorf("Code = %q, want the first code", apiErr.Code)
	}
	if apiErr.Message != strings.TrimSpace(msg) {
		t.Errorf("Message = %q, want trimmed message", apiErr.Message)
	}
	for _, code := range []string{"OBP-50200", "OBP-30310"} {
		if !apiErr.HasCode(code) || !HasCode(err, code) {
			t.Errorf("HasCode(%s) = false", code)
		}
	}
	if apiErr.HasCode("OBP-30046") || IsNotFound(err) {
		t.Error("unexpected HasCode(OBP-30046) or IsNotFound")
	}
}

func TestDecodeMessageErrorNonJSONBodies(t *testing.T) {
	longHTML := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("x", 300) + "</body></html>"
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        []string
		notWant     []string
	}{
		{
			name: "html page", status: 502, contentType: "text/html; charset=utf-8",
			body: "<html>\n  <body>\n    <h1>502 Bad Gateway</h1>\n  </body>\n</html>",
			want: []string{"returned HTTP 502: unexpected text/html response: <html> <body> <h1>502 Bad Gateway</h1> </body> </html>"},
		},
		{
			name: "long html is truncated", status: 500, contentType: "text/html",
			body:    longHTML,
			want:    []string{"unexpected text/html response: <html><head><title>502 Bad Gateway</title>", "…"},
			notWant: []string{"</html>"},
		},
		{name: "empty body", status: 503, contentType: "application/json", body: "", want: []string{"returned HTTP 503: empty response body"}},
		{name: "whitespace body", status: 500, body: " \n\t", want: []string{"empty response body"}},
		{name: "sniffed plain text", status: 500, body: "boom", want: []string{"unexpected text/plain response: boom"}},
		{name: "plain text without content type", status: 500, contentType: "-", body: "boom", want: []string{"unexpected unknown content type response: boom"}},
		{name: "json without message", status: 500, contentType: "application/json", body: `{"error":"x"}`,
			want: []string{`unexpected application/json response: {"error":"x"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, reply(tt.status, tt.contentType, tt.body))
			c := newTestCore(t, ts.URL, CoreOptions{})
			err := c.Do(context.Background(), Request{Method: "GET", Path: "/p"}, &map[string]any{})
			apiErr, ok := AsAPIError(err)
			if !ok {
				t.Fatalf("want *APIError, got %v", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != "" || len(apiErr.Codes) != 0 {
				t.Errorf("status %d code %q codes %v", apiErr.StatusCode, apiErr.Code, apiErr.Codes)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q contains %q", err, w)
				}
			}
		})
	}
}

func TestDecodeMessageErrorDirect(t *testing.T) {
	h := http.Header{"Content-Type": {"text/html"}}
	err := DecodeMessageError("PUT", "/a", 418, h, []byte(`{"code":418,"message":"  OBP-10001: Incorrect json format.  "}`))
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.Message != "OBP-10001: Incorrect json format." || apiErr.Code != "OBP-10001" || apiErr.StatusCode != 418 {
		t.Fatalf("got %#v", err)
	}
	// A JSON message of "" keeps the envelope; Error() falls back to the status text.
	err = DecodeMessageError("GET", "/b", 404, nil, []byte(`{"code":404,"message":""}`))
	if got, want := err.Error(), "GET /b returned HTTP 404: Not Found"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParseCodes(t *testing.T) {
	tests := map[string][]string{
		"":                             nil,
		"no code here":                 nil,
		"OBP-1234: too short":          nil,
		"OBP-20006: missing":           {"OBP-20006"},
		"OBP-10016: a.  <- OBP-10025:": {"OBP-10016", "OBP-10025"},
	}
	for msg, want := range tests {
		got := ParseCodes(msg)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("ParseCodes(%q) = %v, want %v", msg, got, want)
		}
	}
}

func TestSuccessWithNonJSONBody(t *testing.T) {
	ts := newTestServer(t, reply(200, "text/html", "<html>login page</html>"))
	c := newTestCore(t, ts.URL, CoreOptions{})
	var out struct{ ID string }
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/obp/v5.1.0/banks"}, &out)
	if err == nil {
		t.Fatal("want error")
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("a 2xx answer should not be an APIError: %v", err)
	}
	for _, w := range []string{"GET /obp/v5.1.0/banks", "HTTP 200", "not the expected JSON", "<html>login page</html>"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	// Without a result the body is not decoded.
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil); err != nil {
		t.Errorf("out == nil: %v", err)
	}
}

func TestSuccessDecodes(t *testing.T) {
	ts := newTestServer(t, reply(201, "application/json", `{"id":"abc","n":3}`))
	c := newTestCore(t, ts.URL, CoreOptions{})
	var out struct {
		ID string `json:"id"`
		N  int    `json:"n"`
	}
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{"a": 1}}, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "abc" || out.N != 3 {
		t.Errorf("got %+v", out)
	}
	// 204 / empty body leaves out untouched.
	ts2 := newTestServer(t, reply(204, "", ""))
	c2 := newTestCore(t, ts2.URL, CoreOptions{})
	out.ID = "kept"
	if err := c2.Do(context.Background(), Request{Method: "DELETE", Path: "/x"}, &out); err != nil || out.ID != "kept" {
		t.Errorf("204: err %v, out %+v", err, out)
	}
}

func TestEncodeBodyError(t *testing.T) {
	ts := newTestServer(t, reply(200, "application/json", "{}"))
	c := newTestCore(t, ts.URL, CoreOptions{})
	err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]any{"f": func() {}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "encoding request body") {
		t.Errorf("got %v", err)
	}
	if ts.count() != 0 {
		t.Errorf("server saw %d requests", ts.count())
	}
}

func TestIsNotFound(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{NewAPIError("GET", "/", 404, "OBP-30046: x"), true},
		{NewAPIError("GET", "/", 404, ""), true},
		{NewAPIError("GET", "/", 400, "OBP-30046: x"), false},
		{NewAPIError("GET", "/", 410, ""), false},
		{NewAPIError("GET", "/", 500, ""), false},
		{errors.New("404 not found"), false},
		{nil, false},
		{wrapErr{NewAPIError("GET", "/", 404, "")}, true},
	}
	for i, tt := range tests {
		if got := IsNotFound(tt.err); got != tt.want {
			t.Errorf("%d: IsNotFound(%v) = %v, want %v", i, tt.err, got, tt.want)
		}
	}
}

type wrapErr struct{ err error }

func (w wrapErr) Error() string { return "wrapped: " + w.err.Error() }
func (w wrapErr) Unwrap() error { return w.err }

// statusSequence answers the given statuses in order, then 200 {"ok":true}.
func statusSequence(header http.Header, statuses ...int) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, _ *http.Request) {
		i := int(n.Add(1)) - 1
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			_, _ = io.WriteString(w, `{"code":`+strconv.Itoa(statuses[i])+`,"message":"OBP-10018: Too Many Requests."}`)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}
}

func TestRetries(t *testing.T) {
	zeroRetryAfter := http.Header{"Retry-After": {"0"}}
	tests := []struct {
		name       string
		method     string
		maxRetries int
		header     http.Header
		statuses   []int
		wantOK     bool
		wantStatus int
		wantCount  int
	}{
		{"GET 503 twice then 200", "GET", 3, zeroRetryAfter, []int{503, 503}, true, 0, 3},
		{"GET 429 502 504 then 200", "GET", 3, zeroRetryAfter, []int{429, 502, 504}, true, 0, 4},
		{"X-Rate-Limit-Reset 0", "GET", 3, http.Header{"X-Rate-Limit-Reset": {"0"}}, []int{429, 429}, true, 0, 3},
		{"GET retries exhausted", "GET", 2, zeroRetryAfter, []int{503, 503, 503, 503}, false, 503, 3},
		{"PUT is retried", "PUT", 1, zeroRetryAfter, []int{503}, true, 0, 2},
		{"DELETE is retried", "DELETE", 1, zeroRetryAfter, []int{502}, true, 0, 2},
		{"POST is not retried", "POST", 3, zeroRetryAfter, []int{503}, false, 503, 1},
		{"MaxRetries 0", "GET", 0, zeroRetryAfter, []int{503}, false, 503, 1},
		{"500 is not retried", "GET", 3, zeroRetryAfter, []int{500}, false, 500, 1},
		{"400 is not retried", "GET", 3, zeroRetryAfter, []int{400}, false, 400, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, statusSequence(tt.header, tt.statuses...))
			c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: tt.maxRetries})
			var out struct {
				OK bool `json:"ok"`
			}
			start := time.Now()
			err := c.Do(context.Background(), Request{Method: tt.method, Path: "/r"}, &out)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("took %v: server wait of 0 s not honoured", elapsed)
			}
			if tt.wantOK {
				if err != nil || !out.OK {
					t.Fatalf("err %v, out %+v", err, out)
				}
			} else {
				apiErr, ok := AsAPIError(err)
				if !ok || apiErr.StatusCode != tt.wantStatus {
					t.Fatalf("want APIError %d, got %v", tt.wantStatus, err)
				}
			}
			if got := ts.count(); got != tt.wantCount {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCount)
			}
		})
	}
}

func TestRetryBackoffWithoutServerWait(t *testing.T) {
	ts := newTestServer(t, statusSequence(nil, 503))
	c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: 1})
	start := time.Now()
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/r"}, nil); err != nil {
		t.Fatal(err)
	}
	// First backoff is 125–250 ms (retryBase with full jitter on the upper half).
	if elapsed := time.Since(start); elapsed < retryBase/2 || elapsed > 5*time.Second {
		t.Errorf("elapsed %v, want at least %v", elapsed, retryBase/2)
	}
	if ts.count() != 2 {
		t.Errorf("server saw %d requests", ts.count())
	}
}

func TestServerWait(t *testing.T) {
	tests := []struct {
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{http.Header{}, 0, false},
		{http.Header{"Retry-After": {"0"}}, 0, true},
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {"3600"}}, time.Hour, true},
		{http.Header{"Retry-After": {"-1"}}, 0, false},
		{http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:00 GMT"}}, 0, true},
		{http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:30 GMT"}}, 30 * time.Second, true},
		{http.Header{"X-Rate-Limit-Reset": {"2"}}, 2 * time.Second, true},
		{http.Header{"Retry-After": {"1"}, "X-Rate-Limit-Reset": {"5"}}, time.Second, true},
		{http.Header{"Retry-After": {"soon"}, "X-Rate-Limit-Reset": {"5"}}, 5 * time.Second, true},
	}
	for i, tt := range tests {
		got, ok := serverWait(tt.header, time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC))
		if got != tt.want || ok != tt.ok {
			t.Errorf("%d: serverWait(%v) = %v, %v; want %v, %v", i, tt.header, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	for attempt := 0; attempt < 70; attempt++ {
		d := retryBase << attempt
		if d > retryMax || d <= 0 {
			d = retryMax
		}
		for range 20 {
			got := backoff(attempt)
			if got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, got, d/2, d)
			}
		}
	}
}

func TestContextCancellationStopsRetryWait(t *testing.T) {
	ts := newTestServer(t, statusSequence(http.Header{"Retry-After": {"10"}}, 503, 503, 503))
	c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, Request{Method: "GET", Path: "/r"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want context.DeadlineExceeded, got %v", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("waited %v despite cancellation", elapsed)
	}
	if ts.count() != 1 {
		t.Errorf("server saw %d requests, want 1", ts.count())
	}
}

func TestContextCancellationDuringRequest(t *testing.T) {
	release := make(chan struct{})
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: 3})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := c.Do(ctx, Request{Method: "GET", Path: "/slow"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("want context.Canceled, got %v", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %v", elapsed)
	}
}

func TestConnectionError(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	base := ts.URL
	ts.Close()
	c := newTestCore(t, base, CoreOptions{MaxRetries: 1})
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/gone"}, nil)
	if err == nil || !strings.Contains(err.Error(), "GET /gone") {
		t.Errorf("got %v", err)
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("connection error should not be an APIError")
	}
}

func TestRequestHeadersAndQuery(t *testing.T) {
	ts := newTestServer(t, reply(200, "application/json", "{}"))
	c := newTestCore(t, ts.URL+"/", CoreOptions{UserAgent: "terraform-provider-openbanking/test"})
	ctx := context.Background()

	// GET without body: no Content-Type, query encoded.
	q := url.Values{"limit": {"50"}, "offset": {"0"}, "name": {"a b&c=d/é"}}
	if err := c.Do(ctx, Request{Method: "GET", Path: "/obp/v5.1.0/banks/b%2F1/customers", Query: q}, nil); err != nil {
		t.Fatal(err)
	}
	got := ts.last(t)
	if got.Method != "GET" || got.Path != "/obp/v5.1.0/banks/b%2F1/customers" {
		t.Errorf("method %q path %q", got.Method, got.Path)
	}
	if ct, ok := got.Header["Content-Type"]; ok {
		t.Errorf("GET without body sent Content-Type %v", ct)
	}
	if got.Body != "" {
		t.Errorf("GET sent body %q", got.Body)
	}
	if got.Query.Get("limit") != "50" || got.Query.Get("offset") != "0" || got.Query.Get("name") != "a b&c=d/é" {
		t.Errorf("query = %v", got.Query)
	}
	if ua := got.Header.Get("User-Agent"); ua != "terraform-provider-openbanking/test" {
		t.Errorf("User-Agent = %q", ua)
	}
	if a := got.Header.Get("Accept"); a != "application/json" {
		t.Errorf("Accept = %q", a)
	}

	// POST with body: Content-Type JSON, extra header passed.
	h := http.Header{}
	h.Set("X-Extra", "1")
	if err := c.Do(ctx, Request{Method: "POST", Path: "/p", Header: h, Body: map[string]string{"legal_name": "Ada"}}, nil); err != nil {
		t.Fatal(err)
	}
	got = ts.last(t)
	if ct := got.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if got.Body != `{"legal_name":"Ada"}` {
		t.Errorf("body = %q", got.Body)
	}
	if got.Header.Get("X-Extra") != "1" {
		t.Errorf("extra header missing: %v", got.Header)
	}
	if len(got.Query) != 0 {
		t.Errorf("query = %v", got.Query)
	}

	// DELETE without body: no Content-Type.
	if err := c.Do(ctx, Request{Method: "DELETE", Path: "/d"}, nil); err != nil {
		t.Fatal(err)
	}
	if ct, ok := ts.last(t).Header["Content-Type"]; ok {
		t.Errorf("DELETE sent Content-Type %v", ct)
	}

	// No UserAgent option: Go's default, not an empty header.
	c2 := newTestCore(t, ts.URL, CoreOptions{})
	if err := c2.Do(ctx, Request{Method: "GET", Path: "/"}, nil); err != nil {
		t.Fatal(err)
	}
	if ua := ts.last(t).Header.Get("User-Agent"); !strings.HasPrefix(ua, "Go-http-client/") {
		t.Errorf("default User-Agent = %q", ua)
	}
}

func TestRetryResendsBody(t *testing.T) {
	ts := newTestServer(t, statusSequence(http.Header{"Retry-After": {"0"}}, 503))
	c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: 2})
	if err := c.Do(context.Background(), Request{Method: "PUT", Path: "/u", Body: map[string]string{"email": "a@b.c"}}, nil); err != nil {
		t.Fatal(err)
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(ts.requests) != 2 {
		t.Fatalf("%d requests", len(ts.requests))
	}
	for i, r := range ts.requests {
		if r.Body != `{"email":"a@b.c"}` {
			t.Errorf("attempt %d body %q", i, r.Body)
		}
	}
}

// fakeAuth accepts token "good" and renews once from "stale" to "good".
type fakeAuth struct {
	mu       sync.Mutex
	current  string
	renewals int
	canRenew bool
}

func (f *fakeAuth) Authorize(_ context.Context, req *http.Request) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	req.Header.Set("X-Token", f.current)
	return f.current, nil
}

func (f *fakeAuth) Renew(_ context.Context, used string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.renewals++
	if !f.canRenew {
		return false, nil
	}
	if used == f.current {
		f.current = "good"
	}
	return true, nil
}

func tokenChecker(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.Header.Get("X-Token") {
	case "good":
		_, _ = io.WriteString(w, `{"ok":true}`)
	case "":
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"ok":"anonymous"}`)
	default:
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"code":401,"message":"OBP-20001: User not logged in. Authentication is required!"}`)
	}
}

func TestAuthRenewal(t *testing.T) {
	ts := newTestServer(t, tokenChecker)

	auth := &fakeAuth{current: "stale", canRenew: true}
	c := newTestCore(t, ts.URL, CoreOptions{Auth: auth})
	var out struct {
		OK bool `json:"ok"`
	}
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/a"}, &out); err != nil || !out.OK {
		t.Fatalf("err %v out %+v", err, out)
	}
	if auth.renewals != 1 || ts.count() != 2 {
		t.Errorf("renewals %d, requests %d; want 1, 2", auth.renewals, ts.count())
	}

	// A credential that cannot be renewed: the 401 comes back after one request.
	fixed := &fakeAuth{current: "bad", canRenew: false}
	c = newTestCore(t, ts.URL, CoreOptions{Auth: fixed, MaxRetries: 3})
	before := ts.count()
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/a"}, nil)
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 401 || apiErr.Code != "OBP-20001" {
		t.Fatalf("got %v", err)
	}
	if fixed.renewals != 1 || ts.count()-before != 1 {
		t.Errorf("renewals %d, requests %d; want 1, 1", fixed.renewals, ts.count()-before)
	}

	// Renewal that keeps failing is attempted only once.
	stuck := &fakeAuth{current: "bad", canRenew: true}
	stuckAuth := &alwaysBad{fakeAuth: stuck}
	c = newTestCore(t, ts.URL, CoreOptions{Auth: stuckAuth})
	before = ts.count()
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/a"}, nil); !errors.As(err, new(*APIError)) {
		t.Fatalf("got %v", err)
	}
	if stuck.renewals != 1 || ts.count()-before != 2 {
		t.Errorf("renewals %d, requests %d; want 1, 2", stuck.renewals, ts.count()-before)
	}

	// NoAuth skips the authenticator.
	c = newTestCore(t, ts.URL, CoreOptions{Auth: &fakeAuth{current: "bad"}})
	var anon struct {
		OK string `json:"ok"`
	}
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/login", NoAuth: true}, &anon); err != nil || anon.OK != "anonymous" {
		t.Errorf("NoAuth: err %v out %+v", err, anon)
	}
}

// alwaysBad renews but keeps sending a refused credential.
type alwaysBad struct{ *fakeAuth }

func (a *alwaysBad) Renew(ctx context.Context, used string) (bool, error) {
	a.mu.Lock()
	a.renewals++
	a.mu.Unlock()
	return true, nil
}

func TestAuthRenewErrorAndCustomFailure(t *testing.T) {
	ts := newTestServer(t, reply(400, "application/json", `{"code":400,"message":"OBP-20003: This DirectLogin token is invalid or expired: x"}`))
	renewErr := errors.New("login failed")
	auth := &errRenew{err: renewErr}

	// Default IsAuthFailure only reacts to 401: a 400 is returned as is.
	c := newTestCore(t, ts.URL, CoreOptions{Auth: auth})
	err := c.Do(context.Background(), Request{Method: "GET", Path: "/a"}, nil)
	if !HasCode(err, "OBP-20003") || auth.calls != 0 {
		t.Fatalf("got %v, renew calls %d", err, auth.calls)
	}

	// Custom IsAuthFailure: the Renew error is returned.
	c = newTestCore(t, ts.URL, CoreOptions{Auth: auth, IsAuthFailure: func(e *APIError) bool { return e.HasCode("OBP-20003") }})
	err = c.Do(context.Background(), Request{Method: "GET", Path: "/a"}, nil)
	if !errors.Is(err, renewErr) || auth.calls != 1 {
		t.Fatalf("got %v, renew calls %d", err, auth.calls)
	}
}

type errRenew struct {
	err   error
	calls int
}

func (e *errRenew) Authorize(_ context.Context, req *http.Request) (string, error) {
	req.Header.Set("X-Token", "t")
	return "t", nil
}

func (e *errRenew) Renew(context.Context, string) (bool, error) {
	e.calls++
	return false, e.err
}

func TestAuthorizeErrorStopsRequest(t *testing.T) {
	ts := newTestServer(t, reply(200, "application/json", "{}"))
	authErr := errors.New("no credentials")
	c := newTestCore(t, ts.URL, CoreOptions{Auth: authorizeErr{authErr}})
	err := c.Do(context.Background(), Request{Method: "POST", Path: "/a"}, nil)
	if !errors.Is(err, authErr) {
		t.Errorf("got %v", err)
	}
	if ts.count() != 0 {
		t.Errorf("server saw %d requests", ts.count())
	}
}

type authorizeErr struct{ err error }

func (a authorizeErr) Authorize(context.Context, *http.Request) (string, error) { return "", a.err }
func (authorizeErr) Renew(context.Context, string) (bool, error)                { return false, nil }

func TestNewHTTPClientCAFileErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("this is not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing file", filepath.Join(dir, "missing.pem"), "reading CA file"},
		{"no PEM", notPEM, "holds no PEM certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewHTTPClient(Settings{CAFile: tt.path})
			if err == nil || !strings.Contains(err.Error(), tt.want) || c != nil {
				t.Errorf("got client %v, err %v; want error containing %q", c, err, tt.want)
			}
		})
	}
}

func TestNewHTTPClientSettings(t *testing.T) {
	c, err := NewHTTPClient(Settings{Timeout: 7 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeout != 7*time.Second {
		t.Errorf("Timeout = %v", c.Timeout)
	}
	tr := c.Transport.(*http.Transport)
	if tr.MaxIdleConnsPerHost != maxConnsPerHost || tr.TLSClientConfig == nil || tr.TLSClientConfig.InsecureSkipVerify {
		t.Errorf("transport: idle per host %d, tls %+v", tr.MaxIdleConnsPerHost, tr.TLSClientConfig)
	}
}

func TestTLS(t *testing.T) {
	ts := httptest.NewUnstartedServer(reply(200, "application/json", `{"ok":true}`))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	ts.StartTLS()
	t.Cleanup(ts.Close)

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw})
	if err := os.WriteFile(caFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		cfg     Settings
		wantErr string
	}{
		{"default refuses self-signed", Settings{Timeout: 5 * time.Second}, "certificate"},
		{"insecure skip verify", Settings{Timeout: 5 * time.Second, InsecureSkipVerify: true}, ""},
		{"CA file", Settings{Timeout: 5 * time.Second, CAFile: caFile}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, err := NewHTTPClient(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			c := newTestCoreWith(t, hc, ts.URL)
			var out struct {
				OK bool `json:"ok"`
			}
			err = c.Do(context.Background(), Request{Method: "GET", Path: "/"}, &out)
			if tt.wantErr == "" {
				if err != nil || !out.OK {
					t.Fatalf("err %v out %+v", err, out)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("want error containing %q, got %v", tt.wantErr, err)
			}
		})
	}
}

func newTestCoreWith(t *testing.T, hc *http.Client, baseURL string) *Core {
	t.Helper()
	c, err := NewCore(hc, baseURL, CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCreateRetriesOnlyWhatCannotHaveBeenHandled(t *testing.T) {
	zero := http.Header{"X-Rate-Limit-Reset": {"0"}}
	tests := []struct {
		name          string
		req           Request
		statuses      []int
		wantCount     int
		wantAmbiguous bool
	}{
		{"POST 429 is retried", Request{Method: "POST", Path: "/r"}, []int{429, 429}, 3, false},
		{"POST 503 is not retried and is ambiguous", Request{Method: "POST", Path: "/r"}, []int{503}, 1, true},
		{"POST 502 is ambiguous", Request{Method: "POST", Path: "/r"}, []int{502}, 1, true},
		{"POST 500 is a plain error", Request{Method: "POST", Path: "/r"}, []int{500}, 1, false},
		{"idempotent POST is retried on 503", Request{Method: "POST", Path: "/r", Idempotent: true}, []int{503, 504}, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, statusSequence(zero, tt.statuses...))
			c := newTestCore(t, ts.URL, CoreOptions{MaxRetries: 3})
			err := c.Do(context.Background(), tt.req, nil)
			if got := ts.count(); got != tt.wantCount {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCount)
			}
			if IsAmbiguous(err) != tt.wantAmbiguous {
				t.Errorf("IsAmbiguous(%v) = %v, want %v", err, IsAmbiguous(err), tt.wantAmbiguous)
			}
			if tt.wantAmbiguous {
				if _, ok := AsAPIError(err); !ok {
					t.Errorf("ambiguous error hides the API error: %v", err)
				}
			}
		})
	}
}

func TestPostConnectionErrors(t *testing.T) {
	reset := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	t.Cleanup(reset.Close)
	c := newTestCore(t, reset.URL, CoreOptions{MaxRetries: 3})
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/r"}, nil); !IsAmbiguous(err) {
		t.Errorf("reset after sending: want ambiguous, got %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedURL := "http://" + ln.Addr().String()
	_ = ln.Close()
	c = newTestCore(t, closedURL, CoreOptions{MaxRetries: 1})
	err = c.Do(context.Background(), Request{Method: "POST", Path: "/r"}, nil)
	if err == nil || IsAmbiguous(err) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("refused dial: want a plain connection error, got %v", err)
	}
}

func TestRequestTimeoutRetriedForReadsOnly(t *testing.T) {
	var calls atomic.Int32
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		reply(http.StatusOK, "application/json", `{}`)(w, r)
	})
	c, err := NewCore(&http.Client{Timeout: 100 * time.Millisecond}, ts.URL, CoreOptions{MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/r"}, nil); err != nil {
		t.Fatalf("GET after a request timeout: %v", err)
	}
	calls.Store(0)
	err = c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/r"}, nil)
	if !IsAmbiguous(err) || calls.Load() != 1 {
		t.Fatalf("POST after a request timeout: %v after %d calls; want one ambiguous attempt", err, calls.Load())
	}
}
