package main

import (
	"strings"
	"testing"
)

func TestAdoptionWritesAndTable(t *testing.T) {
	r := adoptResult{customers: 2, apply: measurement{requests: map[string]int{
		"GET /banks/{BANK_ID}/customers": 1,
		loginEndpoint:                    1,
		"POST /banks/{BANK_ID}/customers/{CUSTOMER_ID}/address": 2,
		"DELETE /banks/{BANK_ID}/customers/attributes/{ID}":     1,
	}}, plan: measurement{changes: true}}
	if got := r.writes(); got != 3 {
		t.Errorf("writes = %d, want the 2 POSTs and the DELETE", got)
	}
	var out strings.Builder
	writeAdoptTable(&out, []adoptResult{r})
	row := strings.Split(strings.TrimSpace(out.String()), "\n")[2]
	for _, want := range []string{"| 2 |", "| 8 |", "| 5 |", "| 3 |", "| yes |"} {
		if !strings.Contains(row, want) {
			t.Errorf("row %q lacks %q", row, want)
		}
	}
}
