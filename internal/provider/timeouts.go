package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// defaultOperationTimeout bounds one create, read, update or delete when
// neither the resource's timeouts block nor the provider's
// obp.operation_timeout says otherwise.
const defaultOperationTimeout = 20 * time.Minute

// timeoutsBlock is a resource's timeouts block; update only where OBP changes
// the object in place.
func timeoutsBlock(ctx context.Context, update bool) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: update, Delete: true})
}

// timeoutGetter is one of timeouts.Value's Create, Read, Update or Delete.
type timeoutGetter func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// bounded limits ctx to the operation's timeout: the timeouts block's value,
// or else the provider's operation timeout.
func (c *clients) bounded(ctx context.Context, get timeoutGetter, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, dd := get(ctx, c.operationTimeout())
	diags.Append(dd...)
	return context.WithTimeout(ctx, d)
}

func (c *clients) operationTimeout() time.Duration {
	if c.OperationTimeout > 0 {
		return c.OperationTimeout
	}
	return defaultOperationTimeout
}
