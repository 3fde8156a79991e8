package main

import (
	"testing"
	"time"
)

var benchSettings = settings{latency: 20 * time.Millisecond, parallelism: 10}

func TestChecksPass(t *testing.T) {
	results := []*sizeResult{
		sampleResult(100, time.Second, time.Second, time.Second, time.Second, 300),
		sampleResult(1000, 10*time.Second, 12*time.Second, 12*time.Second, 13*time.Second, 4001),
	}
	for _, c := range checks(results, benchSettings) {
		if !c.pass {
			t.Errorf("%s: MISS (%s)", c.target, c.value)
		}
	}
}

func TestChecksMiss(t *testing.T) {
	r := sampleResult(1000, 10*time.Second, 10*time.Second, 16*time.Second, 30*time.Second, 4001)
	plan := r.runs[variantLatency]["plan"]
	plan.requests = map[string]int{loginEndpoint: 2, listEndpoints[1]: 2000, "GET /other": 3000}
	plan.loginsByPID = map[int]int{42: 2}
	plan.logins = 2
	plan.providers = map[int]procSample{42: {peakRSS: 300 << 20}}
	plan.changes = true
	r.runs[variantLatency]["plan"] = plan
	cs := checks([]*sizeResult{r}, benchSettings)
	if len(cs) != 7 {
		t.Fatalf("%d checks", len(cs))
	}
	for _, c := range cs {
		if c.pass {
			t.Errorf("%s: PASS (%s), want MISS", c.target, c.value)
		}
	}
}

func TestChecksUseTargetSize(t *testing.T) {
	small := sampleResult(100, time.Second, time.Second, 10*time.Second, 10*time.Second, 300)
	large := sampleResult(500, 10*time.Second, 11*time.Second, 11*time.Second, 11*time.Second, 2001)
	cs := checks([]*sizeResult{small, large}, benchSettings)
	if cs[1].target != "ours/twin ≤ 1.05 for apply and plan at N = 500" || !cs[1].pass {
		t.Errorf("ours/twin check = %+v, want it at the largest size and passing", cs[1])
	}
	if checks(nil, benchSettings) != nil {
		t.Error("checks of no results")
	}
}

func TestOursTwinCheckLeavesDestroyOut(t *testing.T) {
	r := sampleResult(1000, 10*time.Second, 10*time.Second, 10*time.Second, 10*time.Second, 4001)
	destroy := r.runs[variantZero]["destroy"]
	destroy.wall = 12 * time.Second
	r.runs[variantZero]["destroy"] = destroy
	c := checks([]*sizeResult{r}, benchSettings)[1]
	if !c.pass || c.value != "apply 1.00, plan 1.00" {
		t.Errorf("ours/twin check = %+v, want apply and plan only, passing", c)
	}
	plan := r.runs[variantZero]["plan"]
	plan.wall = 11 * time.Second
	r.runs[variantZero]["plan"] = plan
	if c := checks([]*sizeResult{r}, benchSettings)[1]; c.pass {
		t.Errorf("ours/twin check = %+v with plan at 1.10, want MISS", c)
	}
}
