package truelayer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

const validToken = `{"access_token":"tok-abc.def","expires_in":3600,"token_type":"Bearer","scope":"data"}`

type canned struct {
	status      int
	contentType string
	body        string
}

func (c canned) write(w http.ResponseWriter) {
	if c.contentType != "" {
		w.Header().Set("Content-Type", c.contentType)
	}
	w.WriteHeader(c.status)
	_, _ = w.Write([]byte(c.body))
}

// fakeServer answers the token endpoint and the API with canned answers;
// api returns the answer for the n-th API request (0-based).
func fakeServer(t *testing.T, tok canned, api func(n int, r *http.Request) canned) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			tok.write(w)
			return
		}
		n := calls.Add(1) - 1
		api(int(n), r).write(w)
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{APIURL: ts.URL, AuthURL: ts.URL, ClientID: "id", ClientSecret: "top-s3cret", Settings: client.Settings{Timeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	return c, &calls
}

func always(c canned) func(int, *http.Request) canned {
	return func(int, *http.Request) canned { return c }
}

var okToken = canned{200, "application/json", validToken}

func TestMalformedAPIResponses(t *testing.T) {
	const js = "application/json"
	repeat := `{"items":[{"id":"a","account_type":"current","customer_segment":"retail","currency":"GBP","account_identifiers":[],"account_holder_names":[]}],"pagination":{"next_cursor":"same"}}`
	tests := []struct {
		name   string
		answer canned
		want   []string
	}{
		{"HTML 200", canned{200, "text/html", "<html><body>Login</body></html>"}, []string{"GET /v3/connected-accounts: HTTP 200 with a body that is not the expected JSON", "<html>"}},
		{"empty 200", canned{200, js, ""}, []string{`the response has no "items" array`}},
		{"array body", canned{200, js, `[]`}, []string{"not the expected JSON"}},
		{"items object", canned{200, js, `{"items":{}}`}, []string{"not the expected JSON"}},
		{"items null", canned{200, js, `{"items":null}`}, []string{`no "items" array`}},
		{"wrong field type", canned{200, js, `{"items":[{"id":42}]}`}, []string{"not the expected JSON"}},
		{"item without id", canned{200, js, `{"items":[{"account_type":"current"}]}`}, []string{"item 0 of the response has no id"}},
		{"identifier not object", canned{200, js, `{"items":[{"id":"a","account_identifiers":["x"]}]}`}, []string{"not the expected JSON"}},
		{"cursor loop", canned{200, js, repeat}, []string{"the same next_cursor twice"}},
		{"HTML 502", canned{502, "text/html", "<html><h1>502 Bad Gateway</h1></html>"}, []string{"returned HTTP 502: unexpected text/html response: <html><h1>502 Bad Gateway</h1></html>"}},
		{"empty 500", canned{500, "", ""}, []string{"returned HTTP 500: empty response body"}},
		{"plain 403", canned{403, "text/plain", "denied"}, []string{"returned HTTP 403: unexpected text/plain response: denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := fakeServer(t, okToken, always(tt.answer))
			_, err := c.ConnectedAccounts(context.Background(), "conn", "")
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "tok-abc") || strings.Contains(err.Error(), "top-s3cret") {
				t.Errorf("error leaks a credential: %v", err)
			}
		})
	}
}

func TestUnknownValuesDecode(t *testing.T) {
	body := `{"items":[{"id":"x1","account_type":"loan","customer_segment":"corporate","currency":"USD","type":"card",
	  "account_identifiers":[{"type":"bban","bban":"TEST123","extra":{"n":1}},{"type":"iban","iban":"GB00X","bic":null}],
	  "account_holder_names":null,"balance":{"current":1}}],"pagination":{"next_cursor":null}}`
	c, calls := fakeServer(t, okToken, always(canned{200, "application/json", body}))
	got, err := c.ConnectedAccounts(context.Background(), "conn", "")
	if err != nil {
		t.Fatal(err)
	}
	a := got[0]
	if len(got) != 1 || calls.Load() != 1 || a.AccountType != "loan" || a.CustomerSegment != "corporate" || a.Currency != "USD" || a.AccountHolderNames != nil {
		t.Fatalf("got %+v", got)
	}
	bban := a.AccountIdentifiers[0]
	if bban.Type != "bban" || string(bban.Other["bban"]) != `"TEST123"` || string(bban.Other["extra"]) != `{"n":1}` {
		t.Errorf("bban identifier %+v", bban)
	}
	if ib := a.AccountIdentifiers[1]; ib.IBAN != "GB00X" || string(ib.Other["bic"]) != "null" {
		t.Errorf("iban identifier %+v", ib)
	}
	out, _ := bban.MarshalJSON()
	if !jsonEqual(t, out, []byte(`{"type":"bban","bban":"TEST123","extra":{"n":1}}`)) {
		t.Errorf("re-encoded %s", out)
	}
}

func TestCursorIsSent(t *testing.T) {
	var cursors []string
	c, _ := fakeServer(t, okToken, func(n int, r *http.Request) canned {
		cursors = append(cursors, r.URL.Query().Get(CursorParam))
		next := map[int]string{0: `{"next_cursor":"c+1/="}`, 1: `{"next_cursor":"c2"}`, 2: `{}`}[n]
		return canned{200, "application/json", `{"items":[{"id":"a` + string(rune('0'+n)) + `"}],"pagination":` + next + `}`}
	})
	got, err := c.ConnectedAccounts(context.Background(), "conn", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || strings.Join(cursors, ",") != ",c+1/=,c2" {
		t.Errorf("%d accounts, cursors %q", len(got), cursors)
	}
}

func TestMalformedTokenResponses(t *testing.T) {
	tests := []struct {
		name   string
		answer canned
		want   []string
	}{
		{"HTML 200", canned{200, "text/html", "<html>sign in</html>"}, []string{"POST /connect/token: HTTP 200 with a body that is not a JSON token response", `"text/html"`}},
		{"empty 200", canned{200, "application/json", ""}, []string{"not a JSON token response"}},
		{"no access_token", canned{200, "application/json", `{"token_type":"Bearer"}`}, []string{"HTTP 200 response has no access_token"}},
		{"mac token", canned{200, "application/json", `{"access_token":"tok-abc","token_type":"mac"}`}, []string{`unsupported token_type "mac"`}},
		{"bad expires_in", canned{200, "application/json", `{"access_token":"tok-abc","expires_in":"soon"}`}, []string{"not a JSON token response"}},
		{"HTML 503", canned{503, "text/html", "<html>maintenance</html>"}, []string{"POST /connect/token returned HTTP 503: unexpected text/html response: <html>maintenance</html>"}},
		{"empty 500", canned{500, "", ""}, []string{"POST /connect/token returned HTTP 500: empty response body"}},
		{"oauth without description", canned{400, "application/json", `{"error":"invalid_scope"}`}, []string{"returned HTTP 400: invalid_scope"}},
		{"problem json", canned{401, "application/problem+json", `{"type":"https://docs.truelayer.com/docs/error-types#unauthenticated","title":"Unauthenticated","status":401,"trace_id":"t1"}`}, []string{"returned HTTP 401: Unauthenticated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, calls := fakeServer(t, tt.answer, always(canned{200, "application/json", `{"items":[]}`}))
			_, err := c.ConnectedAccounts(context.Background(), "conn", "")
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range append(tt.want, "obtaining a TrueLayer access token") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "tok-abc") || strings.Contains(err.Error(), "top-s3cret") {
				t.Errorf("error leaks a credential: %v", err)
			}
			if calls.Load() != 0 || c.TokenRequests() != 1 {
				t.Errorf("API calls %d, token requests %d", calls.Load(), c.TokenRequests())
			}
		})
	}
}

func TestTokenWithoutExpiry(t *testing.T) {
	c, _ := fakeServer(t, canned{200, "application/json", `{"access_token":"tok-abc","token_type":"bearer"}`},
		always(canned{200, "application/json", `{"items":[]}`}))
	for i := 0; i < 3; i++ {
		if _, err := c.ConnectedAccounts(context.Background(), "conn", ""); err != nil {
			t.Fatal(err)
		}
	}
	if c.TokenRequests() != 1 {
		t.Errorf("%d token requests, want 1 (kept until refused)", c.TokenRequests())
	}
}

func TestRefusedAgainAfterRenewal(t *testing.T) {
	problem := `{"type":"https://docs.truelayer.com/docs/error-types#unauthenticated","title":"Unauthenticated","status":401,"trace_id":"t","detail":"The access token is invalid."}`
	c, calls := fakeServer(t, okToken, always(canned{401, "application/problem+json", problem}))
	_, err := c.ConnectedAccounts(context.Background(), "conn", "")
	_ = wantAPIError(t, err, 401, CodeUnauthenticated, "The access token is invalid.")
	if calls.Load() != 2 || c.TokenRequests() != 2 {
		t.Errorf("API calls %d, token requests %d; want 2 and 2 (one renewal)", calls.Load(), c.TokenRequests())
	}
}
