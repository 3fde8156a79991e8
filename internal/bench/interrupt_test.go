package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// interruptCustomers × resourcesPerCustomer objects are applied in each case.
const interruptCustomers = 25

// interruption is how an apply is stopped at the worst moment: while a create
// is in flight, after the server received it and before its answer arrived.
type interruption struct {
	name   string
	seed   uint64
	signal syscall.Signal
	// plugin sends the signal to the provider process instead of terraform.
	plugin bool
}

// TestInterruptedApplyConverges interrupts an apply of 100 objects with
// SIGINT, or SIGKILL of terraform or of the provider, while a create is in
// flight; a plain re-apply must then leave every object exactly once on the
// server and in state, a plan must be empty, and destroy must leave nothing.
func TestInterruptedApplyConverges(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	pluginDir := buildPlugin(t)
	for _, c := range []interruption{
		{name: "sigint", seed: 1, signal: syscall.SIGINT},
		{name: "sigint", seed: 2, signal: syscall.SIGINT},
		{name: "sigkill-terraform", seed: 3, signal: syscall.SIGKILL},
		{name: "sigkill-terraform", seed: 4, signal: syscall.SIGKILL},
		{name: "sigkill-provider", seed: 5, signal: syscall.SIGKILL, plugin: true},
	} {
		t.Run(fmt.Sprintf("%s/seed-%d", c.name, c.seed), func(t *testing.T) { testInterruption(t, pluginDir, c) })
	}
}

func testInterruption(t *testing.T, pluginDir string, c interruption) {
	srv := startInterruptSandbox(t)
	tf := newInterruptTerraform(t, pluginDir, srv.url)
	if err := tf.init(); err != nil {
		t.Fatal(err)
	}
	// The interruption comes with the after-th create the server receives.
	after := 5 + int(rand.New(rand.NewPCG(c.seed, 0)).Uint64N(interruptCustomers*resourcesPerCustomer-10))
	cmd := tf.start(t, "apply", "-auto-approve", tf.parallelismFlag())
	srv.onCreate(after, func() { interrupt(t, cmd, c) })
	providers := waitExit(t, cmd, 3*time.Minute)
	waitGone(t, providers)
	t.Logf("interrupted after %d creates: %d customers on the server", after, len(srv.customers()))

	if _, err := tf.apply(); err != nil {
		t.Fatalf("re-apply after the interruption: %v", err)
	}
	if res, err := tf.plan(); err != nil || res.exitCode != 0 {
		t.Fatalf("plan after the re-apply is not empty (exit %d, %v): see %s", res.exitCode, err, filepath.Join(tf.dir, "plan.log"))
	}
	assertStateIsServer(t, tf, srv)
	if _, err := tf.destroy(); err != nil {
		t.Fatal(err)
	}
	if left := srv.customers(); len(left) != 0 {
		t.Fatalf("destroy left %d customers on the server", len(left))
	}
}

// interruptServer is the sandbox behind a counter of creates. Like a real
// server, it finishes a request it has received even when the client has gone.
type interruptServer struct {
	all     *sandbox.All
	url     string
	creates atomic.Int64

	mu      sync.Mutex
	trigger func(n int64)
}

func startInterruptSandbox(t *testing.T) *interruptServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &interruptServer{all: sandbox.NewAll(obpsandbox.Options{}), url: "http://" + ln.Addr().String()}
	s.all.Faults.Set(faults.Config{Latency: 20 * time.Millisecond})
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	return s
}

func (s *interruptServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && !strings.Contains(r.URL.Path, "logins") && !strings.HasSuffix(r.URL.Path, "customer-number") {
		n := s.creates.Add(1)
		s.mu.Lock()
		trigger := s.trigger
		s.mu.Unlock()
		if trigger != nil {
			trigger(n)
		}
	}
	s.all.ServeHTTP(w, r.WithContext(context.WithoutCancel(r.Context())))
}

// onCreate calls f once, when the server receives its n-th create.
func (s *interruptServer) onCreate(n int, f func()) {
	var once sync.Once
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trigger = func(got int64) {
		if got >= int64(n) {
			once.Do(func() { go f() })
		}
	}
}

func (s *interruptServer) customers() []obpsandbox.Customer {
	return slices.DeleteFunc(s.all.OBP.Customers(obpsandbox.DefaultBankID), func(c obpsandbox.Customer) bool {
		return !strings.HasPrefix(c.CustomerNumber, "BENCH-")
	})
}

// serverIDs lists the id of every object the configuration manages on the
// server, by resource type.
func (s *interruptServer) serverIDs() map[string][]string {
	ids := map[string][]string{}
	for _, c := range s.customers() {
		ids["openbanking_customer"] = append(ids["openbanking_customer"], c.CustomerID)
		for _, a := range s.all.OBP.Addresses(c.CustomerID) {
			ids["openbanking_customer_address"] = append(ids["openbanking_customer_address"], a.CustomerAddressID)
		}
		for _, a := range s.all.OBP.CustomerAttributes(c.CustomerID) {
			ids["openbanking_customer_attribute"] = append(ids["openbanking_customer_attribute"], a.CustomerAttributeID)
		}
		for _, r := range s.all.OBP.TaxResidences(c.CustomerID) {
			ids["openbanking_tax_residence"] = append(ids["openbanking_tax_residence"], r.TaxResidenceID)
		}
	}
	return ids
}

// idAttributes names the attribute holding each type's server id.
var idAttributes = map[string]string{
	"openbanking_customer":           "customer_id",
	"openbanking_customer_address":   "customer_address_id",
	"openbanking_customer_attribute": "customer_attribute_id",
	"openbanking_tax_residence":      "tax_residence_id",
}

// assertStateIsServer checks that state and server hold the same objects,
// each once: no duplicate, no orphan.
func assertStateIsServer(t *testing.T, tf *terraform, srv *interruptServer) {
	t.Helper()
	state := stateIDs(t, tf)
	server := srv.serverIDs()
	for typ := range idAttributes {
		got, want := slices.Sorted(slices.Values(server[typ])), slices.Sorted(slices.Values(state[typ]))
		if len(got) != interruptCustomers || !slices.Equal(got, want) {
			t.Errorf("%s: %d on the server, %d in state, want %d each and the same ids\nserver: %v\nstate:  %v",
				typ, len(got), len(want), interruptCustomers, got, want)
		}
	}
}

func stateIDs(t *testing.T, tf *terraform) map[string][]string {
	t.Helper()
	cmd := exec.Command(tf.bin, "-chdir="+tf.dir, "show", "-json")
	cmd.Env = tf.env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("terraform show: %v", err)
	}
	var shown struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal(out, &shown); err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{}
	for _, r := range shown.Values.RootModule.Resources {
		id, _ := r.Values[idAttributes[r.Type]].(string)
		ids[r.Type] = append(ids[r.Type], id)
	}
	return ids
}

// interrupt sends the case's signal to terraform or to its provider process.
func interrupt(t *testing.T, cmd *exec.Cmd, c interruption) {
	pid := cmd.Process.Pid
	if c.plugin {
		providers := slices.DeleteFunc(childPIDs(pid), func(p int) bool { return !isProvider(p) })
		if len(providers) == 0 {
			t.Errorf("no provider process under terraform %d", pid)
			return
		}
		pid = providers[0]
	}
	if err := syscall.Kill(pid, c.signal); err != nil {
		t.Errorf("kill %d: %v", pid, err)
	}
}

// buildPlugin builds the provider into a plugin directory for terraform init.
func buildPlugin(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	platform := filepath.Join(dir, "registry.terraform.io", "openbanking", "openbanking", "0.1.0", "linux_amd64")
	cmd := exec.Command("go", "build", "-o", filepath.Join(platform, providerBinary+"_v0.1.0"), "../..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

func newInterruptTerraform(t *testing.T, pluginDir, url string) *terraform {
	t.Helper()
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(providerConfig(interruptCustomers, obpsandbox.DefaultBankID)), 0o644); err != nil {
		t.Fatal(err)
	}
	env, err := terraformEnv(os.Environ(), url, filepath.Join(dir, "terraformrc"))
	if err != nil {
		t.Fatal(err)
	}
	return &terraform{bin: bin, dir: dir, pluginDir: pluginDir, env: env, parallelism: 10}
}

// start starts a terraform command without waiting for it.
func (tf *terraform) start(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	logFile, err := os.Create(filepath.Join(tf.dir, "interrupted-"+args[0]+".log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = logFile.Close() })
	cmd := exec.Command(tf.bin, append([]string{"-chdir=" + tf.dir}, tf.flags(args[0], args[1:]...)...)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = tf.env, logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitExit waits for terraform to stop and returns the provider processes it ran.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) []int {
	t.Helper()
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	seen := map[int]bool{}
	timeout := time.After(limit)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return slices.Collect(maps.Keys(seen))
		case <-timeout:
			_ = cmd.Process.Kill()
			t.Fatalf("terraform did not stop within %s of the interruption", limit)
		case <-tick.C:
			for _, p := range childPIDs(cmd.Process.Pid) {
				seen[p] = seen[p] || isProvider(p)
			}
		}
	}
}

// waitGone waits until the provider processes have stopped: one whose
// terraform died must stop by itself.
func waitGone(t *testing.T, providers []int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		running := slices.DeleteFunc(slices.Clone(providers), func(p int) bool { return !running(p) })
		if len(running) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("provider processes %v still run 30 s after terraform stopped", running)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// running reports whether pid is a live provider process (not a zombie).
func running(pid int) bool {
	stat, err := os.ReadFile(procPath(pid, "stat"))
	if err != nil || !isProvider(pid) {
		return false
	}
	end := strings.LastIndexByte(string(stat), ')')
	return end > 0 && !strings.HasPrefix(strings.TrimSpace(string(stat[end+1:])), "Z")
}
