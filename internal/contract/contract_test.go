package contract

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// mustLoad loads the specifications, or skips with instructions when they are missing outside CI.
func mustLoad(t *testing.T) *specs {
	t.Helper()
	s, err := load()
	if errors.Is(err, ErrMissing) && !inCI() {
		t.Skipf("%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("specifications loaded in %s", s.loadTime)
	return s
}

// answer is a canned sandbox: it replies status and body to every request.
func answer(status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// exchange sends one request through a checker in front of h and returns the checker.
func send(t *testing.T, h http.Handler, method, path, body string) *checker {
	t.Helper()
	c := &checker{specs: mustLoad(t), next: h, counts: newCounts()}
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.HasPrefix(path, cdrPrefix+"/") {
		req.Header.Set("x-v", "3") // required by CDS on every request
	}
	c.ServeHTTP(httptest.NewRecorder(), req)
	return c
}

func wantViolation(t *testing.T, c *checker, parts ...string) {
	t.Helper()
	if len(c.violations) == 0 {
		t.Fatalf("no violation reported; want one mentioning %q (counts: %s)", parts, c.counts.summary())
	}
	all := strings.Join(c.violations, "\n")
	for _, p := range parts {
		if !strings.Contains(all, p) {
			t.Errorf("violations do not mention %q:\n%s", p, all)
		}
	}
}

func wantNoViolation(t *testing.T, c *checker) {
	t.Helper()
	for _, v := range c.violations {
		t.Errorf("unexpected violation: %s", v)
	}
}

func wantOne(t *testing.T, c *checker, o outcome) {
	const n = 1
	t.Helper()
	if c.counts.total[o] != n {
		t.Errorf("%s = %d, want %d (counts: %s)", outcomeNames[o], c.counts.total[o], n, c.counts.summary())
	}
}

const taxResidence = "/obp/v5.1.0/banks/gh.29.uk/customers/c1/tax-residence"

func TestUndocumentedRequestFieldIsReported(t *testing.T) {
	c := send(t, answer(201, `{"tax_residence_id":"t1","domain":"UK","tax_number":"1"}`),
		http.MethodPost, taxResidence, `{"domain":"UK","tax_number":"1","country":"GB"}`)
	wantViolation(t, c, "POST "+taxResidence, "request", "country")
	wantOne(t, c, checked)
}

func TestWrongResponseTypeIsReported(t *testing.T) {
	c := send(t, answer(200, `{"tax_residence":[{"tax_residence_id":"t1","domain":44,"tax_number":"1"}]}`),
		http.MethodGet, "/obp/v5.1.0/banks/gh.29.uk/customers/c1/tax-residences", "")
	wantViolation(t, c, "response 200", "/obp/v3.1.0/banks/{bankid}/customers/{customerid}/tax-residences")
}

func TestAllowedDefectsAreNotReported(t *testing.T) {
	t.Run("201 and null", func(t *testing.T) {
		c := send(t, answer(201, `{"tax_residence_id":"t1","domain":"UK","tax_number":null}`),
			http.MethodPost, taxResidence, `{"domain":"UK","tax_number":"1"}`)
		wantNoViolation(t, c)
		wantOne(t, c, checked)
	})
	t.Run("customer attribute delete at OBP's route, 204", func(t *testing.T) {
		c := send(t, answer(204, ""), http.MethodDelete, "/obp/v5.1.0/banks/gh.29.uk/customers/attributes/a1", "")
		wantNoViolation(t, c)
		wantOne(t, c, checked)
	})
	t.Run("v6.0.0 re-implementation requested under v5.1.0", func(t *testing.T) {
		c := send(t, answer(200, `{"bank_id":7}`), http.MethodGet, "/obp/v5.1.0/banks/gh.29.uk", "")
		wantNoViolation(t, c)
		wantOne(t, c, allowed)
	})
}

func TestV600RequestsAreCheckedAgainstV600Shapes(t *testing.T) {
	c := send(t, answer(200, `{"bank_id":7}`), http.MethodGet, "/obp/v6.0.0/banks/gh.29.uk", "")
	wantViolation(t, c, "/obp/v6.0.0/banks/{bankid}", "response 200")
}

func TestUnknownRouteIsUnmatched(t *testing.T) {
	c := send(t, answer(200, `{}`), http.MethodGet, "/obp/v5.1.0/no-such-thing", "")
	wantNoViolation(t, c)
	wantOne(t, c, unmatched)
}

func TestThreddAccountObjectsAreValidated(t *testing.T) {
	c := send(t, answer(200, `{"request_id":"r","count":1,"customer_accounts":[{"id":"1","balance":"lots"}]}`),
		http.MethodGet, "/thredd/api/v1/open-banking/customers/c1/accounts", "")
	wantViolation(t, c, "customer_accounts[0]", "balance")
}

func TestCDRAnswerIsValidated(t *testing.T) {
	c := send(t, answer(200, `{"data":{"accounts":"none"},"links":{"self":"x"},"meta":{}}`),
		http.MethodGet, "/cdr/cds-au/v1/banking/accounts", "")
	wantViolation(t, c, "CDR", "response 200")
	if strings.Contains(strings.Join(c.violations, "\n"), "request:") {
		t.Errorf("request reported: %v", c.violations)
	}
}

func TestMissingFilesMessageSaysWhereAndWhence(t *testing.T) {
	err := checkFiles(t.TempDir())
	if !errors.Is(err, ErrMissing) {
		t.Fatalf("err = %v, want ErrMissing", err)
	}
	for _, want := range []string{OBPSpecFile, CDRSpecFile, FinicitySpecFile, ReferenceDirEnv,
		"7a88df52bf640d8508504cd0b353459b497ac2af", "ConsumerDataStandardsAustralia/standards", "Mastercard/open-banking-us-openapi"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message does not mention %q:\n%v", want, err)
		}
	}
}

// The export has two paths differing only in a parameter name (GET …/attributes/{attributeid},
// PUT …/attributes/{customerattributeid}); each method must find its own.
func TestSameRouteWithOtherParameterNames(t *testing.T) {
	c := send(t, answer(200, `{"customer_attribute_id":"a1","name":"n","type":"STRING","value":"v"}`),
		http.MethodGet, "/obp/v5.1.0/banks/gh.29.uk/customers/c1/attributes/a1", "")
	wantNoViolation(t, c)
	wantOne(t, c, checked)
}

func TestCDRUndeclaredErrorStatus(t *testing.T) {
	t.Run("CDS error list", func(t *testing.T) {
		c := send(t, answer(401, `{"errors":[{"code":"urn:au-cds:error:cds-all:Authorisation/InvalidToken","title":"Unauthorized","detail":"invalid_token"}]}`),
			http.MethodGet, "/cdr/cds-au/v1/banking/accounts", "")
		wantNoViolation(t, c)
		wantOne(t, c, checked)
	})
	t.Run("not an error list", func(t *testing.T) {
		c := send(t, answer(401, `{"error":"invalid_token"}`), http.MethodGet, "/cdr/cds-au/v1/banking/accounts", "")
		wantViolation(t, c, "response 401", "errors")
	})
}

func TestGatewayErrorPageIsNotTheAPIs(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html><h1>502 Bad Gateway</h1></html>")
	})
	c := send(t, h, http.MethodGet, "/cdr/cds-au/v1/banking/accounts", "")
	wantNoViolation(t, c)
	wantOne(t, c, noSpec)
}

// Under /obp/v6.0.0 an operation v6.0.0 did not re-implement maps to the version that implemented it.
func TestV600RequestToOlderOperation(t *testing.T) {
	c := send(t, answer(201, `{"tax_residence_id":"t1","domain":"UK","tax_number":"1"}`),
		http.MethodPost, "/obp/v6.0.0/banks/gh.29.uk/customers/c1/tax-residence", `{"domain":"UK","tax_number":"1"}`)
	wantNoViolation(t, c)
	wantOne(t, c, checked)
}

func TestRouteMatchPrefersLiteralsAndTheLatestVersionNotLater(t *testing.T) {
	ix := newRouteIndex(map[string]any{
		"/obp/v3.1.0/banks/{bankid}/customers/{customerid}":  map[string]any{"get": map[string]any{}},
		"/obp/v5.0.0/banks/{bankid}/customers/{customerid}":  map[string]any{"get": map[string]any{}},
		"/obp/v6.0.0/banks/{bankid}/customers/{customerid}":  map[string]any{"get": map[string]any{}},
		"/obp/v4.0.0/banks/{bankid}/customers/customer-data": map[string]any{"get": map[string]any{}},
	})
	for path, want := range map[string]string{
		"/obp/v5.1.0/banks/b/customers/c1":            "/obp/v5.0.0/banks/{bankid}/customers/{customerid}",
		"/obp/v6.0.0/banks/b/customers/c1":            "/obp/v6.0.0/banks/{bankid}/customers/{customerid}",
		"/obp/v3.0.0/banks/b/customers/c1":            "",
		"/obp/v5.1.0/banks/b/customers/customer-data": "/obp/v4.0.0/banks/{bankid}/customers/customer-data",
		"/obp/v5.1.0/banks/b/customers//":             "",
	} {
		m := ix.match(http.MethodGet, path)
		if m.found != (want != "") || m.found && m.route.path != want {
			t.Errorf("match(%s) = %q (found %v), want %q", path, m.route.path, m.found, want)
		}
	}
}

func TestV600CreateCustomerAcceptsParentCustomerID(t *testing.T) {
	c := send(t, answer(201, `{"customer_id":"c2","parent_customer_id":"c1","customer_type":"SUBSIDIARY"}`),
		http.MethodPost, "/obp/v6.0.0/banks/gh.29.uk/customers",
		`{"legal_name":"Sub Ltd","mobile_phone_number":"+44","customer_type":"SUBSIDIARY","parent_customer_id":"c1"}`)
	wantNoViolation(t, c)
	c = send(t, answer(201, `{"customer_id":"c2"}`), http.MethodPost, "/obp/v6.0.0/banks/gh.29.uk/customers",
		`{"legal_name":"Sub Ltd","mobile_phone_number":"+44","parent_id":"c1"}`)
	wantViolation(t, c, "parent_id")
}

// A request whose client went away before the answer (a timeout) got no
// answer to check: it is counted, not reported.
func TestNoAnswerIsNotReported(t *testing.T) {
	silent := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	c := send(t, silent, http.MethodPost, "/obp/v6.0.0/banks/gh.29.uk/customers", `{"legal_name":"A","mobile_phone_number":"1"}`)
	wantNoViolation(t, c)
	wantOne(t, c, noSpec)
}
