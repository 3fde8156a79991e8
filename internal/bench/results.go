package main

import (
	"maps"
	"slices"
	"time"
)

// Operations measured, in the order they run.
var operations = []string{"apply", "plan", "destroy"}

// Variants of one size: the terraform_data baseline, the twin (a provider
// with the same schemas whose operations do no I/O), the provider without
// and with injected latency, and the provider built without its process
// tuning, without latency.
const (
	variantBaseline = "terraform_data"
	variantTwin     = "twin"
	variantZero     = "zero"
	variantLatency  = "latency"
	variantUntuned  = "untuned"
)

// variants are measured in this order for every size.
var variants = []string{variantBaseline, variantTwin, variantZero, variantLatency, variantUntuned}

// measurement is one terraform command of one variant.
type measurement struct {
	wall time.Duration
	// requests per sandbox endpoint ("METHOD /route/template").
	requests map[string]int
	logins   int
	// loginsByPID counts logins per provider process (0: not attributed).
	loginsByPID map[int]int
	// providers maps every provider process seen to its peak RSS and CPU time.
	providers map[int]procSample
	// changes is true when a plan was not empty.
	changes bool
	// benchCPU is the CPU time of the bench process during the command: the
	// in-process sandbox and the sampling of provider processes.
	benchCPU time.Duration
	// serverBusy is the time the sandbox had a request in flight, and
	// inFlight the mean number of requests in flight then.
	serverBusy time.Duration
	inFlight   float64
}

func (m measurement) totalRequests() int {
	total := 0
	for _, n := range m.requests {
		total += n
	}
	return total
}

// peakRSS is the largest VmHWM of the provider processes.
func (m measurement) peakRSS() int64 {
	var peak int64
	for _, p := range m.providers {
		peak = max(peak, p.peakRSS)
	}
	return peak
}

// providerCPU is the CPU time of all provider processes.
func (m measurement) providerCPU() time.Duration {
	var total time.Duration
	for _, p := range m.providers {
		total += p.cpu
	}
	return total
}

// processes counts the provider processes seen, including any that logged in
// between two samples.
func (m measurement) processes() int {
	pids := map[int]bool{}
	for pid := range m.providers {
		pids[pid] = true
	}
	for pid := range m.loginsByPID {
		if pid != 0 {
			pids[pid] = true
		}
	}
	return len(pids)
}

// maxLoginsPerProcess is the most logins one provider process made; -1 when
// some login could not be attributed to a process.
func (m measurement) maxLoginsPerProcess() int {
	if m.loginsByPID[0] > 0 {
		return -1
	}
	most := 0
	for _, n := range m.loginsByPID {
		most = max(most, n)
	}
	return most
}

// worstLogins combines two maxLoginsPerProcess values; -1 (unattributed) wins.
func worstLogins(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

// sizeResult holds every measurement of one number of customers.
type sizeResult struct {
	customers int
	runs      map[string]map[string]measurement // variant → operation → measurement
}

func newSizeResult(customers int) *sizeResult {
	return &sizeResult{customers: customers, runs: map[string]map[string]measurement{}}
}

func (r *sizeResult) set(variant, op string, m measurement) {
	if r.runs[variant] == nil {
		r.runs[variant] = map[string]measurement{}
	}
	r.runs[variant][op] = m
}

func (r *sizeResult) get(variant, op string) (measurement, bool) {
	m, ok := r.runs[variant][op]
	return m, ok
}

// measuredOperations are the operations measured for variant, in order.
func (r *sizeResult) measuredOperations(variant string) []string {
	var ops []string
	for _, op := range operations {
		if _, ok := r.get(variant, op); ok {
			ops = append(ops, op)
		}
	}
	return ops
}

func (r *sizeResult) resources() int { return r.customers * resourcesPerCustomer }

// settings are the knobs every ratio depends on.
type settings struct {
	latency     time.Duration
	parallelism int
}

// networkLimit is the least time the requests can take: each waits the
// latency, and at most parallelism of them are in flight.
func networkLimit(requests int, latency time.Duration, parallelism int) time.Duration {
	if parallelism <= 0 {
		return 0
	}
	return time.Duration(int64(requests) * int64(latency) / int64(parallelism))
}

// latencyOverlap is wall(latency) ÷ (wall(0) + network limit): 1 when the
// provider hides all latency behind parallelism, more when requests wait.
func latencyOverlap(withLatency, withoutLatency, limit time.Duration) float64 {
	return ratio(withLatency, withoutLatency+limit)
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// row is one line of the main table.
type row struct {
	customers, resources int
	op                   string
	baseline, twin       time.Duration
	zero, lat            time.Duration
	requests             int
	limit                time.Duration
	overlap              float64
	oursTwin, twinBase   float64
	logins, processes    int
	maxLoginsPerProcess  int
	peakRSS              int64
	providerCPU          time.Duration
	sandboxCPU           time.Duration
}

// rows computes the table lines of one size; operations with a missing
// variant are left out.
func (r *sizeResult) rows(s settings) []row {
	var out []row
	for _, op := range operations {
		base, okB := r.get(variantBaseline, op)
		twin, okT := r.get(variantTwin, op)
		zero, okZ := r.get(variantZero, op)
		lat, okL := r.get(variantLatency, op)
		if !okB || !okT || !okZ || !okL {
			continue
		}
		limit := networkLimit(lat.totalRequests(), s.latency, s.parallelism)
		out = append(out, row{
			customers: r.customers, resources: r.resources(), op: op,
			baseline: base.wall, twin: twin.wall, zero: zero.wall, lat: lat.wall,
			requests: lat.totalRequests(), limit: limit,
			overlap:  latencyOverlap(lat.wall, zero.wall, limit),
			oursTwin: ratio(zero.wall, twin.wall),
			twinBase: ratio(twin.wall, base.wall),
			logins:   lat.logins, processes: lat.processes(),
			maxLoginsPerProcess: worstLogins(lat.maxLoginsPerProcess(), zero.maxLoginsPerProcess()),
			peakRSS:             max(lat.peakRSS(), zero.peakRSS()),
			providerCPU:         zero.providerCPU(),
			sandboxCPU:          zero.benchCPU,
		})
	}
	return out
}

// endpoints lists, sorted, every endpoint any measurement of a variant called.
func (r *sizeResult) endpoints(variant string) []string {
	seen := map[string]bool{}
	for _, m := range r.runs[variant] {
		for e := range m.requests {
			seen[e] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}
