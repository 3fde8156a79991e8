package client

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const testSecret = "s3cret-Key+/="

// hostile answers like a server that echoes credentials and writes terminal
// escape sequences into its messages.
func hostile(w http.ResponseWriter, r *http.Request) {
	echo := r.Header.Get("X-Key")
	switch r.URL.Path {
	case "/envelope":
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"code":400,"message":"OBP-20003: refused ` + echo + ` \u001b[2J\u001b]0;owned\u0007\u001b[31mred\u001b[0m\r\nnext\u0000line"}`))
	case "/html":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<h1>gateway</h1> X-Key: " + echo + " \x1b[1mbold\x1b[0m"))
	case "/not-json":
		_, _ = w.Write([]byte("X-Key=" + url.QueryEscape(echo) + " \x1b[5mblink"))
	}
}

// TestErrorsCarryNoSecretOrEscape: a secret the server echoes, in any
// encoding, and every control character or escape sequence are removed from
// the errors and logs of the core.
func TestErrorsCarryNoSecretOrEscape(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(hostile))
	t.Cleanup(ts.Close)
	c, err := New(ts.URL, Settings{MaxRetries: 1}, CoreOptions{Auth: StaticHeaders{"X-Key": {testSecret}}, Secrets: []string{testSecret}})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	for _, path := range []string{"/envelope", "/html", "/not-json"} {
		var out map[string]any
		err := c.Do(ctx, Request{Method: http.MethodGet, Path: path}, &out)
		if err == nil {
			t.Fatalf("%s: want an error", path)
		}
		msg := err.Error()
		if strings.Contains(msg, testSecret) || strings.Contains(msg, url.QueryEscape(testSecret)) || !strings.Contains(msg, Redacted) {
			t.Errorf("%s: error shows the secret: %q", path, msg)
		}
		if i := strings.IndexFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
			t.Errorf("%s: error holds control character %q: %q", path, msg[i], msg)
		}
		if apiErr, ok := AsAPIError(err); ok && strings.Contains(apiErr.Message, testSecret) {
			t.Errorf("%s: APIError.Message shows the secret", path)
		}
	}
	if !strings.Contains(logs.String(), "retrying API request") || strings.Contains(logs.String(), testSecret) {
		t.Errorf("logs show the secret:\n%s", logs.String())
	}
}

// TestRedactorLearnsTokens: tokens added later (renewed ones) are redacted
// along with earlier ones.
func TestRedactorLearnsTokens(t *testing.T) {
	r := NewRedactor("password-1", "")
	r.Add("token-old")
	r.Add("token-new")
	got := r.Text("password-1 token-old token-new ok \x1b[31mred")
	if want := "[redacted] [redacted] [redacted] ok red"; got != want {
		t.Fatalf("Text = %q, want %q", got, want)
	}
}

// TestRateLimitGiveUpShowsReset: when the server's wait is longer than the
// client waits, the error says when the limit resets.
func TestRateLimitGiveUpShowsReset(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Rate-Limit-Reset", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"code":429,"message":"OBP-10018: Too Many Requests."}`))
	}))
	t.Cleanup(ts.Close)
	c, err := New(ts.URL, Settings{MaxRetries: 2}, CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.waitCap = time.Millisecond
	before := time.Now().UTC()
	err = c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}, nil)
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.RetryAt.Before(before.Add(3599*time.Second)) {
		t.Fatalf("err %v", err)
	}
	want := "the rate limit resets at " + apiErr.RetryAt.Format(time.RFC3339) + ", in 3600 s"
	if !strings.Contains(apiErr.Message, want) || !strings.HasSuffix(apiErr.RetryAt.Format(time.RFC3339), "Z") {
		t.Fatalf("error %q does not contain %q", err, want)
	}
}

// TestServerWaitCapped: a long server wait is waited at most maxServerWait.
func TestServerWaitCapped(t *testing.T) {
	c := &Core{maxRetries: 1, waitCap: maxServerWait}
	resp := &response{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"3600"}}}
	if wait, retry := c.retryAfter(Request{Method: http.MethodGet}, resp, nil, 0); !retry || wait != maxServerWait {
		t.Fatalf("wait %v retry %v", wait, retry)
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"https://api.example.com/x", "https://api.example.com:443/y", true},
		{"https://API.example.com", "https://api.example.com", true},
		{"https://api.example.com", "http://api.example.com", false},
		{"https://api.example.com", "https://api.example.com:8443", false},
		{"https://api.example.com", "https://evil.example.com", false},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := sameOrigin(a, b); got != tt.same {
			t.Errorf("sameOrigin(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}

func TestSuggestBase(t *testing.T) {
	parse := func(s string) *url.URL { u, _ := url.Parse(s); return u }
	got := suggestBase(parse("http://a/thredd"), parse("http://a/thredd/api/v1/x"), parse("https://b/new/api/v1/x"))
	if got != "https://b/new" {
		t.Errorf("suggestBase = %q", got)
	}
	if got := suggestBase(parse("http://a"), parse("http://a/x"), parse("https://b/elsewhere")); got != "https://b" {
		t.Errorf("suggestBase = %q", got)
	}
}

// Each request is logged unless TF_LOG_PROVIDER turns the provider's logs off.
func TestRequestLogFollowsTheProviderLogLevel(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{}`)) }))
	t.Cleanup(ts.Close)
	c, err := New(ts.URL, Settings{}, CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for level, wantLine := range map[string]bool{"": true, "debug": true, "OFF": false, "off": false} {
		t.Setenv("TF_LOG_PROVIDER", level)
		var logs bytes.Buffer
		var out map[string]any
		if err := c.Do(tflogtest.RootLogger(context.Background(), &logs), Request{Method: http.MethodGet, Path: "/x"}, &out); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(logs.String(), `"@message":"API request"`); got != wantLine {
			t.Errorf("TF_LOG_PROVIDER=%q: request logged %t, want %t\n%s", level, got, wantLine, logs.String())
		}
	}
}
