package provider

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type bulkyKey struct{}

// TestProtocolServerReleasesCallContexts: the memory a call's context holds
// is freed once the call has returned, however many calls one process serves.
func TestProtocolServerReleasesCallContexts(t *testing.T) {
	server, err := ProtocolServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	const calls, valueSize = 1000, 64 << 10
	before := liveHeap()
	for range calls {
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), bulkyKey{}, make([]byte, valueSize)))
		_, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "openbanking_customer"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
	}
	grown := int64(liveHeap()) - int64(before)
	runtime.KeepAlive(server)
	if limit := int64(calls * valueSize / 10); grown > limit {
		t.Errorf("live heap grew by %d bytes over %d calls, want under %d: call contexts are kept", grown, calls, limit)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestReleasableContext(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), bulkyKey{}, "v"))
	defer cancel()
	r := &releasableContext{parent: parent}
	if r.Value(bulkyKey{}) != "v" || r.Err() != nil || r.Done() != parent.Done() {
		t.Fatal("before release: want the parent's value, error and done channel")
	}
	r.release()
	if r.Value(bulkyKey{}) != nil {
		t.Error("after release: value still reachable")
	}
	if !errors.Is(r.Err(), context.Canceled) {
		t.Errorf("after release: Err() = %v, want context.Canceled", r.Err())
	}
	select {
	case <-r.Done():
	default:
		t.Error("after release: Done() not closed")
	}
}
