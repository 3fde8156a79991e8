package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
)

// Prefixes under which sandbox.All serves the account APIs; OBP is served at the root.
const (
	cdrPrefix       = "/cdr"
	threddPrefix    = "/thredd"
	trueLayerPrefix = "/truelayer"
	ivyPrefix       = "/ivy"
)

var threddAccounts = regexp.MustCompile(`^/api/v1/open-banking/customers/[^/]+/accounts$`)

var missingOnce sync.Once

// Check wraps h so that every exchange through it is validated against the specifications.
// Violations are reported with t.Errorf when the test ends (register the server's Close after
// calling Check, so that it runs first). When the specification files are missing, the check is
// skipped with instructions; with CI set, that is a failure.
func Check(t testing.TB, h http.Handler) http.Handler {
	t.Helper()
	s, err := load()
	if err != nil {
		if errors.Is(err, ErrMissing) && !inCI() {
			missingOnce.Do(func() { fmt.Fprintf(os.Stderr, "contract check skipped: %v\n", err) })
			t.Logf("contract check skipped: %v", err)
			return h
		}
		t.Fatalf("contract check: %v", err)
	}
	c := &checker{specs: s, next: h, counts: newCounts()}
	t.Cleanup(func() { c.report(t) })
	return c
}

type checker struct {
	specs *specs
	next  http.Handler

	mu         sync.Mutex
	violations []string
	counts     *counts
}

func (c *checker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		_ = r.Body.Close()
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	c.next.ServeHTTP(rec, r)
	if !rec.wrote {
		// The client went away before the answer (a timeout) and nothing was sent.
		c.counts.add(noSpec, "no answer: the client went away")
		return
	}
	c.check(exchange{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery,
		header: r.Header.Clone(), body: body, status: rec.status, respHeader: w.Header().Clone(), respBody: rec.body.Bytes()})
}

// exchange is one request and its answer as seen by the middleware.
type exchange struct {
	method, path, query string
	header              http.Header
	body                []byte
	status              int
	respHeader          http.Header
	respBody            []byte
}

func (x exchange) request(path string) *http.Request {
	u := &url.URL{Path: path, RawQuery: x.query}
	if p, err := url.PathUnescape(path); err == nil {
		u.Path, u.RawPath = p, path
	}
	req := &http.Request{Method: x.method, URL: u, Header: x.header.Clone(), Body: io.NopCloser(bytes.NewReader(x.body)),
		ContentLength: int64(len(x.body)), Host: "sandbox"}
	return req
}

func (x exchange) response(req *http.Request, status int) *http.Response {
	return &http.Response{StatusCode: status, Header: x.respHeader.Clone(), Request: req,
		Body: io.NopCloser(bytes.NewReader(x.respBody)), ContentLength: int64(len(x.respBody))}
}

// check validates one exchange; the outcome is one of checked, allowed, unmatched or no spec.
func (c *checker) check(x exchange) {
	switch {
	case gatewayAnswer(x):
		c.counts.add(noSpec, "a gateway's non-JSON error page (injected fault), not the API's answer")
	case strings.HasPrefix(x.path, cdrPrefix+"/"):
		c.checkCDR(x)
	case strings.HasPrefix(x.path, threddPrefix+"/"):
		c.checkThredd(x)
	case strings.HasPrefix(x.path, trueLayerPrefix+"/"):
		c.counts.add(noSpec, "TrueLayer")
	case strings.HasPrefix(x.path, ivyPrefix+"/"):
		c.counts.add(noSpec, "Ivy")
	default:
		c.checkOBP(x)
	}
}

func (c *checker) checkOBP(x exchange) {
	if x.path == unversionedDirectLogin {
		c.counts.add(allowed, "unversioned DirectLogin (allowance 7)")
		return
	}
	m := c.specs.obpRoutes.match(x.method, x.path)
	if !m.found {
		if name, ok := reimplementedInV6[x.method+" "+m.template]; ok && m.template != "" {
			c.counts.add(allowed, "re-implemented in v6.0.0, earlier version requested: "+name+" (allowance 6)")
			return
		}
		c.counts.add(unmatched, x.method+" "+templateOf(x.path, m.template))
		return
	}
	req := x.request(m.route.rewrite(x.path))
	where := fmt.Sprintf("%s %s (export: %s)", x.method, x.path, m.route.path)
	// The operation is found here, not by the validator's router: the export has paths that
	// differ only in parameter names (…/attributes/{attributeid} GET, …/{customerattributeid} PUT).
	item := c.specs.obpModel.Paths.PathItems.GetOrZero(m.route.path)
	if item == nil {
		c.counts.add(unmatched, x.method+" "+m.route.path+" (lost from the compiled export)")
		return
	}
	if _, errs := c.specs.obp.ValidateHttpRequestSyncWithPathItem(req, item, m.route.path); len(errs) > 0 {
		c.violate(where, "request", errs)
	}
	status := x.status
	switch declared, empty, ok := successStatusFor(x.method, x.status); {
	case x.status >= 400:
		// The export declares no error answers (only a 500 without content).
		c.counts.add(checked, "OBP request; error answer not declared by the export")
		return
	case ok && empty:
		if len(bytes.TrimSpace(x.respBody)) > 0 {
			c.addViolation(where, fmt.Sprintf("response %d: body must be empty", x.status))
		}
		c.counts.add(checked, fmt.Sprintf("OBP %d without body (allowance 1)", x.status))
		return
	case ok:
		status = declared
		c.counts.add(checked, fmt.Sprintf("OBP %d validated as declared %d (allowance 1)", x.status, declared))
	default:
		c.counts.add(checked, "OBP")
	}
	resp := x.response(req, status)
	defer func() { _ = resp.Body.Close() }()
	if _, errs := c.specs.obp.GetResponseBodyValidator().ValidateResponseBodyWithPathItem(req, resp, item, m.route.path); len(errs) > 0 {
		c.violate(where, fmt.Sprintf("response %d", x.status), errs)
	}
}

func (c *checker) checkCDR(x exchange) {
	path := strings.TrimPrefix(x.path, cdrPrefix)
	req := x.request(path)
	where := fmt.Sprintf("%s %s (CDR)", x.method, x.path)
	_, errs := c.specs.cdr.ValidateHttpRequestSync(req)
	for _, e := range errs {
		if e.ValidationType == helpers.PathValidation {
			c.counts.add(unmatched, x.method+" "+x.path)
			return
		}
	}
	if len(errs) > 0 {
		c.violate(where, "request", errs)
	}
	resp := x.response(req, x.status)
	defer func() { _ = resp.Body.Close() }()
	_, errs = c.specs.cdr.ValidateHttpResponse(req, resp)
	if x.status >= 400 && len(errs) == 1 && errs[0].ValidationSubType == helpers.ResponseBodyResponseCode {
		// Allowance 8: CDS lists the error statuses every endpoint may return (401, 403, 404,
		// 429, 5xx) in the standards' text; the swagger declares per operation only 400, 406 and
		// 422. Such answers are validated against the swagger's ResponseErrorListV2.
		errs = nil
		if len(bytes.TrimSpace(x.respBody)) > 0 {
			_, errs = c.specs.schemas.ValidateSchemaBytes(c.specs.cdrError, x.respBody)
		}
		c.counts.add(checked, fmt.Sprintf("CDR %d, undeclared for the operation, as ResponseErrorListV2 (allowance 8)", x.status))
	} else {
		c.counts.add(checked, "CDR")
	}
	if len(errs) > 0 {
		c.violate(where, fmt.Sprintf("response %d", x.status), errs)
	}
}

// checkThredd validates the Finicity account objects inside Thredd's envelope; the rest of
// Thredd's API has no public specification.
func (c *checker) checkThredd(x exchange) {
	path := strings.TrimPrefix(x.path, threddPrefix)
	if x.method != http.MethodGet || !threddAccounts.MatchString(path) || x.status != http.StatusOK {
		c.counts.add(noSpec, "Thredd (outside the account objects)")
		return
	}
	where := fmt.Sprintf("%s %s (Thredd envelope, Finicity CustomerAccount)", x.method, x.path)
	var envelope struct {
		CustomerAccounts []json.RawMessage `json:"customer_accounts"`
	}
	if err := json.Unmarshal(x.respBody, &envelope); err != nil || envelope.CustomerAccounts == nil {
		c.addViolation(where, fmt.Sprintf("response 200: no customer_accounts array (%v)", err))
		c.counts.add(checked, "Thredd accounts")
		return
	}
	for i, account := range envelope.CustomerAccounts {
		if _, errs := c.specs.schemas.ValidateSchemaBytes(c.specs.finicityAccount, account); len(errs) > 0 {
			c.violate(where, fmt.Sprintf("response 200 customer_accounts[%d]", i), errs)
		}
	}
	c.counts.add(checked, "Thredd accounts")
}

func (c *checker) violate(where, part string, errs []*liberrors.ValidationError) {
	var reasons []string
	for _, e := range errs {
		r := e.Message
		if e.Reason != "" && e.Reason != e.Message {
			r += ": " + e.Reason
		}
		for _, f := range e.SchemaValidationErrors {
			detail := f.Reason
			if f.FieldPath != "" {
				detail += " at " + f.FieldPath
			}
			r += "; " + detail
		}
		reasons = append(reasons, r)
	}
	c.addViolation(where, part+": "+strings.Join(reasons, " | "))
}

func (c *checker) addViolation(where, what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.violations = append(c.violations, where+": "+what)
}

// report runs when the test ends, after the server closed: no handler is running any more.
func (c *checker) report(t testing.TB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range c.violations {
		t.Errorf("contract violation: %s", v)
	}
	t.Logf("contract: %s (spec load %s)", c.counts.summary(), c.specs.loadTime.Round(1e6))
	totals.merge(c.counts)
	totals.write()
}

// recorder passes a response through while keeping its status and body.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// gatewayAnswer reports an error page a proxy in front of the API would send (the sandbox's fault
// injection imitates one): a 429 or 5xx without a JSON body. No API specification describes it.
func gatewayAnswer(x exchange) bool {
	if x.status != http.StatusTooManyRequests && x.status < 500 {
		return false
	}
	ct := strings.ToLower(x.respHeader.Get("Content-Type"))
	return !strings.Contains(ct, "json")
}
