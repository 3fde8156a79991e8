package process

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	restore := func(percent int, limit int64) func() {
		return func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) }
	}(debug.SetGCPercent(100), debug.SetMemoryLimit(-1))
	defer restore()

	t.Run("nothing set: tuned", func(t *testing.T) {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		debug.SetGCPercent(100)
		TuneGC()
		if got := debug.SetGCPercent(100); got != gcPercent {
			t.Errorf("GC percent = %d, want %d", got, gcPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != memoryLimit {
			t.Errorf("memory limit = %d, want %d", got, memoryLimit)
		}
	})
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(name+" set: left alone", func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(name, "200")
			debug.SetGCPercent(100)
			TuneGC()
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("GC percent = %d with %s set, want 100 (untouched)", got, name)
			}
		})
	}
}
