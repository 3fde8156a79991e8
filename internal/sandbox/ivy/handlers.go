package ivy

import (
	"encoding/json"
)

type handler func(s *Server, body map[string]json.RawMessage) (any, *apiError)

// handlerFor returns the handler of an operation, or nil.
func handlerFor(op string) handler {
	switch op {
	case "list":
		return (*Server).list
	case "retrieve":
		return (*Server).retrieve
	case "refresh":
		return (*Server).refresh
	case "disconnect":
		return (*Server).disconnect
	}
	return nil
}

// list answers {accounts, hasMore} for {limit?, skip?}.
func (s *Server) list(body map[string]json.RawMessage) (any, *apiError) {
	if e := s.checkFields(body, "limit", "skip"); e != nil {
		return nil, e
	}
	limit, e := s.limit(body)
	if e != nil {
		return nil, e
	}
	skip, ok := intField(body, "skip", 0)
	if !ok || skip < 0 {
		return nil, invalid("skip", MsgSkip)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	start := min(skip, len(s.accounts))
	end := min(start+limit, len(s.accounts))
	page := make([]map[string]any, 0, end-start)
	for _, a := range s.accounts[start:end] {
		page = append(page, a.render(s.opts.Spelling))
	}
	return map[string]any{"accounts": page, "hasMore": end < len(s.accounts)}, nil
}

func (s *Server) limit(body map[string]json.RawMessage) (int, *apiError) {
	limit, ok := intField(body, "limit", DefaultLimit)
	switch {
	case !ok || limit < 1:
		return 0, invalid("limit", MsgLimit)
	case limit > MaxLimit && s.opts.ClampLimit:
		return MaxLimit, nil
	case limit > MaxLimit:
		return 0, invalid("limit", MsgLimit)
	}
	return limit, nil
}

// withAccount runs fn on the account named by {id} under the lock.
func (s *Server) withAccount(body map[string]json.RawMessage, fn func(*account)) (any, *apiError) {
	if e := s.checkFields(body, "id"); e != nil {
		return nil, e
	}
	var id string
	if err := json.Unmarshal(body["id"], &id); err != nil || id == "" {
		return nil, invalid("id", MsgID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.byID[id]
	if !ok {
		return nil, errAccountNotFound()
	}
	fn(a)
	return a.render(s.opts.Spelling), nil
}

func (s *Server) retrieve(body map[string]json.RawMessage) (any, *apiError) {
	return s.withAccount(body, func(*account) {})
}

// refresh starts a refresh: the fake has nothing to fetch, so it counts it.
func (s *Server) refresh(body map[string]json.RawMessage) (any, *apiError) {
	return s.withAccount(body, func(a *account) { a.refreshes++ })
}

// disconnect revokes access: the account's status becomes disconnected.
func (s *Server) disconnect(body map[string]json.RawMessage) (any, *apiError) {
	return s.withAccount(body, func(a *account) { a.Status = "disconnected" })
}
