package obp

import (
	"context"
	"strings"
	"sync"
)

// listCache shares list answers within one provider process: concurrent
// callers of the same list wait for one request, and later callers reuse its
// answer until a write through this client invalidates it. Refreshing many
// children of one customer therefore costs one list request per kind.
type listCache struct {
	mu      sync.Mutex
	entries map[string]*listEntry
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

// invalidate drops the answer for key; the next get loads it again.
func (lc *listCache) invalidate(key string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	delete(lc.entries, key)
}

// invalidatePrefix drops every answer whose key starts with prefix.
func (lc *listCache) invalidatePrefix(prefix string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
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
