package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// ProtocolServer returns the factory of the provider's protocol 6 server: the
// framework's server, with every resource and data source call's context
// released once the call has returned.
//
// The framework keeps the cancel function of every call's context until
// terraform stops the provider, and with it the whole context: gRPC stream,
// request and logger values, about 20 kB a call. A plan of 4,000 resources
// makes some 16,000 calls in one process. What stays behind of a released
// call is a few hundred bytes.
func ProtocolServer(version string) func() (tfprotov6.ProviderServer, error) {
	return ReleasingServer(New(version)())
}

// ReleasingServer returns the factory of p's protocol 6 server, served the
// way ProtocolServer serves this provider.
func ReleasingServer(p provider.Provider) func() (tfprotov6.ProviderServer, error) {
	framework := providerserver.NewProtocol6WithError(p)
	return func() (tfprotov6.ProviderServer, error) {
		s, err := framework()
		if err != nil {
			return nil, err
		}
		return &releasingServer{ProviderServer: s}, nil
	}
}

// releasingServer passes the calls made once per resource or data source
// through release; the calls made once per process go straight through.
type releasingServer struct {
	tfprotov6.ProviderServer
}

// release calls call with a context that forwards to ctx until call returns
// and then forgets it.
func release[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	r := &releasableContext{parent: ctx}
	defer r.release()
	return call(r, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return release(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return release(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return release(ctx, req, s.ProviderServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return release(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return release(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return release(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return release(ctx, req, s.ProviderServer.MoveResourceState)
}

func (s *releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return release(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return release(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return release(ctx, req, s.ProviderServer.ReadDataSource)
}

// releasableContext behaves as its parent until released, then as a
// canceled context without values.
type releasableContext struct {
	mu     sync.RWMutex
	parent context.Context
}

// releasedContext is what a releasableContext forwards to once released.
var releasedContext = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func (r *releasableContext) current() context.Context {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.parent
}

func (r *releasableContext) release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.parent = releasedContext
}

func (r *releasableContext) Deadline() (time.Time, bool) { return r.current().Deadline() }
func (r *releasableContext) Done() <-chan struct{}       { return r.current().Done() }
func (r *releasableContext) Err() error                  { return r.current().Err() }
func (r *releasableContext) Value(key any) any           { return r.current().Value(key) }

// listingServer is a protocol server with list resources (the framework's).
type listingServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

var _ listingServer = (*releasingServer)(nil)

func (s *releasingServer) listServer() tfprotov6.ListResourceServer {
	return s.ProviderServer.(listingServer)
}

// ListResource goes straight through: its results stream after it returns.
func (s *releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.listServer().ListResource(ctx, req)
}

func (s *releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return s.listServer().ValidateListResourceConfig(ctx, req)
}
