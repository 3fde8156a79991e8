package main

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// loginEndpoint is the sandbox counter key of DirectLogin.
const loginEndpoint = "POST /my/logins/direct"

// benchServer is an in-process sandbox on a loopback port that also records
// which provider process made each login.
type benchServer struct {
	all  *sandbox.All
	srv  *http.Server
	url  string
	port int

	mu          sync.Mutex
	loginsByPID map[int]int
	flight      concurrency
}

func startSandbox(latency time.Duration) (*benchServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &benchServer{
		all:         sandbox.NewAll(obpsandbox.Options{}),
		url:         "http://" + ln.Addr().String(),
		port:        ln.Addr().(*net.TCPAddr).Port,
		loginsByPID: map[int]int{},
	}
	s.all.Faults.Set(faults.Config{Latency: latency})
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logf("sandbox stopped: %v", err)
		}
	}()
	return s, nil
}

func (s *benchServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/my/logins/direct") {
		s.recordLogin(r.RemoteAddr)
	}
	s.flight.begin()
	defer s.flight.end()
	s.all.ServeHTTP(w, r)
}

// recordLogin attributes a login to the process holding the client socket
// (pid 0 when it cannot be found).
func (s *benchServer) recordLogin(remoteAddr string) {
	pid := 0
	if _, port, err := net.SplitHostPort(remoteAddr); err == nil {
		if p, err := strconv.Atoi(port); err == nil {
			pid = socketOwner(p, s.port)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginsByPID[pid]++
}

// reset clears every counter before a command.
func (s *benchServer) reset() {
	s.all.OBP.ResetCounts()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginsByPID = map[int]int{}
	s.flight.reset()
}

// counts returns the requests per endpoint, the logins and the login attempts per process.
func (s *benchServer) counts() (requests map[string]int, logins int, byPID map[int]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byPID = make(map[int]int, len(s.loginsByPID))
	for pid, n := range s.loginsByPID {
		byPID[pid] = n
	}
	return s.all.OBP.RequestCounts(), s.all.OBP.LoginCount(), byPID
}

func (s *benchServer) close() { _ = s.srv.Close() }

// concurrency integrates the number of requests in flight over time.
type concurrency struct {
	mu       sync.Mutex
	inFlight int
	last     time.Time
	busy     time.Duration // time with at least one request in flight
	weighted time.Duration // ∫ in-flight dt
}

func (c *concurrency) begin() { c.step(+1) }
func (c *concurrency) end()   { c.step(-1) }

func (c *concurrency) step(delta int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if c.inFlight > 0 {
		d := now.Sub(c.last)
		c.busy += d
		c.weighted += d * time.Duration(c.inFlight)
	}
	c.inFlight += delta
	c.last = now
}

// mean returns the busy time and the mean number of requests in flight while busy.
func (c *concurrency) mean() (time.Duration, float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.busy, ratio(c.weighted, c.busy)
}

func (c *concurrency) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy, c.weighted = 0, 0
}
