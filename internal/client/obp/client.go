// Package obp is the typed client for the Open Bank Project API.
package obp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// DefaultAPIVersion is the OBP version the provider speaks unless told otherwise.
const DefaultAPIVersion = "v5.1.0"

// V600 is OBP v6.0.0: DirectLogin under the version prefix, customers with
// YYYY-MM-DD dates, customer_type and parent_customer_id, banks with
// bank_id and the account list wrapped in {"accounts": […]}. Everything
// v6.0.0 did not re-implement answers as under v5.1.0.
const V600 = "v6.0.0"

// SupportedAPIVersions are the OBP versions the client speaks.
var SupportedAPIVersions = []string{V600, DefaultAPIVersion, "v5.0.0"}

// Config is what the provider needs to reach one OBP server.
type Config struct {
	URL         string
	APIVersion  string
	Username    string
	Password    string
	ConsumerKey string
	// Token is a ready DirectLogin token; BearerToken an OAuth2 access token.
	Token       string
	BearerToken string

	client.Settings
}

// Client calls one OBP server. It is safe for concurrent use.
type Client struct {
	core    *client.Core
	version string
	prefix  string
	login   *DirectLogin
	lists   listCache
	banks   sync.Map // bank id → *bankCheck
}

// New returns a client for cfg. It does not contact the server.
func New(cfg Config) (*Client, error) {
	version := apiVersion(cfg.APIVersion)
	c := &Client{version: version, prefix: "/obp/" + version}
	var auth client.Authenticator
	switch {
	case cfg.BearerToken != "":
		auth = client.Bearer(cfg.BearerToken)
	case cfg.Token != "":
		auth = client.StaticHeaders{"DirectLogin": {"token=" + cfg.Token}}
	default:
		c.login = &DirectLogin{Username: cfg.Username, Password: cfg.Password, ConsumerKey: cfg.ConsumerKey, Path: loginPath(version)}
		auth = c.login
	}
	core, err := client.New(cfg.URL, cfg.Settings, client.CoreOptions{
		Auth: auth, IsAuthFailure: isAuthFailure, URLSetting: "obp.url",
		Secrets: []string{cfg.Password, cfg.ConsumerKey, cfg.Token, cfg.BearerToken},
	})
	if err != nil {
		return nil, err
	}
	c.core = core
	if c.login != nil {
		c.login.core = core
	}
	return c, nil
}

func apiVersion(v string) string {
	if v == "" {
		return DefaultAPIVersion
	}
	return v
}

// loginPath is where DirectLogin is sent: v6.0.0 documents it under its
// prefix (and tests it there); older versions only have the bare path,
// which v6.0.0 servers still answer too.
func loginPath(version string) string {
	if version == V600 {
		return "/obp/" + V600 + "/my/logins/direct"
	}
	return "/my/logins/direct"
}

// APIVersion is the OBP version the client speaks, e.g. "v5.1.0".
func (c *Client) APIVersion() string { return c.version }

// IsV600 reports whether the client speaks OBP v6.0.0.
func (c *Client) IsV600() bool { return c.version == V600 }

// VersionError is a request the configured OBP version cannot make.
type VersionError struct {
	// Feature names what needs the newer version, e.g. "customer_type".
	Feature string
	Version string
}

func (e *VersionError) Error() string {
	return e.Feature + " needs OBP " + V600 + " (api_version = \"" + V600 + "\"); the provider speaks " + e.Version +
		", which does not have it"
}

// IsVersionError reports whether err is a *VersionError.
func IsVersionError(err error) bool {
	var v *VersionError
	return errors.As(err, &v)
}

// isAuthFailure: OBP answers 401 for a missing login and for an invalid or
// expired DirectLogin token (OBP-20003) on 2026 servers; older servers
// answer 400 OBP-20003.
func isAuthFailure(e *client.APIError) bool {
	return e.StatusCode == http.StatusUnauthorized || e.HasCode(CodeInvalidToken)
}

// BaseURL is the server's URL as configured.
func (c *Client) BaseURL() string { return c.core.BaseURL() }

// Logins is the number of DirectLogins this client has made.
func (c *Client) Logins() int {
	if c.login == nil {
		return 0
	}
	return c.login.Count()
}

// Login makes sure the client holds a valid credential (one DirectLogin at most).
func (c *Client) Login(ctx context.Context) error {
	if c.login == nil {
		return nil
	}
	_, err := c.login.token(ctx)
	return err
}

// UsesDirectLogin tells whether the client logs in with DirectLogin
// credentials (rather than holding a ready token).
func (c *Client) UsesDirectLogin() bool { return c.login != nil }

// Verify checks the credential: a DirectLogin (at most one), or, with a
// ready token, a read of the current user.
func (c *Client) Verify(ctx context.Context) error {
	if c.login != nil {
		return c.Login(ctx)
	}
	_, err := c.CurrentUser(ctx)
	return err
}

// result is what a call returns: its object, or nil and the error.
func result[T any](out *T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return out, nil
}

// path builds a versioned path from escaped segments.
func (c *Client) path(segments ...string) string {
	escaped := make([]string, len(segments))
	for i, s := range segments {
		escaped[i] = url.PathEscape(s)
	}
	return c.prefix + "/" + strings.Join(escaped, "/")
}

func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return c.core.Do(ctx, client.Request{Method: http.MethodGet, Path: path, Query: query}, out)
}

// getPublic reads an endpoint OBP serves without authentication.
func (c *Client) getPublic(ctx context.Context, path string, out any) error {
	return c.core.Do(ctx, client.Request{Method: http.MethodGet, Path: path, NoAuth: true}, out)
}

// put sends a PUT with body and decodes the answer into out.
func (c *Client) put(ctx context.Context, path string, body, out any) error {
	return c.core.Do(ctx, client.Request{Method: http.MethodPut, Path: path, Body: body}, out)
}

// deleteTrue sends a DELETE whose success body is `true` (or empty for 204).
func (c *Client) deleteTrue(ctx context.Context, path string) error {
	var ok json.RawMessage
	return c.core.Do(ctx, client.Request{Method: http.MethodDelete, Path: path}, &ok)
}

// OBP error codes the provider reacts to.
const (
	CodeNotLoggedIn            = "OBP-20001"
	CodeInvalidToken           = "OBP-20003"
	CodeInvalidCredentials     = "OBP-20004"
	CodeMissingRoles           = "OBP-20006"
	CodeInvalidConsumerKey     = "OBP-20008"
	CodeUserLocked             = "OBP-20013"
	CodeLoginRateLimited       = "OBP-10061"
	CodeBankNotFound           = "OBP-30001"
	CodeCustomerNumberNotFound = "OBP-30002"
	CodeCustomerNumberExists   = "OBP-30006"
	CodeCustomerNotFound       = "OBP-30046"
)
