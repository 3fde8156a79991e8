// Package ivy is the typed client for Ivy's Data API accounts endpoints
// (Ivy Payments, getivy.de): list and retrieve, plus refresh and disconnect.
// Every call is a POST with a JSON body, authenticated by the X-Ivy-Api-Key
// header, as Ivy's public Data API documentation describes.
package ivy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

const (
	// DefaultPathPrefix is the prefix of the seed document. Ivy's other
	// endpoints use "/api/service/" (singular), where an older, different
	// data/accounts/list endpoint lived; set Config.PathPrefix to use it.
	DefaultPathPrefix = "/api/services/"
	// AltPathPrefix is the singular prefix of Ivy's other endpoints.
	AltPathPrefix = "/api/service/"
	// MaxPageSize is the largest list page the API accepts.
	MaxPageSize = 100
	// DefaultPageSize is the page size the client asks for when Config.PageSize is 0.
	DefaultPageSize = MaxPageSize
	// APIKeyHeader carries the API key.
	APIKeyHeader = "X-Ivy-Api-Key"
	// SandboxURL and ProductionURL are Ivy's base URLs.
	SandboxURL    = "https://api.sand.getivy.de"
	ProductionURL = "https://api.getivy.de"
)

// Config is what the provider needs to reach the Ivy API.
type Config struct {
	// URL is the API base URL, e.g. SandboxURL.
	URL    string
	APIKey string
	// PathPrefix defaults to DefaultPathPrefix; leading and trailing
	// slashes are added when missing.
	PathPrefix string
	// PageSize is the list page size, 1 to MaxPageSize (0 means DefaultPageSize).
	PageSize int

	// Settings are the shared connection settings. Ivy's calls are all
	// reads sent as POST; the core retries them like GETs.
	client.Settings
}

// Client calls the Ivy API. It is safe for concurrent use.
type Client struct {
	core     *client.Core
	prefix   string
	pageSize int
}

// New returns a client for cfg. It does not contact the server.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil, errors.New("ivy: an API key is required")
	}
	pageSize, err := pageSize(cfg.PageSize)
	if err != nil {
		return nil, err
	}
	core, err := client.New(cfg.URL, cfg.Settings, client.CoreOptions{
		Auth: client.StaticHeaders{APIKeyHeader: {cfg.APIKey}}, DecodeError: DecodeError,
		URLSetting: "ivy.url", Secrets: []string{cfg.APIKey},
	})
	if err != nil {
		return nil, err
	}
	return &Client{core: core, prefix: NormalizePrefix(cfg.PathPrefix), pageSize: pageSize}, nil
}

func pageSize(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 1 || n > MaxPageSize:
		return 0, fmt.Errorf("ivy: page size %d out of range 1..%d", n, MaxPageSize)
	}
	return n, nil
}

// NormalizePrefix returns prefix with one leading and one trailing slash,
// or DefaultPathPrefix when prefix is empty.
func NormalizePrefix(prefix string) string {
	p := strings.Trim(prefix, "/")
	if p == "" && prefix == "" {
		return DefaultPathPrefix
	}
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}

// call POSTs body to an endpoint below the prefix, e.g. "data/accounts/list".
// Every call is a read, so it is retried like a GET.
func (c *Client) call(ctx context.Context, endpoint string, body, out any) error {
	req := client.Request{Method: http.MethodPost, Path: c.prefix + endpoint, Body: body, Read: true}
	return c.core.Do(ctx, req, out)
}
