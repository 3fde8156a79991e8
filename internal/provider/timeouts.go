package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultOperationTimeout bounds one create, read, update or delete when
// neither the resource's timeouts block nor the provider's
// obp.operation_timeout says otherwise.
const defaultOperationTimeout = 20 * time.Minute

// The timeouts a user may set: shorter than a second cannot finish a single
// request, and longer than a day is a typo.
const (
	minTimeout = time.Second
	maxTimeout = 24 * time.Hour
)

// durationBetween accepts Go durations from min to max.
func durationBetween(min, max time.Duration) validator.String {
	return funcValidator{
		desc: fmt.Sprintf("must be a Go duration from %s to %s, such as 30s, 20m or 1h", shortDuration(min), shortDuration(max)),
		ok: func(s string) bool {
			d, err := time.ParseDuration(s)
			return err == nil && d >= min && d <= max
		},
	}
}

// shortDuration drops time.Duration's zero minutes and seconds (24h, not 24h0m0s).
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// timeoutsBlock is a resource's timeouts block; update only where OBP changes
// the object in place.
func timeoutsBlock(ctx context.Context, update bool) schema.Block {
	b, ok := timeouts.Block(ctx, timeouts.Opts{
		Create: true,
		Read:   true,
		Update: update,
		Delete: true,
	}).(schema.SingleNestedBlock)
	if !ok {
		panic("timeouts.Block is not a single nested block")
	}
	attrs := make(map[string]schema.Attribute, len(b.Attributes))
	for name, a := range b.Attributes {
		if s, ok := a.(schema.StringAttribute); ok {
			s.Validators = append(s.Validators, durationBetween(minTimeout, maxTimeout))
			a = s
		}
		attrs[name] = a
	}
	b.Attributes = attrs
	return b
}

// bounded limits ctx to the operation's timeout (op is "create", "read",
// "update" or "delete"): the timeouts block's value, or else the provider's
// operation timeout. It reads the block itself: timeouts.Value's getters log
// a line whenever the block leaves a timeout out, which on every read of a
// large configuration costs more than the read's own conversions.
func (c *clients) bounded(ctx context.Context, t timeouts.Value, op string, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, operationTimeout(t, op, c.operationTimeout(), diags))
}

// operationTimeout is the timeout op of the block t, or def when it is unset.
func operationTimeout(t timeouts.Value, op string, def time.Duration, diags *diag.Diagnostics) time.Duration {
	v, ok := t.Attributes()[op].(types.String)
	if !ok || v.IsNull() || v.IsUnknown() {
		return def
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil {
		diags.AddError("Timeout Cannot Be Parsed", fmt.Sprintf("timeout for %q cannot be parsed, %s", op, err))
		return def
	}
	return d
}

func (c *clients) operationTimeout() time.Duration {
	if c.OperationTimeout > 0 {
		return c.OperationTimeout
	}
	return defaultOperationTimeout
}
