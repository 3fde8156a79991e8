package main

import (
	"slices"
	"testing"
	"time"
)

func TestParseVmHWM(t *testing.T) {
	status := "Name:\tterraform-provi\nVmPeak:\t 1300000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t   70000 kB\n"
	got, ok := parseVmHWM(status)
	if !ok || got != 81234*1024 {
		t.Fatalf("parseVmHWM = %d, %v; want %d", got, ok, 81234*1024)
	}
	for _, bad := range []string{"", "VmRSS:\t 1 kB\n", "VmHWM:\t x kB\n", "VmHWM:\t 12 MB\n"} {
		if _, ok := parseVmHWM(bad); ok {
			t.Errorf("parseVmHWM(%q) succeeded", bad)
		}
	}
}

func TestParseCPUTime(t *testing.T) {
	// Fields 14 and 15 (utime, stime) are 250 and 50 ticks; the name holds a space and a parenthesis.
	stat := "4242 (terraform-provi) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 1000 0 0"
	got, ok := parseCPUTime(stat)
	if !ok || got != 3*time.Second {
		t.Fatalf("parseCPUTime = %s, %v; want 3s", got, ok)
	}
	if _, ok := parseCPUTime("4242 (short) S 1"); ok {
		t.Error("parseCPUTime accepted a short line")
	}
}

func TestParsePIDs(t *testing.T) {
	if got := parsePIDs("12 345 x 6 \n"); !slices.Equal(got, []int{12, 345, 6}) {
		t.Fatalf("parsePIDs = %v", got)
	}
}

func TestSocketInode(t *testing.T) {
	table := `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:A4B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 20 4 30 10 -1
   1: 0100007F:1F90 0100007F:A4B2 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
`
	if got, ok := socketInode(table, 0xA4B2, 0x1F90); !ok || got != "111" {
		t.Fatalf("client end: %q, %v", got, ok)
	}
	if got, ok := socketInode(table, 0x1F90, 0xA4B2); !ok || got != "222" {
		t.Fatalf("server end: %q, %v", got, ok)
	}
	if _, ok := socketInode(table, 1, 2); ok {
		t.Fatal("found a socket that is not there")
	}
}

func TestHexPort(t *testing.T) {
	for addr, want := range map[string]int{"0100007F:C350": 50000, "00000000000000000000000001000000:0050": 80, "bad": -1, "1:zz": -1} {
		if got := hexPort(addr); got != want {
			t.Errorf("hexPort(%q) = %d, want %d", addr, got, want)
		}
	}
}
