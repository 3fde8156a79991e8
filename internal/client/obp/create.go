package obp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// postCreate sends one create with its Idempotency-Key and checks that the
// answer names the new object: a success without the id (an empty body, {}
// or a body without idField) is an error, so nothing half-made is recorded.
// On an error it returns no object.
func postCreate[T any](ctx context.Context, c *Client, path, key string, body any, idField string, id func(*T) string) (*T, error) {
	var out T
	req := client.Request{Method: http.MethodPost, Path: path, Body: body, Header: client.IdempotencyHeader(key)}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return result(&out, requireID(http.MethodPost, path, idField, id(&out)))
}

// requireID is the error for a success answer without the new object's id.
func requireID(method, path, idField, id string) error {
	if id != "" {
		return nil
	}
	return fmt.Errorf("%s %s answered success (2xx) without %s: the answer is empty or does not describe the object, "+
		"so it cannot be recorded", method, path, idField)
}

// claims are the objects this process's creates returned, per client, so
// that a second resource for the same object in one run is refused instead
// of adopting the first one's object.
var claims sync.Map // claimKey → struct{}

type claimKey struct {
	client *Client
	id     string
}

// claim records the object a create returned. An existing object that a
// create of this process already returned is an error, not an adoption.
func claim[T any](c *Client, got *T, err error, id func(*T) string) (*T, error) {
	if got == nil || (err != nil && !client.IsExists(err)) || id(got) == "" {
		return got, err
	}
	if _, taken := claims.LoadOrStore(claimKey{c, id(got)}, struct{}{}); taken && client.IsExists(err) {
		var exists *client.ExistsError
		errors.As(err, &exists)
		return got, &ClaimedError{ID: id(got), Err: exists.Err}
	}
	return got, err
}

// made are the customers this process's creates made (not adopted): their
// children cannot exist yet unless this process made them, so a create of a
// child needs no look for an existing one first.
var made sync.Map // claimKey{client, customer id} → struct{}

func (c *Client) markMade(customer *Customer, err error) (*Customer, error) {
	if err == nil && customer != nil {
		made.Store(claimKey{c, customer.CustomerID}, struct{}{})
	}
	return customer, err
}

// madeCustomer reports whether this process made the customer.
func (c *Client) madeCustomer(customerID string) bool {
	_, ok := made.Load(claimKey{c, customerID})
	return ok
}

// ClaimedError is a create of an object that another create of this process
// already returned: two resources of one configuration declare one object.
// Err is the server's refusal, if it refused.
type ClaimedError struct {
	ID  string
	Err error
}

func (e *ClaimedError) Error() string {
	msg := "the server already has this object (id " + e.ID + ") and another resource of this configuration " +
		"created or adopted it in this run: declare each object once"
	if e.Err == nil {
		return msg
	}
	return e.Err.Error() + "; " + msg
}

func (e *ClaimedError) Unwrap() error { return e.Err }
