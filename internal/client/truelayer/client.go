// Package truelayer is the typed client for TrueLayer's Data API v3
// (GET /v3/connected-accounts). It authenticates with an OAuth2
// client-credentials token from TrueLayer's auth server, shared by every
// concurrent call, cached until shortly before it expires and renewed when
// the API refuses it (within the retry budget of the request).
package truelayer

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Config is what the provider needs to reach TrueLayer.
type Config struct {
	// APIURL is the Data API base URL, e.g. https://api.truelayer.com
	// (sandbox: https://api.truelayer-sandbox.com).
	APIURL string
	// AuthURL is the auth server base URL, e.g. https://auth.truelayer.com
	// (sandbox: https://auth.truelayer-sandbox.com); tokens come from
	// {AuthURL}/connect/token.
	AuthURL string
	// ClientID and ClientSecret are the console credentials of the client.
	ClientID     string
	ClientSecret string

	client.Settings
}

// Client calls TrueLayer's Data API v3. It is safe for concurrent use.
type Client struct {
	core   *client.Core
	tokens *tokenSource
}

// New returns a client for cfg. It does not contact the server.
func New(cfg Config) (*Client, error) {
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("truelayer: client ID and client secret are required")
	}
	tokenURL, err := tokenEndpoint(cfg.AuthURL)
	if err != nil {
		return nil, err
	}
	tokens := newTokenSource(tokenURL, cfg)
	core, err := client.New(cfg.APIURL, cfg.Settings, client.CoreOptions{
		Auth: tokens, DecodeError: DecodeError, URLSetting: "truelayer.api_url", Secrets: []string{cfg.ClientSecret},
	})
	if err != nil {
		return nil, fmt.Errorf("truelayer API URL: %w", err)
	}
	// The token request carries the client secret: it may only follow
	// redirects within the auth server's origin.
	if tokens.http, err = core.HTTPClientFor(cfg.AuthURL, "truelayer.auth_url"); err != nil {
		return nil, fmt.Errorf("truelayer auth URL: %w", err)
	}
	tokens.redact = core.Redactor()
	tokens.redact.AddBasic(cfg.ClientID, cfg.ClientSecret)
	return &Client{core: core, tokens: tokens}, nil
}

// tokenEndpoint validates the auth server URL and appends TokenPath.
func tokenEndpoint(authURL string) (string, error) {
	base := strings.TrimRight(authURL, "/")
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("truelayer auth URL: invalid URL %q: want scheme://host[:port]", authURL)
	}
	return base + TokenPath, nil
}

// TokenRequests is the number of token requests this client has sent
// (successful or not).
func (c *Client) TokenRequests() int {
	return c.tokens.count()
}
