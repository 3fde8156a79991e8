package obp

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

func TestListCache_concurrentCallersShareOneLoad(t *testing.T) {
	var lc listCache
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) (any, error) { //nolint:unparam // the loader signature of listCache.get
		loads.Add(1)
		<-release
		return []string{"a"}, nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := lc.get(context.Background(), "k", load); err != nil || len(v.([]string)) != 1 {
				t.Errorf("get = %v, %v", v, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("loads = %d, want 1", n)
	}
	// Later callers reuse the answer until it is invalidated.
	_, _ = lc.get(context.Background(), "k", load)
	lc.invalidate("k")
	_, _ = lc.get(context.Background(), "k", load)
	if n := loads.Load(); n != 2 {
		t.Fatalf("loads after invalidate = %d, want 2", n)
	}
}

func TestListCache_errorsAreNotKept(t *testing.T) {
	var lc listCache
	fail := errors.New("boom")
	calls := 0
	load := func(context.Context) (any, error) {
		calls++
		if calls == 1 {
			return nil, fail
		}
		return []string{}, nil
	}
	if _, err := lc.get(context.Background(), "k", load); !errors.Is(err, fail) {
		t.Fatalf("first get err = %v", err)
	}
	if _, err := lc.get(context.Background(), "k", load); err != nil || calls != 2 {
		t.Fatalf("second get err = %v, calls = %d", err, calls)
	}
}

func TestListCache_putIsDroppedWhenAWriteHappenedSince(t *testing.T) {
	var lc listCache
	since := lc.writeCount()
	lc.invalidate("other")
	lc.put("k", []string{"old"}, since)
	if v, ok := lc.peek("k"); ok {
		t.Fatalf("peek = %v after a write during the read, want nothing", v)
	}
	lc.put("k", []string{"new"}, lc.writeCount())
	if v, ok := lc.peek("k"); !ok || v.([]string)[0] != "new" {
		t.Fatalf("peek = %v, %v", v, ok)
	}
}

// attributeGet is the sandbox counter key of the single-attribute read.
const attributeGet = "GET /banks/{BANK_ID}/customers/{CUSTOMER_ID}/attributes/{CUSTOMER_ATTRIBUTE_ID}"

func TestGetCustomerAttribute_answersFromTheCustomersLastAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	writer, reader := e.client(t), e.client(t)
	cust := e.createMinimal(t, writer, "Attribute Reader", "+44 7700 900201")
	made, err := writer.CreateCustomerAttribute(ctx, bankID, cust.CustomerID, CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: "retail"})
	if err != nil {
		t.Fatal(err)
	}
	attributeGets := func() int { return e.sb.RequestCounts()[attributeGet] }

	// Without a customer read, the attribute is read on its own.
	if _, err := reader.GetCustomerAttribute(ctx, bankID, cust.CustomerID, made.CustomerAttributeID); err != nil || attributeGets() != 1 {
		t.Fatalf("first read: err %v, %d attribute requests, want 1", err, attributeGets())
	}
	// After the customer's read, it costs no request and is the same attribute.
	if _, err := reader.GetCustomer(ctx, bankID, cust.CustomerID); err != nil {
		t.Fatal(err)
	}
	got, err := reader.GetCustomerAttribute(ctx, bankID, cust.CustomerID, made.CustomerAttributeID)
	if err != nil || *got != *made || attributeGets() != 1 {
		t.Fatalf("read after the customer: %+v, %v, %d attribute requests; want %+v and still 1", got, err, attributeGets(), made)
	}
	// A write through the client drops what the customer's answer said.
	if _, err := reader.UpdateCustomerAttribute(ctx, bankID, cust.CustomerID, made.CustomerAttributeID,
		CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: "private"}); err != nil {
		t.Fatal(err)
	}
	if got, err := reader.GetCustomerAttribute(ctx, bankID, cust.CustomerID, made.CustomerAttributeID); err != nil || got.Value != "private" || attributeGets() != 2 {
		t.Fatalf("read after an update: %+v, %v, %d attribute requests, want value private and 2", got, err, attributeGets())
	}
	// An attribute missing from the customer's answer is asked for, and the server's answer stands.
	if err := writer.DeleteCustomerAttribute(ctx, bankID, made.CustomerAttributeID); err != nil {
		t.Fatal(err)
	}
	if _, err := reader.GetCustomer(ctx, bankID, cust.CustomerID); err != nil {
		t.Fatal(err)
	}
	_, err = reader.GetCustomerAttribute(ctx, bankID, cust.CustomerID, made.CustomerAttributeID)
	if !client.HasCode(err, CodeCustomerAttributeNotFound) || attributeGets() != 3 {
		t.Fatalf("read of a deleted attribute: %v, %d attribute requests; want %s and 3", err, attributeGets(), CodeCustomerAttributeNotFound)
	}
}
