package obp

import "maps"

// RequestCount returns how many requests reached an endpoint, keyed by
// method and route template without the version prefix, e.g.
// "GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}" or "POST /my/logins/direct".
// Requests that matched no route are not counted.
func (s *Server) RequestCount(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[endpoint]
}

// RequestCounts returns a copy of all counters.
func (s *Server) RequestCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// ResetCounts clears the request counters and the login counter.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
	s.logins = 0
}

// LoginCount returns the number of successful DirectLogins.
func (s *Server) LoginCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}
