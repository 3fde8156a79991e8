package contract

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

type outcome int

const (
	checked   outcome = iota // validated against a specification (allowances 1, 2, 4, 5 applied)
	allowed                  // not validated: on the allowance list (allowances 6, 7)
	unmatched                // no operation of the specification matches
	noSpec                   // an API without a public specification (TrueLayer, Ivy, most of Thredd)
)

var outcomeNames = [...]string{"checked", "allowed", "unmatched", "no spec"}

// counts tallies exchanges by outcome and, within each, by detail.
type counts struct {
	mu      sync.Mutex
	total   [4]int
	details [4]map[string]int
}

func newCounts() *counts {
	c := &counts{}
	for i := range c.details {
		c.details[i] = map[string]int{}
	}
	return c
}

func (c *counts) add(o outcome, detail string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total[o]++
	c.details[o][detail]++
}

func (c *counts) merge(other *counts) {
	other.mu.Lock()
	defer other.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	for o := range c.total {
		c.total[o] += other.total[o]
		for k, n := range other.details[o] {
			c.details[o][k] += n
		}
	}
}

// summary is one line: "checked N, allowed N, unmatched N, no spec N".
func (c *counts) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	parts := make([]string, len(c.total))
	for o, n := range c.total {
		parts[o] = fmt.Sprintf("%s %d", outcomeNames[o], n)
	}
	return strings.Join(parts, ", ")
}

// detailed lists every outcome with its details, most frequent first.
func (c *counts) detailed() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for o, n := range c.total {
		fmt.Fprintf(&b, "%s: %d\n", outcomeNames[o], n)
		keys := make([]string, 0, len(c.details[o]))
		for k := range c.details[o] {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := c.details[o][keys[i]], c.details[o][keys[j]]
			return a > b || a == b && keys[i] < keys[j]
		})
		for _, k := range keys {
			fmt.Fprintf(&b, "  %6d  %s\n", c.details[o][k], k)
		}
	}
	return b.String()
}

// totals are the counts of the whole test process.
var totals = newCounts()

// SummaryEnv names a file that receives the process's running totals after each test.
const SummaryEnv = "CONTRACT_SUMMARY"

func (c *counts) write() {
	path := os.Getenv(SummaryEnv)
	if path == "" {
		return
	}
	text := "contract check of the acceptance tests' exchanges\n" + c.detailed()
	if s := loadedSpec; s != nil {
		text += fmt.Sprintf("specification load time: %s\n", s.loadTime.Round(1e6))
	}
	_ = os.WriteFile(path, []byte(text), 0o644)
}

// templateOf shows a path by its export template when one is known.
func templateOf(path, template string) string {
	if template == "" {
		return path
	}
	if v, _, ok := parseVersioned(path); ok {
		return fmt.Sprintf("/obp/v%d.%d.%d%s (exported only under a later version)", v[0], v[1], v[2], template)
	}
	return path
}
