package obp

// ResetCounts clears the request counters and the login counter.
func (s *Server) ResetCounts() {
	s.Counter.ResetCounts()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logins = 0
}

// LoginCount returns the number of successful DirectLogins.
func (s *Server) LoginCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}
