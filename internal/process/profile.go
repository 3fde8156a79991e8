package process

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// ProfileDirEnv names a directory where each provider process writes its CPU,
// heap and goroutine profiles when it exits (cpu-PID.pprof, heap-PID.pprof,
// goroutine-PID.pprof).
// For performance work only; unset, nothing is profiled.
const ProfileDirEnv = "TF_OPENBANKING_PROFILE_DIR"

// StartProfiles starts CPU profiling into dir and returns the function that
// stops it and writes the heap profile. With dir empty it does nothing.
func StartProfiles(dir string) func() {
	if dir == "" {
		return func() {}
	}
	name := func(kind string) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid())) }
	cpu, err := os.Create(name("cpu"))
	if err != nil {
		log.Printf("[WARN] no CPU profile: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("[WARN] no CPU profile: %v", err)
		_ = cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		writeHeapProfile(name("heap"))
		writeProfile("goroutine", name("goroutine"))
	}
}

func writeHeapProfile(path string) {
	runtime.GC()
	writeProfile("heap", path)
}

// writeProfile writes one of runtime/pprof's named profiles.
func writeProfile(kind, path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Printf("[WARN] no %s profile: %v", kind, err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup(kind).WriteTo(f, 0); err != nil {
		log.Printf("[WARN] no %s profile: %v", kind, err)
	}
}
