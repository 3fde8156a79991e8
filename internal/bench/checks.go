package main

import (
	"fmt"
	"slices"
	"strings"
)

// Targets of the issue.
const (
	targetCustomers = 1000
	maxOverlap      = 1.10
	maxOursTwin     = 1.05
	maxPeakRSS      = 200 << 20
)

// oursTwinOperations are the operations the ours/twin target is for. A
// destroy's ratio is in the main table; it is one run of a command that
// refreshes and then deletes.
var oursTwinOperations = []string{"apply", "plan"}

// listEndpoints are the lists children are refreshed from; each may be called
// at most once per customer per command.
var listEndpoints = []string{
	"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/addresses",
	"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/tax-residences",
	"GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes",
}

// check is one target with the value measured.
type check struct {
	target string
	value  string
	pass   bool
}

// checks evaluates every target over the results (sorted by size).
func checks(results []*sizeResult, s settings) []check {
	if len(results) == 0 {
		return nil
	}
	at := targetSize(results)
	rows := at.rows(s)
	return []check{
		ratioCheck(fmt.Sprintf("latency overlap ≤ %.2f", maxOverlap), at, rows, maxOverlap,
			func(r row) float64 { return r.overlap }),
		ratioCheck(fmt.Sprintf("ours/twin ≤ %.2f for apply and plan", maxOursTwin), at, rowsOf(rows, oursTwinOperations), maxOursTwin,
			func(r row) float64 { return r.oursTwin }),
		refreshCheck(results),
		listCheck(results),
		loginCheck(results),
		memoryCheck(at, rows),
		emptyPlanCheck(results),
	}
}

// targetSize is the result at 1000 customers, or the largest measured.
func targetSize(results []*sizeResult) *sizeResult {
	for _, r := range results {
		if r.customers == targetCustomers {
			return r
		}
	}
	return results[len(results)-1]
}

func atN(r *sizeResult) string { return fmt.Sprintf(" at N = %d", r.customers) }

// rowsOf keeps the rows of the given operations.
func rowsOf(rows []row, ops []string) []row {
	var out []row
	for _, r := range rows {
		if slices.Contains(ops, r.op) {
			out = append(out, r)
		}
	}
	return out
}

func ratioCheck(target string, at *sizeResult, rows []row, limit float64, value func(row) float64) check {
	c := check{target: target + atN(at), pass: len(rows) > 0}
	var parts []string
	for _, r := range rows {
		v := value(r)
		parts = append(parts, fmt.Sprintf("%s %.2f", r.op, v))
		c.pass = c.pass && v <= limit
	}
	c.value = strings.Join(parts, ", ")
	return c
}

// refreshCheck: a plan sends at most one request per resource (logins aside).
func refreshCheck(results []*sizeResult) check {
	c := check{target: "refresh ≤ 1 request per resource", pass: true}
	worst := 0.0
	for _, r := range results {
		for _, v := range []string{variantZero, variantLatency} {
			m, ok := r.get(v, "plan")
			if !ok {
				continue
			}
			per := float64(m.totalRequests()-m.requests[loginEndpoint]) / float64(r.resources())
			worst = max(worst, per)
			c.pass = c.pass && per <= 1
		}
	}
	c.value = fmt.Sprintf("at most %.2f per resource", worst)
	return c
}

// listCheck: children read by list cost at most one list call per customer per kind.
func listCheck(results []*sizeResult) check {
	c := check{target: "≤ 1 list call per customer per child kind", pass: true}
	worst := 0.0
	for _, r := range results {
		for _, v := range []string{variantZero, variantLatency} {
			for _, m := range r.runs[v] {
				for _, e := range listEndpoints {
					per := float64(m.requests[e]) / float64(r.customers)
					worst = max(worst, per)
					c.pass = c.pass && per <= 1
				}
			}
		}
	}
	c.value = fmt.Sprintf("at most %.2f per customer", worst)
	return c
}

// loginCheck: every provider process that calls OBP logs in exactly once.
func loginCheck(results []*sizeResult) check {
	c := check{target: "exactly 1 login per provider process", pass: true}
	worst, logins, unattributed := 0, 0, 0
	for _, r := range results {
		for _, v := range []string{variantZero, variantLatency} {
			for _, m := range r.runs[v] {
				logins += m.logins
				unattributed += m.loginsByPID[0]
				worst = max(worst, m.maxLoginsPerProcess())
				if m.totalRequests() > m.logins && m.logins == 0 {
					c.pass = false
				}
			}
		}
	}
	c.pass = c.pass && worst == 1 && unattributed == 0
	c.value = fmt.Sprintf("%d logins, at most %d per process", logins, worst)
	if unattributed > 0 {
		c.value += fmt.Sprintf(", %d not attributed to a process", unattributed)
	}
	return c
}

func memoryCheck(at *sizeResult, rows []row) check {
	c := check{target: fmt.Sprintf("provider peak RSS < %d MB", maxPeakRSS>>20) + atN(at), pass: len(rows) > 0}
	var peak int64
	for _, r := range rows {
		peak = max(peak, r.peakRSS)
	}
	c.pass = c.pass && peak < maxPeakRSS
	c.value = formatBytes(peak)
	return c
}

// emptyPlanCheck: after apply, a plan shows no changes (the provider reads back what it wrote).
func emptyPlanCheck(results []*sizeResult) check {
	c := check{target: "plan after apply is empty", pass: true, value: "no changes"}
	for _, r := range results {
		for _, v := range variants {
			if m, ok := r.get(v, "plan"); ok && m.changes {
				c.pass = false
				c.value = fmt.Sprintf("changes at N = %d (%s)", r.customers, v)
			}
		}
	}
	return c
}
