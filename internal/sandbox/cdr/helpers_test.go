package cdr

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const authDate = "Thu, 16 Jan 2020 16:50:15 GMT"

// accountsKey is the counter key of GET AccountsPath.
const accountsKey = "GET " + AccountsPath

// answer is what the sandbox said to one raw request.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func newTestServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	sb := New(opts)
	ts := httptest.NewServer(sb)
	t.Cleanup(ts.Close)
	return sb, ts
}

// goodHeaders are the headers of a valid V3 request.
func goodHeaders() http.Header {
	return http.Header{
		"Authorization":    {"Bearer " + BearerToken},
		"X-V":              {"3"},
		"X-Min-V":          {"2"},
		"X-Fapi-Auth-Date": {authDate},
		"Accept":           {"application/json"},
	}
}

// get sends GET url with goodHeaders changed by edit (an empty value deletes).
func get(t *testing.T, rawURL string, edit map[string]string) answer {
	t.Helper()
	return request(t, http.MethodGet, rawURL, nil, edit)
}

// request sends method url with body and goodHeaders changed by edit.
func request(t *testing.T, method, rawURL string, body io.Reader, edit map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = goodHeaders()
	for k, v := range edit {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	return send(t, req)
}

func send(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: body}
}

// wantError checks a ResponseErrorListV2 answer with one error.
func (a answer) wantError(t *testing.T, status int, code, detail string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	var env struct {
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(a.body, &env); err != nil || len(env.Errors) != 1 {
		t.Fatalf("body %s is not a one-error envelope: %v", a.body, err)
	}
	e := env.Errors[0]
	if e["code"] != code || e["title"] != Title(code) || e["detail"] != detail {
		t.Errorf("error %v, want code %q title %q detail %q", e, code, Title(code), detail)
	}
	if len(e) != 3 {
		t.Errorf("error has extra members: %v", e)
	}
	if !strings.HasPrefix(a.header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q", a.header.Get("Content-Type"))
	}
	if !uuidPattern.MatchString(a.header.Get("x-fapi-interaction-id")) {
		t.Errorf("x-fapi-interaction-id %q is not a UUID", a.header.Get("x-fapi-interaction-id"))
	}
}

// page decodes a 200 answer.
func (a answer) page(t *testing.T) (listResponse, map[string]any) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var typed listResponse
	var raw map[string]any
	if err := json.Unmarshal(a.body, &typed); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(a.body, &raw); err != nil {
		t.Fatal(err)
	}
	return typed, raw
}

// count returns how many seeded accounts pass keep.
func count(keep func(Account) bool) int {
	n := 0
	for _, a := range Seed() {
		if keep(a) {
			n++
		}
	}
	return n
}
