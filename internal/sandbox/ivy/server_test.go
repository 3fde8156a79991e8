package ivy_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	ivysandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
)

const listPath = "/api/services/data/accounts/list"

// listKey is the counter key of POST listPath.
const listKey = "POST " + listPath

// rawResponse is a decoded answer of the fake.
type rawResponse struct {
	Status      int
	ContentType string
	Body        map[string]any
}

// post sends a raw request; header nil means a valid key and JSON content type.
func post(t *testing.T, url, method, body string, header http.Header) rawResponse {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if header == nil {
		header = http.Header{"X-Ivy-Api-Key": {ivysandbox.APIKey}, "Content-Type": {"application/json"}}
	}
	req.Header = header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	out := rawResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	if err := json.Unmarshal(data, &out.Body); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, data)
	}
	return out
}

func newServer(t *testing.T, opts ivysandbox.Options) (*ivysandbox.Server, *httptest.Server) {
	t.Helper()
	s := ivysandbox.New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func TestProtocolErrors(t *testing.T) {
	_, ts := newServer(t, ivysandbox.Options{})
	key, ct := ivysandbox.APIKey, "application/json"
	tests := []struct {
		name, method, path, body string
		header                   http.Header
		status                   int
		code, message, param     string
	}{
		{"missing key", "POST", listPath, `{}`, hdr("Content-Type", ct), 401, "UNAUTHENTICATED", ivysandbox.MsgMissingAPIKey, ""},
		{"wrong key", "POST", listPath, `{}`, hdr("X-Ivy-Api-Key", "nope", "Content-Type", ct), 401, "AUTHENTICATION", ivysandbox.MsgInvalidAPIKey, ""},
		{"key in Authorization", "POST", listPath, `{}`, hdr("Authorization", "Bearer "+key, "Content-Type", ct), 401, "UNAUTHENTICATED", ivysandbox.MsgMissingAPIKey, ""},
		{"forbidden key", "POST", listPath, `{}`, hdr("X-Ivy-Api-Key", ivysandbox.ForbiddenAPIKey, "Content-Type", ct), 403, "AUTHORIZATION", ivysandbox.MsgForbidden, ""},
		{"no content type", "POST", listPath, `{}`, hdr("X-Ivy-Api-Key", key), 400, "VALIDATION", ivysandbox.MsgContentType, "Content-Type"},
		{"form content type", "POST", listPath, `limit=1`, hdr("X-Ivy-Api-Key", key, "Content-Type", "application/x-www-form-urlencoded"), 400, "VALIDATION", ivysandbox.MsgContentType, "Content-Type"},
		{"accept xml", "POST", listPath, `{}`, hdr("X-Ivy-Api-Key", key, "Content-Type", ct, "Accept", "application/xml"), 406, "NOT_ACCEPTABLE", ivysandbox.MsgNotAcceptable, "Accept"},
		{"GET is no route", "GET", listPath, ``, nil, 404, "NOT_FOUND", "Cannot GET " + listPath, ""},
		{"unknown path", "POST", "/api/services/data/accounts/delete", `{}`, nil, 404, "NOT_FOUND", "Cannot POST /api/services/data/accounts/delete", ""},
		{"host root", "POST", "/data/accounts/list", `{}`, nil, 404, "NOT_FOUND", "Cannot POST /data/accounts/list", ""},
		{"malformed json", "POST", listPath, `{"limit":`, nil, 400, "VALIDATION", ivysandbox.MsgInvalidJSON, ""},
		{"array body", "POST", listPath, `[1]`, nil, 400, "VALIDATION", ivysandbox.MsgBodyNotObject, ""},
		{"null body", "POST", listPath, `null`, nil, 400, "VALIDATION", ivysandbox.MsgBodyNotObject, ""},
		{"unknown field", "POST", listPath, `{"offset":1,"cursor":"x"}`, nil, 400, "VALIDATION", "property cursor should not exist", "cursor"},
		{"limit 0", "POST", listPath, `{"limit":0}`, nil, 400, "VALIDATION", ivysandbox.MsgLimit, "limit"},
		{"limit 101", "POST", listPath, `{"limit":101}`, nil, 400, "VALIDATION", ivysandbox.MsgLimit, "limit"},
		{"limit negative", "POST", listPath, `{"limit":-5}`, nil, 400, "VALIDATION", ivysandbox.MsgLimit, "limit"},
		{"limit fraction", "POST", listPath, `{"limit":1.5}`, nil, 400, "VALIDATION", ivysandbox.MsgLimit, "limit"},
		{"limit string", "POST", listPath, `{"limit":"10"}`, nil, 400, "VALIDATION", ivysandbox.MsgLimit, "limit"},
		{"skip negative", "POST", listPath, `{"skip":-1}`, nil, 400, "VALIDATION", ivysandbox.MsgSkip, "skip"},
		{"skip bool", "POST", listPath, `{"skip":true}`, nil, 400, "VALIDATION", ivysandbox.MsgSkip, "skip"},
		{"retrieve no id", "POST", "/api/services/data/accounts/retrieve", `{}`, nil, 400, "VALIDATION", ivysandbox.MsgID, "id"},
		{"retrieve empty id", "POST", "/api/services/data/accounts/retrieve", `{"id":""}`, nil, 400, "VALIDATION", ivysandbox.MsgID, "id"},
		{"retrieve numeric id", "POST", "/api/services/data/accounts/retrieve", `{"id":7}`, nil, 400, "VALIDATION", ivysandbox.MsgID, "id"},
		{"retrieve unknown", "POST", "/api/services/data/accounts/retrieve", `{"id":"acc_nope"}`, nil, 404, "NOT_FOUND", ivysandbox.MsgAccountNotFound, "id"},
		{"refresh unknown", "POST", "/api/service/data/accounts/refresh", `{"id":"acc_nope"}`, nil, 404, "NOT_FOUND", ivysandbox.MsgAccountNotFound, "id"},
		{"disconnect unknown", "POST", "/api/service/data/accounts/disconnect", `{"id":"acc_nope"}`, nil, 404, "NOT_FOUND", ivysandbox.MsgAccountNotFound, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post(t, ts.URL+tt.path, tt.method, tt.body, tt.header)
			if got.Status != tt.status {
				t.Errorf("status %d, want %d (%v)", got.Status, tt.status, got.Body)
			}
			want := map[string]any{"message": tt.message, "code": tt.code, "category": "invalid_request_error", "docUrl": ivysandbox.DocURL}
			if tt.param != "" {
				want["param"] = tt.param
			}
			if fmt.Sprint(got.Body) != fmt.Sprint(want) {
				t.Errorf("body %v\nwant %v", got.Body, want)
			}
			if got.ContentType != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", got.ContentType)
			}
		})
	}
}

func TestListPaging(t *testing.T) {
	_, ts := newServer(t, ivysandbox.Options{})
	tests := []struct {
		body     string
		first    string
		n        int
		hasMore  bool
		lastSeen string
	}{
		{``, "acc_sbx_0001", 10, true, "acc_sbx_0010"},
		{`{}`, "acc_sbx_0001", 10, true, "acc_sbx_0010"},
		{`{"limit":null,"skip":null}`, "acc_sbx_0001", 10, true, "acc_sbx_0010"},
		{`{"limit":10,"skip":10}`, "acc_sbx_0011", 10, true, "acc_sbx_0020"},
		{`{"limit":10,"skip":20}`, "acc_sbx_0021", 5, false, "acc_sbx_0025"},
		{`{"limit":100}`, "acc_sbx_0001", 25, false, "acc_sbx_0025"},
		{`{"limit":25}`, "acc_sbx_0001", 25, false, "acc_sbx_0025"},
		{`{"limit":24}`, "acc_sbx_0001", 24, true, "acc_sbx_0024"},
		{`{"limit":1,"skip":24}`, "acc_sbx_0025", 1, false, "acc_sbx_0025"},
		{`{"skip":25}`, "", 0, false, ""},
		{`{"skip":1000}`, "", 0, false, ""},
		{`{"limit":2.0,"skip":3}`, "acc_sbx_0004", 2, true, "acc_sbx_0005"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			got := post(t, ts.URL+listPath, "POST", tt.body, nil)
			if got.Status != 200 {
				t.Fatalf("status %d: %v", got.Status, got.Body)
			}
			accounts, _ := got.Body["accounts"].([]any)
			if len(accounts) != tt.n || got.Body["hasMore"] != tt.hasMore || len(got.Body) != 2 {
				t.Fatalf("got %d accounts, hasMore %v, keys %d", len(accounts), got.Body["hasMore"], len(got.Body))
			}
			if tt.n > 0 && (id(accounts[0]) != tt.first || id(accounts[tt.n-1]) != tt.lastSeen) {
				t.Errorf("page %s..%s", id(accounts[0]), id(accounts[tt.n-1]))
			}
		})
	}
}

func id(v any) string { return v.(map[string]any)["id"].(string) }

func TestOptions(t *testing.T) {
	t.Run("clamp limit", func(t *testing.T) {
		_, ts := newServer(t, ivysandbox.Options{ClampLimit: true})
		got := post(t, ts.URL+listPath, "POST", `{"limit":500}`, nil)
		if got.Status != 200 || len(got.Body["accounts"].([]any)) != 25 {
			t.Fatalf("got %d %v", got.Status, got.Body)
		}
	})
	t.Run("unknown fields allowed", func(t *testing.T) {
		_, ts := newServer(t, ivysandbox.Options{AllowUnknownFields: true})
		if got := post(t, ts.URL+listPath, "POST", `{"offset":3}`, nil); got.Status != 200 {
			t.Fatalf("got %d %v", got.Status, got.Body)
		}
	})
	t.Run("lenient content type", func(t *testing.T) {
		_, ts := newServer(t, ivysandbox.Options{LenientContentType: true})
		h := hdr("X-Ivy-Api-Key", ivysandbox.APIKey, "Content-Type", "text/plain")
		if got := post(t, ts.URL+listPath, "POST", `{"limit":1}`, h); got.Status != 200 {
			t.Fatalf("got %d %v", got.Status, got.Body)
		}
	})
	t.Run("legacy error fields", func(t *testing.T) {
		_, ts := newServer(t, ivysandbox.Options{LegacyErrorFields: true})
		got := post(t, ts.URL+listPath, "POST", `{}`, hdr("Content-Type", "application/json"))
		if got.Body["statusCode"] != 401.0 || got.Body["devMessage"] != ivysandbox.MsgMissingAPIKey {
			t.Fatalf("got %v", got.Body)
		}
	})
	t.Run("invalid spelling panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		ivysandbox.New(ivysandbox.Options{Spelling: "kebab"})
	})
}

func TestPrefixes(t *testing.T) {
	tests := []struct {
		prefix string
		path   string
		status int
	}{
		{"", "/api/services/data/accounts/list", 200},
		{"", "/api/service/data/accounts/list", 200},
		{"", "/api/v1/data/accounts/list", 404},
		{"/api/service/", "/api/service/data/accounts/list", 200},
		{"api/service", "/api/service/data/accounts/list", 200},
		{"/api/service/", "/api/services/data/accounts/list", 404},
		{"/api/services", "/api/service/data/accounts/list", 404},
	}
	for _, tt := range tests {
		t.Run(tt.prefix+" "+tt.path, func(t *testing.T) {
			_, ts := newServer(t, ivysandbox.Options{PathPrefix: tt.prefix})
			if got := post(t, ts.URL+tt.path, "POST", `{}`, nil); got.Status != tt.status {
				t.Errorf("status %d, want %d", got.Status, tt.status)
			}
		})
	}
	t.Run("mounted under /ivy", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/ivy/", http.StripPrefix("/ivy", ivysandbox.New(ivysandbox.Options{})))
		ts := httptest.NewServer(mux)
		defer ts.Close()
		if got := post(t, ts.URL+"/ivy"+listPath, "POST", `{}`, nil); got.Status != 200 {
			t.Errorf("status %d", got.Status)
		}
	})
}

func TestSpelling(t *testing.T) {
	tests := []struct {
		spelling, id, want string
	}{
		{"", "acc_sbx_0001", `{"sortCode":{"accountHolderName":"Account Holder 1","accountNumber":"10000000","sortCode":"040000"},"type":"sortCode"}`},
		{"camel", "acc_sbx_0011", `{"bankCode":{"accountNumber":"0532013010","code":"37040044"},"type":"bankCode"}`},
		{"snake", "acc_sbx_0001", `{"sort_code":{"account_holder_name":"Account Holder 1","account_number":"10000000","sort_code":"040000"},"type":"sort_code"}`},
		{"snake", "acc_sbx_0014", `{"iban":{"account_holder_name":"Kontoinhaber 14","bic":"TESTDEFFXXX","iban":"DE00TEST00000000000014"},"type":"iban"}`},
		{"snake", "acc_sbx_0011", `{"bank_code":{"account_number":"0532013010","code":"37040044"},"type":"bank_code"}`},
		{"snake", "acc_sbx_0015", `{"bban":{"bban":"370400440000000014","bic":"TESTDEFFXXX"},"type":"bban"}`},
	}
	for _, tt := range tests {
		t.Run(tt.spelling+" "+tt.id, func(t *testing.T) {
			_, ts := newServer(t, ivysandbox.Options{Spelling: tt.spelling})
			got := post(t, ts.URL+"/api/services/data/accounts/retrieve", "POST", `{"id":"`+tt.id+`"}`, nil)
			fa, _ := json.Marshal(got.Body["financialAddress"])
			if got.Status != 200 || string(fa) != tt.want {
				t.Errorf("status %d financialAddress %s\nwant %s", got.Status, fa, tt.want)
			}
		})
	}
}

func TestSeed(t *testing.T) {
	_, ts := newServer(t, ivysandbox.Options{})
	got := post(t, ts.URL+listPath, "POST", `{"limit":100}`, nil)
	seen := map[string]map[string]bool{"category": {}, "subcategory": {}, "status": {}, "type": {}}
	absent := map[string]int{}
	for _, a := range got.Body["accounts"].([]any) {
		m := a.(map[string]any)
		for _, k := range []string{"category", "subcategory", "status"} {
			seen[k][m[k].(string)] = true
		}
		for _, k := range []string{"financialAddress", "permissions", "customer"} {
			if _, ok := m[k]; !ok {
				absent[k]++
			}
		}
		if fa, ok := m["financialAddress"].(map[string]any); ok {
			seen["type"][fa["type"].(string)] = true
		}
	}
	want := map[string]int{"category": 4, "subcategory": 5, "status": 3, "type": 4}
	for k, n := range want {
		if len(seen[k]) != n {
			t.Errorf("%s values %v, want %d distinct", k, seen[k], n)
		}
	}
	for _, k := range []string{"financialAddress", "permissions", "customer"} {
		if absent[k] == 0 {
			t.Errorf("no account without %s", k)
		}
	}
}

func TestDisconnectAndIndependence(t *testing.T) {
	s1, ts1 := newServer(t, ivysandbox.Options{})
	_, ts2 := newServer(t, ivysandbox.Options{})
	const body = `{"id":"acc_sbx_0001"}`
	if got := post(t, ts1.URL+"/api/services/data/accounts/refresh", "POST", body, nil); got.Status != 200 || got.Body["status"] != "active" {
		t.Fatalf("refresh: %v", got)
	}
	if got := post(t, ts1.URL+"/api/services/data/accounts/disconnect", "POST", body, nil); got.Status != 200 || got.Body["status"] != "disconnected" {
		t.Fatalf("disconnect: %v", got)
	}
	if got := post(t, ts1.URL+"/api/services/data/accounts/retrieve", "POST", body, nil); got.Body["status"] != "disconnected" {
		t.Errorf("after disconnect: %v", got.Body["status"])
	}
	if got := post(t, ts2.URL+"/api/services/data/accounts/retrieve", "POST", body, nil); got.Body["status"] != "active" {
		t.Errorf("other server changed: %v", got.Body["status"])
	}
	counts := s1.RequestCounts()
	if len(counts) != 3 || s1.RequestCount("POST /api/services/data/accounts/retrieve") != 1 {
		t.Errorf("counts %v", counts)
	}
	s1.ResetCounts()
	if len(s1.RequestCounts()) != 0 || len(s1.AccountIDs()) != ivysandbox.SeedAccounts {
		t.Error("reset or ids wrong")
	}
}

func TestCountsEveryOutcome(t *testing.T) {
	s, ts := newServer(t, ivysandbox.Options{})
	post(t, ts.URL+listPath, "POST", `{}`, nil)
	post(t, ts.URL+listPath, "POST", `{}`, hdr())
	post(t, ts.URL+listPath, "GET", ``, nil)
	post(t, ts.URL+"/nowhere", "POST", `{}`, nil)
	want := map[string]int{listKey: 2, "GET " + listPath: 1}
	if got := s.RequestCounts(); !reflect.DeepEqual(got, want) {
		t.Errorf("RequestCounts %v, want %v (no endpoint at /nowhere)", got, want)
	}
}

func TestConcurrent(t *testing.T) {
	s, ts := newServer(t, ivysandbox.Options{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/api/services/data/accounts/retrieve"
			if i%2 == 0 {
				path = "/api/services/data/accounts/disconnect"
			}
			req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(fmt.Sprintf(`{"id":"acc_sbx_%04d"}`, i%5+1)))
			req.Header.Set("X-Ivy-Api-Key", ivysandbox.APIKey)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				_ = resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range s.RequestCounts() {
		total += n
	}
	if total != 20 {
		t.Errorf("counted %d requests", total)
	}
}
