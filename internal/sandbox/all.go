// Package sandbox puts the in-memory fakes of every API the provider talks
// to behind one handler: OBP (package obp) at the root and the account APIs
// (thredd, truelayer, cdr, ivy) under their prefixes, with one fault injector
// (package faults) in front of them all.
package sandbox

import (
	"net/http"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

// Path prefixes of the account APIs on an All server; OBP is served at the root.
const (
	ThreddPrefix    = "/thredd"
	TrueLayerPrefix = "/truelayer"
	CDRPrefix       = "/cdr"
	IvyPrefix       = "/ivy"
)

// Every API's sandbox exposes the same request-count hook.
var (
	_ counter.Hook = (*obp.Server)(nil)
	_ counter.Hook = (*thredd.Server)(nil)
	_ counter.Hook = (*truelayer.Server)(nil)
	_ counter.Hook = (*cdr.Server)(nil)
	_ counter.Hook = (*ivy.Server)(nil)
)

// All serves OBP at the root and each account API under its prefix, so one
// address stands in for five servers.
type All struct {
	OBP       *obp.Server
	Thredd    *thredd.Server
	TrueLayer *truelayer.Server
	CDR       *cdr.Server
	Ivy       *ivy.Server
	// Faults injects failures in front of every API; none by default.
	Faults *faults.Injector

	mux *http.ServeMux
}

// NewAll returns fresh, independent sandboxes of every API behind one handler.
func NewAll(opts obp.Options) *All {
	a := &All{
		OBP:       obp.New(opts),
		Thredd:    thredd.New(thredd.Options{}),
		TrueLayer: truelayer.New(truelayer.Options{}),
		CDR:       cdr.New(cdr.Options{}),
		Ivy:       ivy.New(ivy.Options{}),
		mux:       http.NewServeMux(),
	}
	for prefix, h := range map[string]http.Handler{
		ThreddPrefix: a.Thredd, TrueLayerPrefix: a.TrueLayer, CDRPrefix: a.CDR, IvyPrefix: a.Ivy,
	} {
		a.mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	}
	a.Faults = faults.New(http.HandlerFunc(a.route), a.expireTokens)
	return a
}

// ServeHTTP implements http.Handler.
func (a *All) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.Faults.ServeHTTP(w, r) }

// expireTokens expires every token of every API that issues them.
func (a *All) expireTokens() {
	a.OBP.ExpireTokens()
	a.TrueLayer.ExpireTokens()
}

func (a *All) route(w http.ResponseWriter, r *http.Request) {
	for _, prefix := range []string{ThreddPrefix, TrueLayerPrefix, CDRPrefix, IvyPrefix} {
		if strings.HasPrefix(r.URL.Path, prefix+"/") {
			a.mux.ServeHTTP(w, r)
			return
		}
	}
	a.OBP.ServeHTTP(w, r)
}
