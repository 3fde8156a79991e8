package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("1000, 100,500,100")
	if err != nil || !slices.Equal(got, []int{100, 500, 1000}) {
		t.Fatalf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "10,x", "-5"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) succeeded", bad)
		}
	}
}

func TestParseOperations(t *testing.T) {
	got, err := parseOperations("plan, apply")
	if err != nil || !slices.Equal(got, []string{"apply", "plan"}) {
		t.Fatalf("parseOperations = %v, %v", got, err)
	}
	for _, bad := range []string{"", "plan,destroy", "apply,refresh"} {
		if _, err := parseOperations(bad); err == nil {
			t.Errorf("parseOperations(%q) succeeded", bad)
		}
	}
}

func TestParseOptions(t *testing.T) {
	t.Setenv("BENCH_SIZES", "")
	t.Setenv("BENCH_LATENCY", "")
	t.Setenv("BENCH_PARALLELISM", "")
	t.Setenv("BENCH_OPERATIONS", "")
	t.Setenv("BENCH_CYCLES", "")
	o, err := parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.sizes, []int{100, 500, 1000}) || !slices.Equal(o.operations, operations) || o.latency != 20*time.Millisecond || o.parallelism != 10 || o.cycles != 1 {
		t.Errorf("defaults = %+v", o)
	}
	t.Setenv("BENCH_SIZES", "50")
	o, err = parseOptions([]string{"-latency", "5ms", "-parallelism", "4"})
	if err != nil || !slices.Equal(o.sizes, []int{50}) || o.latency != 5*time.Millisecond || o.parallelism != 4 {
		t.Errorf("options = %+v, %v", o, err)
	}
	if o, err = parseOptions([]string{"-cycles", "3"}); err != nil || o.cycles != 3 {
		t.Errorf("cycles = %+v, %v", o, err)
	}
	for _, bad := range [][]string{
		{"-latency", "soon"}, {"-parallelism", "0"}, {"-sizes", "x"}, {"-cycles", "0"},
		{"-cycles", "2", "-operations", "apply,plan"},
	} {
		if _, err := parseOptions(bad); err == nil {
			t.Errorf("parseOptions(%v) succeeded", bad)
		}
	}
}

func TestRoundsRepeatEachCycle(t *testing.T) {
	o := options{cycles: 2, operations: []string{"apply", "plan", "destroy"}, planRuns: 2}
	want := []string{"apply", "plan", "plan", "destroy", "apply", "plan", "plan", "destroy"}
	if got := o.rounds(); !slices.Equal(got, want) {
		t.Errorf("rounds = %v, want %v", got, want)
	}
}

func TestInTurnReversesEveryOtherRound(t *testing.T) {
	subjects := []subject{{variant: "a"}, {variant: "b"}, {variant: "c"}}
	order := func(i int) string {
		var out []string
		for _, s := range inTurn(subjects, i) {
			out = append(out, s.variant)
		}
		return strings.Join(out, "")
	}
	if order(0) != "abc" || order(1) != "cba" || order(2) != "abc" || subjects[0].variant != "a" {
		t.Errorf("orders %s %s %s, started as %s", order(0), order(1), order(2), subjects[0].variant)
	}
}

func TestRanEachNeedsEverySubject(t *testing.T) {
	subjects := []subject{{variant: "a"}, {variant: "b"}}
	runs := map[runKey][]measurement{{"apply", "a"}: {{}}, {"apply", "b"}: {{}}, {"plan", "a"}: {{}}}
	if !ranEach(runs, "apply", subjects) || ranEach(runs, "plan", subjects) {
		t.Error("an operation counts once every subject ran it")
	}
}

func TestTerraformEnv(t *testing.T) {
	base := []string{"PATH=/bin", "OBP_URL=http://elsewhere", "TF_LOG=trace", "IVY_URL=x", "TF_CLI_CONFIG_FILE=/rc"}
	env, err := terraformEnv(base, "http://127.0.0.1:1", t.TempDir()+"/rc")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(env, "\n")
	for _, want := range []string{"PATH=/bin", "TF_CLI_CONFIG_FILE=/rc", "OBP_URL=http://127.0.0.1:1", "OBP_USERNAME=", "CHECKPOINT_DISABLE=1"} {
		if !strings.Contains(joined, want) {
			t.Errorf("env lacks %q", want)
		}
	}
	for _, gone := range []string{"elsewhere", "TF_LOG=", "IVY_URL"} {
		if strings.Contains(joined, gone) {
			t.Errorf("env keeps %q", gone)
		}
	}
}

func TestTerraformEnvDefaultRC(t *testing.T) {
	rc := t.TempDir() + "/sub/rc"
	env, err := terraformEnv([]string{"PATH=/bin"}, "http://x", rc)
	if err != nil || !slices.Contains(env, "TF_CLI_CONFIG_FILE="+rc) {
		t.Fatalf("env = %v, %v", env, err)
	}
}

func TestMedianByWall(t *testing.T) {
	ms := []measurement{{wall: 5 * time.Second}, {wall: 3 * time.Second}, {wall: 9 * time.Second}, {wall: 4 * time.Second}, {wall: 6 * time.Second}}
	if got := medianByWall(ms).wall; got != 5*time.Second {
		t.Errorf("median %s, want 5s", got)
	}
	if got := medianByWall(ms[:2]).wall; got != 5*time.Second {
		t.Errorf("median of two %s, want the upper, 5s", got)
	}
	if (options{planRuns: 5}).runsOf("apply") != 1 || (options{planRuns: 5}).runsOf("plan") != 5 {
		t.Error("only plans run more than once")
	}
}
