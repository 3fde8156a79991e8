package process

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// ProfileDirEnv names a directory where each provider process writes a CPU
// profile and a heap profile when it exits (cpu-PID.pprof, heap-PID.pprof).
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
	}
}

func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Printf("[WARN] no heap profile: %v", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Printf("[WARN] no heap profile: %v", err)
	}
}
