package counter

import (
	"net/http"
	"sync"
	"testing"
)

func TestCounter(t *testing.T) {
	var c Counter
	if c.RequestCount("GET /x") != 0 || len(c.RequestCounts()) != 0 {
		t.Fatal("zero value counts something")
	}
	key := Key(http.MethodGet, "/banks/{BANK_ID}")
	if key != "GET /banks/{BANK_ID}" {
		t.Fatalf("Key = %q", key)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { c.CountRequest(key) })
	}
	wg.Wait()
	c.CountRequest("POST /banks")
	counts := c.RequestCounts()
	if c.RequestCount(key) != 20 || len(counts) != 2 || counts["POST /banks"] != 1 {
		t.Fatalf("counts %v", counts)
	}
	counts[key] = 0
	if c.RequestCount(key) != 20 {
		t.Fatal("RequestCounts exposes the counters")
	}
	c.ResetCounts()
	if c.RequestCount(key) != 0 || len(c.RequestCounts()) != 0 {
		t.Fatalf("after ResetCounts: %v", c.RequestCounts())
	}
}
