package main

import (
	"strings"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	for d, want := range map[time.Duration]string{1234 * time.Millisecond: "1.23 s", 65 * time.Second: "65.0 s"} {
		if got := formatSeconds(d); got != want {
			t.Errorf("formatSeconds(%s) = %q, want %q", d, got, want)
		}
	}
	if got := formatLatency(20 * time.Millisecond); got != "20 ms" {
		t.Errorf("formatLatency = %q", got)
	}
	if got := formatLatency(2500 * time.Microsecond); got != "2.5 ms" {
		t.Errorf("formatLatency = %q", got)
	}
	if got := formatBytes(150 << 20); got != "150 MB" {
		t.Errorf("formatBytes = %q", got)
	}
}

func TestWriteTables(t *testing.T) {
	var out strings.Builder
	writeTables(&out, []*sizeResult{sampleResult(100, time.Second, 1600*time.Millisecond, 2*time.Second, 3*time.Second, 401)}, benchSettings)
	text := out.String()
	for _, want := range []string{
		"| N | resources | operation | terraform_data | twin | 0 ms | 20 ms | requests | network limit | latency overlap | ours/twin | twin/terraform_data |",
		"| 100 | 400 | apply | 1.00 s | 1.60 s | 2.00 s | 3.00 s | 401 | 0.80 s | 1.07 | 1.25 | 1.60 | 1 / 1 | 50 MB | 0.00 s | 0.00 s |",
		"| endpoint (N = 100, 20 ms) | apply | plan | destroy |",
		"| `POST /my/logins/direct` | 1 | 1 | 1 |",
		"| ours/twin ≤ 1.05 for apply and plan at N = 100 | apply 1.25, plan 1.25 | MISS |",
		"| exactly 1 login per provider process | 6 logins, at most 1 per process | PASS |",
		"| N | operation | wall, tuned | wall, untuned | provider CPU, tuned | provider CPU, untuned | peak RSS, tuned | peak RSS, untuned |",
		"| 100 | plan | 2.00 s | 3.00 s | 0.00 s | 3.00 s | 50 MB | 400 MB |",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestWriteTablesWithoutDestroy(t *testing.T) {
	r := sampleResult(100, time.Second, time.Second, 2*time.Second, 3*time.Second, 401)
	for _, v := range variants {
		delete(r.runs[v], "destroy")
	}
	var out strings.Builder
	writeTables(&out, []*sizeResult{r}, benchSettings)
	text := out.String()
	for _, want := range []string{"| endpoint (N = 100, 20 ms) | apply | plan |\n", "| `POST /my/logins/direct` | 1 | 1 |\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "| 100 | 400 | destroy |") {
		t.Errorf("output has a destroy row:\n%s", text)
	}
}

func TestWriteGuideTable(t *testing.T) {
	var out strings.Builder
	writeGuideTable(&out, []guideRow{{
		customers: 1000, resources: 2000, config: guideHalf, command: "terraform plan -refresh=false",
		res: cmdResult{wall: 12500 * time.Millisecond, providers: map[int]procSample{1: {cpu: time.Second}, 2: {cpu: time.Second}}},
	}})
	want := "| 1000 | 2000 | " + guideHalf + " | `terraform plan -refresh=false` | 12.5 s | 2.00 s |\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}
