package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// Dates are accepted as YYYY-MM-DD (midnight UTC) or RFC 3339 and compared as
// instants, so the server's own rendering never shows up as a change.

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{obp.DayLayout, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD or RFC 3339 (1990-05-17T00:00:00Z)", s)
}

// formatDate renders a day when the time is midnight UTC, else an OBP timestamp.
func formatDate(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(obp.DayLayout)
	}
	return t.Format(obp.TimestampLayout)
}

func sameDate(a, b string) bool {
	ta, errA := parseDate(a)
	tb, errB := parseDate(b)
	return errA == nil && errB == nil && ta.Equal(tb)
}

// dateValue is the state value of a server date: the prior value when it means
// the same instant, else the canonical rendering; nil or zero is null.
func dateValue(t *obp.Time, prior types.String) types.String {
	if t == nil || t.IsZero() {
		return types.StringNull()
	}
	if !prior.IsNull() && !prior.IsUnknown() && sameDate(prior.ValueString(), t.Format(obp.TimestampLayout)) {
		return prior
	}
	return types.StringValue(formatDate(t.Time))
}

// apiDate converts a validated date attribute to an OBP date (nil when null).
func apiDate(v types.String) (*obp.Time, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	t, err := parseDate(v.ValueString())
	if err != nil {
		return nil, err
	}
	return obp.NewTime(t), nil
}

// dateValidator accepts YYYY-MM-DD or RFC 3339.
type dateValidator struct{}

var _ validator.String = dateValidator{}

func (dateValidator) Description(context.Context) string {
	return "must be a date in the form YYYY-MM-DD or an RFC 3339 timestamp in whole seconds, from 1582-10-15 to 9999-12-31"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	t, err := parseDate(req.ConfigValue.ValueString())
	if err == nil {
		err = checkStorable(t)
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Date", fmt.Sprintf("%s: %s.", req.Path, err))
	}
}

// Dates OBP gives back unchanged: its Java dates switch to the Julian
// calendar before 15 October 1582 (earlier days come back shifted), it
// writes four-digit years and whole seconds.
var (
	earliestDate = time.Date(1582, 10, 15, 0, 0, 0, 0, time.UTC)
	latestDate   = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// checkStorable reports why OBP would not give t back as it was sent.
func checkStorable(t time.Time) error {
	switch {
	case t.Before(earliestDate) || t.After(latestDate):
		return fmt.Errorf("%s is outside the dates OBP stores unchanged (1582-10-15 to 9999-12-31): "+
			"OBP's calendar gives earlier days back shifted; use a real date or leave the attribute out", formatDate(t))
	case t.Nanosecond() != 0:
		return fmt.Errorf("OBP stores whole seconds: drop the fraction of a second")
	}
	return nil
}

// sameDatePlan keeps the state value when the configured date is the same instant.
type sameDatePlan struct{}

var _ planmodifier.String = sameDatePlan{}

func (sameDatePlan) Description(context.Context) string {
	return "a date written differently but meaning the same instant is not a change"
}

func (m sameDatePlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameDatePlan) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if sameDate(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// sameDatesPlan keeps the state list when every configured date is the same instant.
type sameDatesPlan struct{}

var _ planmodifier.List = sameDatesPlan{}

func (sameDatesPlan) Description(context.Context) string {
	return "dates written differently but meaning the same instants are not a change"
}

func (m sameDatesPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameDatesPlan) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if sameDateList(req.StateValue.Elements(), req.PlanValue.Elements()) {
		resp.PlanValue = req.StateValue
	}
}

func sameDateList(a, b []attr.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		sa, okA := a[i].(types.String)
		sb, okB := b[i].(types.String)
		if !okA || !okB || sa.IsUnknown() || sb.IsUnknown() || !sameDate(sa.ValueString(), sb.ValueString()) {
			return false
		}
	}
	return true
}
