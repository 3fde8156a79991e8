package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// warnInsecure warns that a setting turns TLS certificate verification off.
func (r resolver) warnInsecure(attr string) {
	r.diags.AddAttributeWarning(r.path(attr), "TLS Certificate Verification Is Off",
		fmt.Sprintf("%s.%s is true (%s): the provider accepts any certificate, so whoever sits between it "+
			"and the server can read the credentials and customer data. Use it for test servers only; to trust a private "+
			"certificate authority set ca_file instead.", r.block.name, attr, r.origin(attr)))
}

// resolver reads one setting of a provider block from configuration or, when
// null, from the environment.
type resolver struct {
	block providerBlock
	diags *diag.Diagnostics
}

func (r resolver) path(attr string) path.Path { return r.block.path(attr) }

// origin says where a setting's value came from, for messages.
func (r resolver) origin(attr string) string {
	return fmt.Sprintf("from the %s block or %s", r.block.name, r.block.env(attr))
}

func (r resolver) unknown(attr string) {
	r.diags.AddAttributeError(r.path(attr), "Unknown Provider Setting",
		attr+" depends on a value that is only known after apply; the provider must be configured with known values.")
}

func (r resolver) str(v types.String, attr string) string {
	if v.IsUnknown() {
		r.unknown(attr)
		return ""
	}
	if v.IsNull() {
		return r.block.setting(attr).getenv()
	}
	return v.ValueString()
}

// url resolves a server URL and warns when it sends credentials over plain
// HTTP to another machine.
func (r resolver) url(v types.String, attr string) string {
	s := r.str(v, attr)
	if u, err := url.Parse(s); err == nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		r.diags.AddAttributeWarning(r.path(attr), "Plain HTTP to a Remote Host",
			fmt.Sprintf("%s.%s is %s: credentials, tokens and customer data would cross the network unencrypted. "+
				"Use https:// (plain http:// is meant for a server on this machine).", r.block.name, attr, s))
	}
	return s
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// duration resolves a Go duration from minTimeout to max.
func (r resolver) duration(v types.String, attr string, def, max time.Duration) time.Duration {
	s := r.str(v, attr)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < minTimeout || d > max {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr,
			fmt.Sprintf("%q is not a Go duration from %s to %s such as 30s or 2m (%s).",
				s, shortDuration(minTimeout), shortDuration(max), r.origin(attr)))
	}
	return d
}

// int resolves a whole number in rng; a null setting and an empty variable give def.
func (r resolver) int(v types.Number, attr string, def int) int {
	rng := *r.block.setting(attr).whole
	if v.IsUnknown() {
		r.unknown(attr)
		return def
	}
	text := r.block.setting(attr).getenv()
	if !v.IsNull() {
		text = numberText(v.ValueBigFloat())
	}
	if text == "" {
		return def
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < rng.min || n > rng.max {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr, fmt.Sprintf("%s.%s %s (%s), got %s.",
			r.block.name, attr, rng.Description(context.Background()), r.origin(attr), text))
		return def
	}
	return int(n)
}

func (r resolver) bool(v types.Bool, attr string) bool {
	if v.IsUnknown() {
		r.unknown(attr)
		return false
	}
	if !v.IsNull() {
		return v.ValueBool()
	}
	s := r.block.setting(attr).getenv()
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		r.diags.AddAttributeError(r.path(attr), "Invalid "+attr, fmt.Sprintf("%s=%q is not true or false.", r.block.env(attr), s))
	}
	return b
}

// check runs the setting's validators on a resolved value, which may come
// from the environment.
func (r resolver) check(value, attr string) {
	for _, v := range r.block.setting(attr).validators {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: r.path(attr), ConfigValue: types.StringValue(value)}, &resp)
		for _, d := range resp.Diagnostics.Errors() {
			r.diags.AddAttributeError(r.path(attr), d.Summary(), d.Detail()+" ("+r.origin(attr)+")")
		}
	}
}

// require reports a setting an API block needs but does not have.
func (r resolver) require(value, attr, what string) {
	if value == "" {
		r.diags.AddAttributeError(r.path(attr), "Missing "+r.block.name+" Setting "+attr,
			fmt.Sprintf("%s Set %s in the provider's %s block or the %s environment variable.", what, attr, r.block.name, r.block.env(attr)))
	}
}
