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
	// Faults injects failures in front of every API; none by default. The
	// statuses it injects under an account API's prefix are answered in that
	// API's error format, the others like OBP.
	Faults *faults.Injector

	mux    *http.ServeMux
	mounts []mount
}

// mount is an account API served under a prefix.
type mount struct {
	prefix  string
	handler http.Handler
	answer  faults.Answer
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
	a.mounts = []mount{
		{ThreddPrefix, a.Thredd, thredd.AnswerFault},
		{TrueLayerPrefix, a.TrueLayer, truelayer.AnswerFault},
		{CDRPrefix, a.CDR, cdr.AnswerFault},
		{IvyPrefix, a.Ivy, ivy.AnswerFault},
	}
	var answers []faults.Option
	for _, m := range a.mounts {
		a.mux.Handle(m.prefix+"/", http.StripPrefix(m.prefix, m.handler))
		answers = append(answers, faults.AnswerUnder(m.prefix+"/", m.answer))
	}
	a.Faults = faults.New(http.HandlerFunc(a.route), a.expireTokens, answers...)
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
	for _, m := range a.mounts {
		if strings.HasPrefix(r.URL.Path, m.prefix+"/") {
			a.mux.ServeHTTP(w, r)
			return
		}
	}
	a.OBP.ServeHTTP(w, r)
}
