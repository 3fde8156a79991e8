package main

import (
	"math"
	"testing"
	"time"
)

func TestNetworkLimit(t *testing.T) {
	if got := networkLimit(4001, 20*time.Millisecond, 10); got != 8002*time.Millisecond {
		t.Fatalf("networkLimit = %s", got)
	}
	if got := networkLimit(10, time.Second, 0); got != 0 {
		t.Fatalf("networkLimit with parallelism 0 = %s", got)
	}
}

func TestRatios(t *testing.T) {
	if got := latencyOverlap(11*time.Second, 8*time.Second, 2*time.Second); !near(got, 1.1) {
		t.Errorf("latencyOverlap = %v, want 1.1", got)
	}
	if got := ratio(3*time.Second, 2*time.Second); !near(got, 1.5) {
		t.Errorf("ratio = %v, want 1.5", got)
	}
	if got := ratio(time.Second, 0); got != 0 {
		t.Errorf("ratio over 0 = %v", got)
	}
}

func TestMeasurementSummaries(t *testing.T) {
	m := measurement{
		requests:    map[string]int{loginEndpoint: 1, "GET /x": 4},
		loginsByPID: map[int]int{11: 1, 12: 1},
		providers:   map[int]procSample{10: {peakRSS: 5 << 20, cpu: time.Second}, 11: {peakRSS: 9 << 20, cpu: 2 * time.Second}},
	}
	if got := m.totalRequests(); got != 5 {
		t.Errorf("totalRequests = %d", got)
	}
	if got := m.peakRSS(); got != 9<<20 {
		t.Errorf("peakRSS = %d", got)
	}
	if got := m.providerCPU(); got != 3*time.Second {
		t.Errorf("providerCPU = %s", got)
	}
	if got := m.processes(); got != 3 {
		t.Errorf("processes = %d, want 3 (10, 11 and 12, which logged in between samples)", got)
	}
	if got := m.maxLoginsPerProcess(); got != 1 {
		t.Errorf("maxLoginsPerProcess = %d", got)
	}
	m.loginsByPID[0] = 1
	if got := m.maxLoginsPerProcess(); got != -1 {
		t.Errorf("maxLoginsPerProcess with an unattributed login = %d, want -1", got)
	}
	if worstLogins(1, -1) != -1 || worstLogins(2, 1) != 2 {
		t.Error("worstLogins")
	}
}

func TestRows(t *testing.T) {
	r := sampleResult(100, 10*time.Second, 11*time.Second, 12*time.Second, 14*time.Second, 401)
	rows := r.rows(settings{latency: 20 * time.Millisecond, parallelism: 10})
	if len(rows) != len(operations) {
		t.Fatalf("%d rows, want %d", len(rows), len(operations))
	}
	got := rows[0]
	if got.resources != 400 || got.requests != 401 || got.limit != 802*time.Millisecond {
		t.Errorf("row = %+v", got)
	}
	if !near(got.overlap, 14/12.802) || !near(got.oursTwin, 12.0/11) || !near(got.twinBase, 1.1) {
		t.Errorf("overlap %v, ours/twin %v, twin/terraform_data %v", got.overlap, got.oursTwin, got.twinBase)
	}
	delete(r.runs[variantZero], "plan")
	if rows := r.rows(settings{latency: time.Millisecond, parallelism: 1}); len(rows) != len(operations)-1 {
		t.Errorf("an operation without every variant should be left out, got %d rows", len(rows))
	}
}

// sampleResult builds a result whose every operation took the given times
// and made the given requests (one of them a login, list calls once per customer).
func sampleResult(customers int, base, twin, zero, lat time.Duration, requests int) *sizeResult {
	r := newSizeResult(customers)
	for _, op := range operations {
		reqs := map[string]int{loginEndpoint: 1, listEndpoints[0]: customers, "GET /other": requests - 1 - customers}
		provider := func(wall time.Duration) measurement {
			return measurement{
				wall: wall, requests: reqs, logins: 1, loginsByPID: map[int]int{42: 1},
				providers: map[int]procSample{42: {peakRSS: 50 << 20}},
			}
		}
		r.set(variantBaseline, op, measurement{wall: base})
		r.set(variantTwin, op, measurement{wall: twin})
		r.set(variantZero, op, provider(zero))
		r.set(variantLatency, op, provider(lat))
		untuned := provider(zero + time.Second)
		untuned.providers = map[int]procSample{43: {peakRSS: 400 << 20, cpu: 3 * time.Second}}
		r.set(variantUntuned, op, untuned)
	}
	return r
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
