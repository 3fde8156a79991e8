package obp

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestListCache_concurrentCallersShareOneLoad(t *testing.T) {
	var lc listCache
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) (any, error) { //nolint:unparam // the loader signature of listCache.get
		loads.Add(1)
		<-release
		return []string{"a"}, nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := lc.get(context.Background(), "k", load); err != nil || len(v.([]string)) != 1 {
				t.Errorf("get = %v, %v", v, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("loads = %d, want 1", n)
	}
	// Later callers reuse the answer until it is invalidated.
	_, _ = lc.get(context.Background(), "k", load)
	lc.invalidate("k")
	_, _ = lc.get(context.Background(), "k", load)
	if n := loads.Load(); n != 2 {
		t.Fatalf("loads after invalidate = %d, want 2", n)
	}
}

func TestListCache_errorsAreNotKept(t *testing.T) {
	var lc listCache
	fail := errors.New("boom")
	calls := 0
	load := func(context.Context) (any, error) {
		calls++
		if calls == 1 {
			return nil, fail
		}
		return []string{}, nil
	}
	if _, err := lc.get(context.Background(), "k", load); !errors.Is(err, fail) {
		t.Fatalf("first get err = %v", err)
	}
	if _, err := lc.get(context.Background(), "k", load); err != nil || calls != 2 {
		t.Fatalf("second get err = %v, calls = %d", err, calls)
	}
}
