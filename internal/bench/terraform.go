package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// pollInterval is how often the provider processes' memory is sampled.
const pollInterval = 20 * time.Millisecond

// terraform runs terraform commands in one work directory.
type terraform struct {
	bin         string
	dir         string
	pluginDir   string
	env         []string
	parallelism int
}

// cmdResult is what one terraform command cost.
type cmdResult struct {
	wall     time.Duration
	exitCode int
	// providers maps every provider process seen to its last sample.
	providers map[int]procSample
}

// procSample is what was last read about a provider process.
type procSample struct {
	peakRSS int64
	cpu     time.Duration
}

// command runs terraform with args, sampling the provider processes it
// starts. Exit codes listed in ok are not errors.
func (tf *terraform) command(name string, args []string, ok ...int) (cmdResult, error) {
	logFile, err := os.Create(filepath.Join(tf.dir, name+".log"))
	if err != nil {
		return cmdResult{}, err
	}
	defer logFile.Close()
	cmd := exec.Command(tf.bin, append([]string{"-chdir=" + tf.dir}, args...)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = tf.env, logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return cmdResult{}, err
	}
	r := cmdResult{providers: map[int]procSample{}}
	err = waitSampling(cmd, r.providers)
	r.wall = time.Since(start)
	r.exitCode = cmd.ProcessState.ExitCode()
	if err != nil && !slices.Contains(ok, r.exitCode) {
		return r, fmt.Errorf("terraform %s: %w (see %s)\n%s", name, err, logFile.Name(), tail(logFile.Name(), 20))
	}
	return r, nil
}

// waitSampling waits for cmd while recording the peak RSS of its provider children.
func waitSampling(cmd *exec.Cmd, samples map[int]procSample) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			sampleProviders(cmd.Process.Pid, samples)
		}
	}
}

func sampleProviders(parent int, samples map[int]procSample) {
	for _, pid := range childPIDs(parent) {
		if _, known := samples[pid]; !known && !isProvider(pid) {
			continue
		}
		s := samples[pid]
		if rss, ok := peakRSS(pid); ok {
			s.peakRSS = max(s.peakRSS, rss)
		}
		if cpu, ok := cpuTime(pid); ok {
			s.cpu = max(s.cpu, cpu)
		}
		samples[pid] = s
	}
}

func (tf *terraform) init() error {
	_, err := tf.command("init", tf.flags("init", "-plugin-dir="+tf.pluginDir))
	return err
}

func (tf *terraform) apply() (cmdResult, error) {
	return tf.command("apply", tf.flags("apply", "-auto-approve", tf.parallelismFlag()))
}

// plan refreshes every resource; exit code 2 (changes) is reported, not an error.
func (tf *terraform) plan() (cmdResult, error) { return tf.planWith() }

// planWith plans with extra flags added to plan's.
func (tf *terraform) planWith(extra ...string) (cmdResult, error) {
	return tf.command("plan", tf.flags("plan", append([]string{"-detailed-exitcode", tf.parallelismFlag()}, extra...)...), 2)
}

func (tf *terraform) destroy() (cmdResult, error) {
	return tf.command("destroy", tf.flags("destroy", "-auto-approve", tf.parallelismFlag()))
}

func (tf *terraform) flags(cmd string, extra ...string) []string {
	return append([]string{cmd, "-input=false", "-no-color"}, extra...)
}

func (tf *terraform) parallelismFlag() string {
	return "-parallelism=" + strconv.Itoa(tf.parallelism)
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
