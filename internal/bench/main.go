// Command bench measures the provider against the sandbox: wall time of
// apply, plan and destroy for N customers with one address, attribute and tax
// residence each, with and without injected latency, against as many
// terraform_data resources; requests per endpoint, logins per provider
// process and provider peak memory. It prints Markdown tables (make bench).
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// options are the harness settings; flags default to BENCH_* variables.
type options struct {
	sizes       []int
	operations  []string
	latency     time.Duration
	parallelism int
	pluginDir   string
	// twinPluginDir holds the twin provider under the provider's address.
	twinPluginDir string
	// untunedPluginDir holds the provider built without its process tuning.
	untunedPluginDir string
	workDir          string
	terraform        string
	// adopt is "true" (also measure adopting a filled bank with
	// examples/adopt per size), "false" or "only".
	adopt string
	// guide is "false", "true" (also measure the configurations the
	// large-configuration guide compares, per size) or "only".
	guide string
	// planRuns is how many times each plan runs per cycle; the run of
	// median wall time is reported (a plan changes nothing, and one run
	// varies by tens of percent).
	planRuns int
	// cycles is how many times each size is applied, planned and
	// destroyed; each operation reports its run of median wall time.
	cycles int
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	opts, err := parseOptions(os.Args[1:])
	if err != nil {
		return err
	}
	if err := prepareWorkDir(opts); err != nil {
		return err
	}
	logf("%s, %d CPUs, load average %s, latency %s, parallelism %d",
		terraformVersion(opts.terraform), runtime.NumCPU(), loadAverage(), opts.latency, opts.parallelism)
	var tables tables
	var runErr error
	if opts.guide != "only" && opts.adopt != "only" {
		tables.results, runErr = measureAll(opts)
	}
	if runErr == nil && opts.guide != "only" && opts.adopt != "false" {
		tables.adoptions, runErr = measureAdoptions(opts)
	}
	if runErr == nil && opts.guide != "false" {
		tables.guide, runErr = measureGuides(opts)
	}
	table, err := saveTables(opts, tables)
	if err != nil {
		return err
	}
	fmt.Print(table)
	logf("load average at the end: %s", loadAverage())
	return runErr
}

// tables are the measurements of one bench run.
type tables struct {
	results   []*sizeResult
	adoptions []adoptResult
	guide     []guideRow
}

// saveTables writes the tables of the results so far to results.md in the work directory.
func saveTables(o options, t tables) (string, error) {
	var out strings.Builder
	if len(t.results) > 0 {
		writeTables(&out, t.results, settings{latency: o.latency, parallelism: o.parallelism})
		out.WriteString("\n")
	}
	if len(t.adoptions) > 0 {
		writeAdoptTable(&out, t.adoptions)
		out.WriteString("\n")
	}
	if len(t.guide) > 0 {
		writeGuideTable(&out, t.guide)
	}
	return out.String(), os.WriteFile(filepath.Join(o.workDir, "results.md"), []byte(out.String()), 0o644)
}

func parseOptions(args []string) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := fs.String("sizes", envOr("BENCH_SIZES", "100,500,1000"), "numbers of customers, comma-separated (BENCH_SIZES)")
	ops := fs.String("operations", envOr("BENCH_OPERATIONS", strings.Join(operations, ",")), "operations to time, comma-separated, apply included (BENCH_OPERATIONS)")
	latency := fs.String("latency", envOr("BENCH_LATENCY", "20ms"), "latency injected per request (BENCH_LATENCY)")
	parallelism := fs.Int("parallelism", envInt("BENCH_PARALLELISM", 10), "terraform -parallelism (BENCH_PARALLELISM)")
	planRuns := fs.Int("plan-runs", envInt("BENCH_PLAN_RUNS", 5), "runs of each plan per cycle, the median reported (BENCH_PLAN_RUNS)")
	cycles := fs.Int("cycles", envInt("BENCH_CYCLES", 1), "cycles of apply, plan and destroy per size, the median of each operation reported (BENCH_CYCLES)")
	var o options
	fs.StringVar(&o.pluginDir, "plugin-dir", "build/plugins", "terraform -plugin-dir holding the provider (make install-local)")
	fs.StringVar(&o.twinPluginDir, "twin-plugin-dir", "build/bench-twin", "terraform -plugin-dir holding the twin provider (internal/bench/twin)")
	fs.StringVar(&o.untunedPluginDir, "untuned-plugin-dir", "build/bench-untuned", "terraform -plugin-dir holding the provider built with -X main.processTuning=off")
	fs.StringVar(&o.workDir, "work", "build/bench", "work directory, emptied first")
	fs.StringVar(&o.terraform, "terraform", "terraform", "terraform binary")
	fs.StringVar(&o.guide, "guide", envOr("BENCH_GUIDE", "false"), "measure the large-configuration guide's configurations per size: true, false or only (BENCH_GUIDE)")
	fs.StringVar(&o.adopt, "adopt", envOr("BENCH_ADOPT", "true"), "adopt a filled bank of each size with "+adoptExample+": true, false or only (BENCH_ADOPT)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.sizes, err = parseSizes(*sizes); err != nil {
		return o, err
	}
	if o.operations, err = parseOperations(*ops); err != nil {
		return o, err
	}
	if o.latency, err = time.ParseDuration(*latency); err != nil || o.latency < 0 {
		return o, fmt.Errorf("invalid latency %q", *latency)
	}
	if !slices.Contains([]string{"true", "false", "only"}, o.adopt) {
		return o, fmt.Errorf("invalid adopt %q: want true, false or only", o.adopt)
	}
	if !slices.Contains([]string{"true", "false", "only"}, o.guide) {
		return o, fmt.Errorf("invalid guide %q: want true, false or only", o.guide)
	}
	if o.parallelism = *parallelism; o.parallelism < 1 {
		return o, fmt.Errorf("invalid parallelism %d", o.parallelism)
	}
	if o.planRuns = *planRuns; o.planRuns < 1 {
		return o, fmt.Errorf("invalid plan runs %d", o.planRuns)
	}
	if o.cycles = *cycles; o.cycles < 1 {
		return o, fmt.Errorf("invalid cycles %d", o.cycles)
	}
	if o.cycles > 1 && !slices.Contains(o.operations, "destroy") {
		return o, fmt.Errorf("%d cycles need destroy among the operations: each cycle applies from empty states", o.cycles)
	}
	return o, nil
}

// parseOperations parses "apply,plan" into operations in the order they run.
// Apply is required: it creates what plan and destroy work on.
func parseOperations(s string) ([]string, error) {
	asked := strings.Split(s, ",")
	for i, op := range asked {
		asked[i] = strings.TrimSpace(op)
		if !slices.Contains(operations, asked[i]) {
			return nil, fmt.Errorf("invalid operation %q: want some of %s, apply included", op, strings.Join(operations, ","))
		}
	}
	if !slices.Contains(asked, "apply") {
		return nil, fmt.Errorf("operations %q: apply is required, it creates what plan and destroy work on", s)
	}
	var out []string
	for _, op := range operations {
		if slices.Contains(asked, op) {
			out = append(out, op)
		}
	}
	return out, nil
}

// parseSizes parses "100,500,1000" into ascending, distinct sizes.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("invalid size %q: want positive numbers of customers, e.g. 100,500,1000", f)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func prepareWorkDir(o options) error {
	for _, dir := range []string{o.pluginDir, o.twinPluginDir, o.untunedPluginDir} {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(abs, "registry.terraform.io", "openbanking", "openbanking")); err != nil {
			return fmt.Errorf("no provider in %s: run make bench, which installs the provider, its twin and its untuned build", abs)
		}
	}
	if err := os.RemoveAll(o.workDir); err != nil {
		return err
	}
	return os.MkdirAll(o.workDir, 0o755)
}

// measureAll measures every size; on a failure it returns what was measured.
func measureAll(o options) ([]*sizeResult, error) {
	var results []*sizeResult
	for _, n := range o.sizes {
		r := newSizeResult(n)
		err := measureSize(o, r)
		results = append(results, r)
		if err != nil {
			return results, fmt.Errorf("%d customers: %w", n, err)
		}
		if _, err := saveTables(o, tables{results: results}); err != nil {
			return results, err
		}
	}
	return results, nil
}

// measureGuides measures the guide's configurations at each size.
func measureGuides(o options) ([]guideRow, error) {
	var out []guideRow
	for _, n := range o.sizes {
		rows, err := measureGuide(o, n)
		out = append(out, rows...)
		if err != nil {
			return out, fmt.Errorf("guide, %d customers: %w", n, err)
		}
	}
	return out, nil
}

// measureAdoptions measures the adoption of a bank of each size.
func measureAdoptions(o options) ([]adoptResult, error) {
	var out []adoptResult
	for _, n := range o.sizes {
		r, err := measureAdoption(o, n)
		if err != nil {
			return out, fmt.Errorf("adopting %d customers: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// subject is one variant of a size: its configuration in a fresh directory
// against a fresh sandbox.
type subject struct {
	variant string
	srv     *benchServer
	tf      *terraform
}

// measureSize applies, plans and destroys every variant of one size, cycle
// after cycle, and keeps each operation's run of median wall time. Every
// variant runs once per round, in an order reversed every other round, so
// that neither a change in the machine's load nor the variant that ran just
// before favours one of them.
func measureSize(o options, r *sizeResult) error {
	subjects, err := startSubjects(o, r.customers)
	defer func() {
		for _, s := range subjects {
			s.srv.close()
		}
	}()
	if err != nil {
		return err
	}
	runs, err := runRounds(o, subjects)
	for _, op := range o.operations {
		if !ranEach(runs, op, subjects) {
			continue
		}
		for _, s := range subjects {
			m := medianByWall(runs[runKey{op, s.variant}])
			logMeasurement(o, r.customers, s.variant, op, m)
			r.set(s.variant, op, m)
		}
	}
	return err
}

// ranEach tells whether every subject ran op at least once.
func ranEach(runs map[runKey][]measurement, op string, subjects []subject) bool {
	for _, s := range subjects {
		if len(runs[runKey{op, s.variant}]) == 0 {
			return false
		}
	}
	return true
}

type runKey struct{ op, variant string }

// runRounds runs every round of one size; on a failure it returns the runs so far.
func runRounds(o options, subjects []subject) (map[runKey][]measurement, error) {
	runs := map[runKey][]measurement{}
	for i, op := range o.rounds() {
		for _, s := range inTurn(subjects, i) {
			m, err := measureOnce(s.tf, s.srv, op)
			if err != nil {
				return runs, fmt.Errorf("%s %s: %w", s.variant, op, err)
			}
			runs[runKey{op, s.variant}] = append(runs[runKey{op, s.variant}], m)
		}
	}
	return runs, nil
}

// rounds lists the operation of each round of one size, in the order they
// run: per cycle, every operation, a plan as many times as planRuns.
func (o options) rounds() []string {
	var out []string
	for range o.cycles {
		for _, op := range o.operations {
			for range o.runsOf(op) {
				out = append(out, op)
			}
		}
	}
	return out
}

// inTurn is the order of the subjects in round i: as started in even
// rounds, reversed in odd ones.
func inTurn(subjects []subject, i int) []subject {
	if i%2 == 0 {
		return subjects
	}
	out := slices.Clone(subjects)
	slices.Reverse(out)
	return out
}

// startSubjects starts a sandbox and initialises a directory per variant.
func startSubjects(o options, customers int) ([]subject, error) {
	var out []subject
	for _, variant := range variants {
		latency, workload := time.Duration(0), workloadProvider
		switch variant {
		case variantBaseline:
			workload = workloadBaseline
		case variantLatency:
			latency = o.latency
		}
		srv, err := startSandbox(latency)
		if err != nil {
			return out, err
		}
		tf, err := newTerraform(o, customers, variant, workload, srv.url)
		if err == nil {
			err = tf.init()
		}
		out = append(out, subject{variant: variant, srv: srv, tf: tf}) // its sandbox is closed with the others
		if err != nil {
			return out, fmt.Errorf("%s: %w", variant, err)
		}
	}
	return out, nil
}

// logMeasurement logs the reported run of one operation of one variant.
func logMeasurement(o options, customers int, variant, op string, m measurement) {
	logf("N=%d %s %s: %s, %d requests, %d logins, %d provider processes, peak %s, provider CPU %s; server busy %s, %.1f requests in flight",
		customers, variantLabel(variant, o.latency), op, formatSeconds(m.wall),
		m.totalRequests(), m.logins, m.processes(), formatBytes(m.peakRSS()), formatSeconds(m.providerCPU()),
		formatSeconds(m.serverBusy), m.inFlight)
}

// runsOf is how many times op runs per cycle.
func (o options) runsOf(op string) int {
	if op == "plan" {
		return o.planRuns
	}
	return 1
}

// measureOnce runs op once with the sandbox's counters cleared first.
func measureOnce(tf *terraform, srv *benchServer, op string) (measurement, error) {
	srv.reset()
	cpu := selfCPU()
	res, err := tf.operation(op)
	if err != nil {
		return measurement{}, err
	}
	m := newMeasurement(res, srv)
	m.benchCPU = selfCPU() - cpu
	m.serverBusy, m.inFlight = srv.flight.mean()
	return m, nil
}

// medianByWall is the measurement of median wall time (the upper one of an even number).
func medianByWall(ms []measurement) measurement {
	sorted := slices.Clone(ms)
	slices.SortFunc(sorted, func(a, b measurement) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[len(sorted)/2]
}

func newMeasurement(res cmdResult, srv *benchServer) measurement {
	requests, logins, byPID := srv.counts()
	return measurement{
		wall: res.wall, requests: requests, logins: logins, loginsByPID: byPID,
		providers: res.providers, changes: res.exitCode == 2,
	}
}

func variantLabel(variant string, latency time.Duration) string {
	switch variant {
	case variantZero:
		return "0 ms"
	case variantUntuned:
		return "0 ms, untuned"
	case variantLatency:
		return formatLatency(latency)
	}
	return variant
}

// pluginDirOf is the plugin directory terraform takes the provider of a variant from.
func (o options) pluginDirOf(variant string) string {
	switch variant {
	case variantTwin:
		return o.twinPluginDir
	case variantUntuned:
		return o.untunedPluginDir
	}
	return o.pluginDir
}

func newTerraform(o options, customers int, variant, workload, url string) (*terraform, error) {
	config, err := workloadConfig(workload, customers, obpsandbox.DefaultBankID)
	if err != nil {
		return nil, err
	}
	return setupTerraform(o, filepath.Join(o.workDir, strconv.Itoa(customers), variant), o.pluginDirOf(variant), config, url)
}

// setupTerraform writes config into dir for terraform to run with the
// provider from pluginDir against the sandbox at url.
func setupTerraform(o options, dir, pluginDir, config, url string) (*terraform, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if pluginDir, err = filepath.Abs(pluginDir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	rc, err := filepath.Abs(filepath.Join(o.workDir, "terraformrc"))
	if err != nil {
		return nil, err
	}
	env, err := terraformEnv(os.Environ(), url, rc)
	if err != nil {
		return nil, err
	}
	return &terraform{bin: o.terraform, dir: dir, pluginDir: pluginDir, env: env, parallelism: o.parallelism}, nil
}

// operation runs one of operations.
func (tf *terraform) operation(op string) (cmdResult, error) {
	switch op {
	case "apply":
		return tf.apply()
	case "plan":
		return tf.plan()
	case "destroy":
		return tf.destroy()
	}
	return cmdResult{}, fmt.Errorf("unknown operation %q", op)
}

// terraformVersion returns the first line of terraform version.
func terraformVersion(bin string) string {
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return bin + " (version unknown)"
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return line
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:min(3, len(f))], " ")
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func envInt(name string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return fallback
}
