package client

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// CreateOnce runs create and, when its answer was lost (an *AmbiguousError),
// asks find whether the server made the object anyway before sending create
// again, so a lost answer never makes a duplicate. find answers ok=false when
// the object does not exist. Tries are bounded by the core's max retries.
func CreateOnce[T any](ctx context.Context, c *Core, create func() (T, error), find func() (T, bool, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		created, err := create()
		if !IsAmbiguous(err) {
			return created, err
		}
		var lost *AmbiguousError
		errors.As(err, &lost)
		found, ok, findErr := find()
		switch {
		case findErr != nil:
			return created, &AmbiguousError{Err: lost.Err, CheckErr: findErr}
		case ok:
			tflog.Info(ctx, "create answer was lost; adopting the object the server made", map[string]any{"attempt": attempt + 1})
			return found, nil
		case attempt >= c.maxRetries:
			return created, &AmbiguousError{Err: lost.Err, Checked: true}
		}
		tflog.Debug(ctx, "create answer was lost and the server has not made the object; sending it again",
			map[string]any{"attempt": attempt + 1})
		if sleepErr := sleep(ctx, backoff(attempt)); sleepErr != nil {
			return created, err
		}
	}
}
