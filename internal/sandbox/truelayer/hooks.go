package truelayer

import "time"

// ExpireTokens makes every token issued so far expired.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	past := s.opts.Now().Add(-time.Second)
	for _, t := range s.tokens {
		t.expires = past
	}
}

// TokenCount is the number of tokens issued.
func (s *Server) TokenCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issued
}

// ResetCounts clears the request and token counters (tokens stay valid).
func (s *Server) ResetCounts() {
	s.Counter.ResetCounts()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.issued = 0
	s.unattended = 0
}

// LastEndUserIP is the end-user IP of the last API request that passed the
// token and header checks ("" when that request had none).
func (s *Server) LastEndUserIP() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastIP
}

// Accounts returns a copy of the seeded accounts of a connection, in page order.
func (s *Server) Accounts(connectionID string) []Account {
	c, ok := s.connections[connectionID]
	if !ok {
		return nil
	}
	out := make([]Account, len(c.accounts))
	for i, a := range c.accounts {
		out[i] = a.clone()
	}
	return out
}

// IssuedTokens returns every access token issued, expired or not, in no
// particular order.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.tokens))
	for value := range s.tokens {
		out = append(out, value)
	}
	return out
}
