package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// providerBinary is the name terraform starts the provider under (with a _v<version> suffix).
const providerBinary = "terraform-provider-openbanking"

// parseVmHWM returns the peak resident set size, in bytes, from the text of /proc/PID/status.
func parseVmHWM(status string) (int64, bool) {
	for line := range strings.Lines(status) {
		rest, ok := strings.CutPrefix(line, "VmHWM:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		return kb * 1024, err == nil
	}
	return 0, false
}

// peakRSS reads VmHWM of a process; false once it has exited.
func peakRSS(pid int) (int64, bool) {
	data, err := os.ReadFile(procPath(pid, "status"))
	if err != nil {
		return 0, false
	}
	return parseVmHWM(string(data))
}

// clockTicks is USER_HZ, the unit of CPU times in /proc/PID/stat (100 on Linux).
const clockTicks = 100

// parseCPUTime returns user + system CPU time from the text of /proc/PID/stat.
func parseCPUTime(stat string) (time.Duration, bool) {
	// The command name (field 2) may hold spaces; fields after it are fixed.
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, false
	}
	f := strings.Fields(stat[end+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, true
}

// cpuTime reads the CPU time a process used; false once it has exited.
func cpuTime(pid int) (time.Duration, bool) {
	data, err := os.ReadFile(procPath(pid, "stat"))
	if err != nil {
		return 0, false
	}
	return parseCPUTime(string(data))
}

// isProvider tells whether a process runs the provider binary.
func isProvider(pid int) bool {
	data, err := os.ReadFile(procPath(pid, "cmdline"))
	if err != nil {
		return false
	}
	argv0, _, _ := strings.Cut(string(data), "\x00")
	return strings.HasPrefix(filepath.Base(argv0), providerBinary)
}

// childPIDs lists the children of every thread of a process.
func childPIDs(pid int) []int {
	tasks, _ := filepath.Glob(procPath(pid, "task/*/children"))
	var out []int
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		out = append(out, parsePIDs(string(data))...)
	}
	return out
}

// parsePIDs parses a space-separated list of process ids.
func parsePIDs(s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		if pid, err := strconv.Atoi(f); err == nil {
			out = append(out, pid)
		}
	}
	return out
}

func procPath(pid int, name string) string {
	return filepath.Join("/proc", strconv.Itoa(pid), name)
}

// socketInode finds, in the text of /proc/net/tcp or tcp6, the inode of the
// socket whose local port is localPort and remote port is remotePort.
func socketInode(table string, localPort, remotePort int) (string, bool) {
	sc := bufio.NewScanner(strings.NewReader(table))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[0] == "sl" {
			continue
		}
		if hexPort(f[1]) == localPort && hexPort(f[2]) == remotePort {
			return f[9], true
		}
	}
	return "", false
}

// hexPort returns the port of an address such as 0100007F:C350.
func hexPort(addr string) int {
	_, port, ok := strings.Cut(addr, ":")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(port, 16, 32)
	if err != nil {
		return -1
	}
	return int(n)
}

// socketOwner returns the provider process that holds the client end of a
// loopback connection from clientPort to serverPort, or 0 when not found.
func socketOwner(clientPort, serverPort int) int {
	inode := ""
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		if i, ok := socketInode(string(data), clientPort, serverPort); ok {
			inode = i
			break
		}
	}
	if inode == "" {
		return 0
	}
	return findSocket("socket:[" + inode + "]")
}

// findSocket returns the provider process with an open file descriptor on link.
func findSocket(link string) int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || !isProvider(pid) {
			continue
		}
		fds, _ := filepath.Glob(filepath.Join(dir, "fd", "*"))
		for _, fd := range fds {
			if target, err := os.Readlink(fd); err == nil && target == link {
				return pid
			}
		}
	}
	return 0
}

// selfCPU is the user and system CPU time this process has used.
func selfCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
