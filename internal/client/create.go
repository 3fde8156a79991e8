package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// lostCheckBudget bounds the check for an object whose create answer was
// lost. The check runs on a context detached from the create's, so it still
// looks when the create was cancelled after its request left.
const lostCheckBudget = 15 * time.Second

// Create is one create operation.
type Create[T any] struct {
	// Send posts the create with the operation's Idempotency-Key.
	Send func(ctx context.Context, key string) (T, error)
	// Find looks for the object this create makes, fresh from the server;
	// ok=false when the server has none.
	Find func(ctx context.Context) (T, bool, error)
	// Existing looks for an object with the create's natural key; nil means Find.
	Existing func(ctx context.Context) (T, bool, error)
	// Exists says whether an error is the server refusing the create because
	// the object already exists (nil when the server never refuses duplicates).
	Exists func(error) bool
	// CheckFirst asks Existing before the first send, for objects the server
	// does not refuse to duplicate.
	CheckFirst bool
}

func (op Create[T]) existing() func(context.Context) (T, bool, error) {
	if op.Existing != nil {
		return op.Existing
	}
	return op.Find
}

// CreateOnce runs a create and, when its answer was lost (an *AmbiguousError),
// asks Find whether the server made the object anyway before sending the
// create again, so a lost answer never makes a duplicate. Every send of the
// operation carries the same Idempotency-Key. When the server refuses the
// create because the object exists, the existing object is returned with an
// *ExistsError. Tries are bounded by the core's max retries.
func CreateOnce[T any](ctx context.Context, c *Core, op Create[T]) (T, error) {
	if op.CheckFirst {
		if found, ok, err := op.existing()(ctx); err != nil || ok {
			return found, existsOrErr(err)
		}
	}
	key := NewIdempotencyKey()
	for attempt := 0; ; attempt++ {
		created, err := op.Send(ctx, key)
		if op.Exists != nil && op.Exists(err) {
			return adoptExisting(ctx, op, err)
		}
		if !IsAmbiguous(err) && !inFlight(err) {
			return created, err
		}
		found, ok, checkErr := findDetached(ctx, op.Find)
		switch {
		case checkErr != nil:
			return created, &AmbiguousError{Err: lostErr(err), CheckErr: checkErr}
		case ok:
			tflog.Info(ctx, "create answer was lost; adopting the object the server made", map[string]any{"attempt": attempt + 1})
			return found, nil
		case attempt >= c.maxRetries || ctx.Err() != nil:
			return created, &AmbiguousError{Err: lostErr(err), Checked: !inFlight(err)}
		}
		tflog.Debug(ctx, "create answer was lost and the server has not made the object; sending it again",
			map[string]any{"attempt": attempt + 1})
		if sleepErr := sleep(ctx, backoff(attempt)); sleepErr != nil {
			return created, &AmbiguousError{Err: lostErr(err), Checked: true}
		}
	}
}

// findDetached runs find with its own budget, detached from ctx's cancellation.
func findDetached[T any](ctx context.Context, find func(context.Context) (T, bool, error)) (T, bool, error) {
	checkCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lostCheckBudget)
	defer cancel()
	return find(checkCtx)
}

func existsOrErr(err error) error {
	if err != nil {
		return err
	}
	return &ExistsError{}
}

// adoptExisting looks up the object a refused create collided with.
func adoptExisting[T any](ctx context.Context, op Create[T], refused error) (T, error) {
	found, ok, err := findDetached(ctx, op.existing())
	switch {
	case err != nil:
		return found, errors.Join(refused, err)
	case !ok:
		return found, refused
	}
	return found, &ExistsError{Err: refused}
}

// ExistsError says the object already exists: the server refused the create
// (Err), or it was found before the create was sent (Err is nil). The object
// found by the create's natural key is returned with it.
type ExistsError struct{ Err error }

func (e *ExistsError) Error() string {
	if e.Err == nil {
		return "the object already exists"
	}
	return "the object already exists: " + e.Err.Error()
}
func (e *ExistsError) Unwrap() error { return e.Err }

// IsExists reports whether err is an *ExistsError.
func IsExists(err error) bool {
	var exists *ExistsError
	return errors.As(err, &exists)
}

// lostErr is the transport error of a lost answer.
func lostErr(err error) error {
	var lost *AmbiguousError
	if errors.As(err, &lost) {
		return lost.Err
	}
	return err
}

// inFlight: an earlier send with the same Idempotency-Key is still being
// handled by the server, so the object may yet be made.
func inFlight(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.StatusCode == http.StatusConflict && strings.Contains(apiErr.Message, MsgIdempotencyInFlight)
}
