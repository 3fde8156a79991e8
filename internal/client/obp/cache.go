package obp

import (
	"context"
	"strings"
	"sync"
)

// listCache shares list answers within one provider process: concurrent
// callers of the same list wait for one request, and later callers reuse its
// answer until a write through this client invalidates it. Refreshing many
// children of one customer therefore costs one list request per kind. It
// also keeps lists that came inside another answer (put): the attributes in
// a customer's.
type listCache struct {
	mu      sync.Mutex
	entries map[string]*listEntry
	// writes counts the invalidations: an answer read while one happened
	// may predate the write.
	writes uint64
}

type listEntry struct {
	done chan struct{}
	val  any
	err  error
}

func (lc *listCache) get(ctx context.Context, key string, load func(context.Context) (any, error)) (any, error) {
	lc.mu.Lock()
	if lc.entries == nil {
		lc.entries = map[string]*listEntry{}
	}
	e, ok := lc.entries[key]
	if !ok {
		e = &listEntry{done: make(chan struct{})}
		lc.entries[key] = e
		lc.mu.Unlock()
		e.val, e.err = load(ctx)
		if e.err != nil {
			lc.forget(key, e)
		}
		close(e.done)
		return e.val, e.err
	}
	lc.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// writeCount returns the number of invalidations so far, for put.
func (lc *listCache) writeCount() uint64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.writes
}

// put stores an answer that came with another request, unless something
// was invalidated since writeCount returned since.
func (lc *listCache) put(key string, val any, since uint64) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.writes != since {
		return
	}
	if lc.entries == nil {
		lc.entries = map[string]*listEntry{}
	}
	e := &listEntry{done: make(chan struct{}), val: val}
	close(e.done)
	lc.entries[key] = e
}

// peek returns a stored answer without loading one or waiting for one.
func (lc *listCache) peek(key string) (any, bool) {
	lc.mu.Lock()
	e, ok := lc.entries[key]
	lc.mu.Unlock()
	if !ok {
		return nil, false
	}
	select {
	case <-e.done:
		return e.val, e.err == nil
	default:
		return nil, false
	}
}

// invalidate drops the answer for key; the next get loads it again.
func (lc *listCache) invalidate(key string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.writes++
	delete(lc.entries, key)
}

// invalidatePrefix drops every answer whose key starts with prefix.
func (lc *listCache) invalidatePrefix(prefix string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.writes++
	for key := range lc.entries {
		if strings.HasPrefix(key, prefix) {
			delete(lc.entries, key)
		}
	}
}

func (lc *listCache) forget(key string, e *listEntry) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.entries[key] == e {
		delete(lc.entries, key)
	}
}

// cachedList loads a list through the client's cache.
func cachedList[T any](ctx context.Context, c *Client, key string, load func(context.Context) ([]T, error)) ([]T, error) {
	v, err := c.lists.get(ctx, key, func(ctx context.Context) (any, error) { return load(ctx) })
	if err != nil {
		return nil, err
	}
	return v.([]T), nil
}
