package process

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestWatchParentCallsOrphanedWhenTheParentChanges(t *testing.T) {
	var calls atomic.Int64
	getppid := func() int { // the first parent dies after three looks
		if calls.Add(1) <= 3 {
			return 4242
		}
		return 1
	}
	done := make(chan struct{})
	go watchParent(context.Background(), getppid, time.Millisecond, func() { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("watchParent did not notice that the parent changed")
	}
}

func TestWatchParentIgnoresAProcessStartedByInit(t *testing.T) {
	returned := make(chan struct{})
	go func() {
		watchParent(context.Background(), func() int { return 1 }, time.Millisecond, func() { t.Error("orphaned called for a child of init") })
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("watchParent kept watching a child of init")
	}
}

// TestProviderExitsWhenTerraformIsKilled starts the provider binary as
// terraform does (magic cookie, plugin protocol), under a parent shell, kills
// the shell with SIGKILL and expects the provider to be gone soon after.
func TestProviderExitsWhenTerraformIsKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider binary")
	}
	bin := filepath.Join(t.TempDir(), "terraform-provider-openbanking")
	build := exec.Command("go", "build", "-o", bin, "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	parent := exec.Command("bash", "-c", `"$0" & echo $! > "$1"; wait`, bin, pidFile)
	parent.Env = append(os.Environ(),
		"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		"PLUGIN_PROTOCOL_VERSIONS=6", "PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000")
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	pid := waitForPID(t, pidFile)
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	if !alive(pid) {
		t.Fatal("the provider did not start under its parent")
	}
	_ = parent.Process.Kill()
	_ = parent.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("provider %d still runs 30 s after its parent was killed", pid)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func waitForPID(t *testing.T, file string) int {
	t.Helper()
	for range 100 {
		data, _ := os.ReadFile(file)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil {
			time.Sleep(500 * time.Millisecond) // let the provider start serving
			return pid
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the parent shell did not report the provider's pid")
	return 0
}

// alive reports whether pid runs and is not a zombie.
func alive(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	end := strings.LastIndexByte(string(data), ')')
	return end > 0 && !strings.HasPrefix(strings.TrimSpace(string(data[end+1:])), "Z")
}
