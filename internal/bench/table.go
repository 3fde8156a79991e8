package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// writeTables prints the main table, the requests per endpoint of the largest
// size and the targets, as Markdown.
func writeTables(w io.Writer, results []*sizeResult, s settings) {
	writeMainTable(w, results, s)
	if hasVariant(results, variantUntuned) {
		_, _ = fmt.Fprintln(w)
		writeTuningTable(w, results)
	}
	if len(results) > 0 {
		_, _ = fmt.Fprintln(w)
		writeEndpointTable(w, results[len(results)-1], s)
	}
	_, _ = fmt.Fprintln(w)
	writeChecks(w, checks(results, s))
}

func writeMainTable(w io.Writer, results []*sizeResult, s settings) {
	lat := formatLatency(s.latency)
	writeRow(w, "N", "resources", "operation", "terraform_data", "twin", "0 ms", lat,
		"requests", "network limit", "latency overlap", "ours/twin", "twin/terraform_data",
		"logins / processes", "peak RSS", "provider CPU", "sandbox CPU")
	writeRow(w, "--:", "--:", "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:")
	for _, r := range results {
		for _, row := range r.rows(s) {
			writeRow(w, fmt.Sprint(row.customers), fmt.Sprint(row.resources), row.op,
				formatSeconds(row.baseline), formatSeconds(row.twin), formatSeconds(row.zero), formatSeconds(row.lat),
				fmt.Sprint(row.requests), formatSeconds(row.limit),
				fmt.Sprintf("%.2f", row.overlap), fmt.Sprintf("%.2f", row.oursTwin), fmt.Sprintf("%.2f", row.twinBase),
				fmt.Sprintf("%d / %d", row.logins, row.processes), formatBytes(row.peakRSS),
				formatSeconds(row.providerCPU), formatSeconds(row.sandboxCPU))
		}
	}
}

// writeTuningTable compares the provider with and without its process
// tuning (garbage collector pacing, released call contexts), both without
// latency.
func writeTuningTable(w io.Writer, results []*sizeResult) {
	writeRow(w, "N", "operation", "wall, tuned", "wall, untuned", "provider CPU, tuned", "provider CPU, untuned",
		"peak RSS, tuned", "peak RSS, untuned")
	writeRow(w, "--:", "---", "--:", "--:", "--:", "--:", "--:", "--:")
	for _, r := range results {
		for _, op := range r.measuredOperations(variantUntuned) {
			tuned, _ := r.get(variantZero, op)
			untuned, _ := r.get(variantUntuned, op)
			writeRow(w, fmt.Sprint(r.customers), op, formatSeconds(tuned.wall), formatSeconds(untuned.wall),
				formatSeconds(tuned.providerCPU()), formatSeconds(untuned.providerCPU()),
				formatBytes(tuned.peakRSS()), formatBytes(untuned.peakRSS()))
		}
	}
}

// hasVariant: some size has a measurement of variant.
func hasVariant(results []*sizeResult, variant string) bool {
	for _, r := range results {
		if len(r.measuredOperations(variant)) > 0 {
			return true
		}
	}
	return false
}

// writeEndpointTable prints the requests per endpoint and operation of the latency run.
func writeEndpointTable(w io.Writer, r *sizeResult, s settings) {
	header := []string{fmt.Sprintf("endpoint (N = %d, %s)", r.customers, formatLatency(s.latency))}
	align := []string{"---"}
	ops := r.measuredOperations(variantLatency)
	for _, op := range ops {
		header = append(header, op)
		align = append(align, "--:")
	}
	writeRow(w, header...)
	writeRow(w, align...)
	for _, e := range r.endpoints(variantLatency) {
		cells := []string{"`" + e + "`"}
		for _, op := range ops {
			m, _ := r.get(variantLatency, op)
			cells = append(cells, fmt.Sprint(m.requests[e]))
		}
		writeRow(w, cells...)
	}
}

func writeChecks(w io.Writer, cs []check) {
	writeRow(w, "target", "measured", "result")
	writeRow(w, "---", "---", "---")
	for _, c := range cs {
		writeRow(w, c.target, c.value, passMiss(c.pass))
	}
}

func writeRow(w io.Writer, cells ...string) {
	_, _ = fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
}

func passMiss(pass bool) string {
	if pass {
		return "PASS"
	}
	return "MISS"
}

// formatSeconds prints a duration in seconds with two decimals below 10 s and one above.
func formatSeconds(d time.Duration) string {
	s := d.Seconds()
	if s < 10 {
		return fmt.Sprintf("%.2f s", s)
	}
	return fmt.Sprintf("%.1f s", s)
}

// formatLatency prints a latency as the column title, e.g. "20 ms".
func formatLatency(d time.Duration) string {
	return fmt.Sprintf("%g ms", float64(d)/float64(time.Millisecond))
}

func formatBytes(b int64) string {
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}
