package obp

import (
	"context"
	"testing"
)

// BenchmarkGetCustomer is one refresh read of a customer: the client's and
// the in-process sandbox's cost of one request over loopback.
func BenchmarkGetCustomer(b *testing.B) {
	e := newEnv(b)
	c := e.client(b)
	cust := e.createMinimal(b, c, "Bench Customer", "+44 7700 900001")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetCustomer(ctx, bankID, cust.CustomerID); err != nil {
			b.Fatal(err)
		}
	}
}
