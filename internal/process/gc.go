package process

import (
	"os"
	"runtime/debug"
)

// The provider's live heap is a few megabytes whatever the size of the
// configuration, while every call allocates and drops its decoded values.
// With Go's default GOGC=100 the collector then runs after every few
// megabytes allocated and takes a quarter of the provider's CPU on a large
// plan. gcPercent lets the heap grow to five times the live data between
// collections; memoryLimit makes the collector work harder before the heap
// reaches it.
const (
	gcPercent   = 400
	memoryLimit = 150 << 20
)

// TuneGC sets the collector's pace unless GOGC or GOMEMLIMIT already does.
func TuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}
