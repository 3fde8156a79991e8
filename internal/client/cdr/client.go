// Package cdr is the typed client for an Australian Consumer Data Right
// (CDR) banking data holder: Get Accounts V2/V3 at
// {resourceBaseUri}/cds-au/v1/banking/accounts and Get Balances For Specific
// Accounts V1 at {resourceBaseUri}/cds-au/v1/banking/accounts/balances.
package cdr

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Versions of Get Accounts the client asks for (x-v) and accepts (x-min-v).
const (
	RequestedVersion = 3
	MinimumVersion   = 2
)

// BalancesVersion is the version of Get Balances For Specific Accounts the
// client asks for and accepts.
const BalancesVersion = 1

// Paging limits of the standard.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
)

// Paths relative to the resourceBaseUri.
const (
	accountsPath = "/cds-au/v1/banking/accounts"
	balancesPath = accountsPath + "/balances"
)

// Config is what the provider needs to reach one data holder.
type Config struct {
	// URL is the holder's resourceBaseUri (e.g. https://mtls.dh.example.com).
	URL string
	// BearerToken is the (certificate-bound) access token. Empty sends no
	// Authorization header (for no-auth mock holders).
	BearerToken string
	// ClientCertFile and ClientKeyFile are the PEM client certificate and key
	// for mTLS; both or neither.
	ClientCertFile string
	ClientKeyFile  string
	// AuthDate is x-fapi-auth-date, the customer's last login at the
	// recipient as an HTTP-date; defaults to the time New was called.
	AuthDate string
	// CustomerIPAddress makes calls customer-present
	// (x-fapi-customer-ip-address); it then requires ClientHeaders.
	CustomerIPAddress string
	// ClientHeaders is x-cds-client-headers: the customer's original HTTP
	// headers, Base64 encoded. Sent only with CustomerIPAddress.
	ClientHeaders string
	// PageSize is page-size (default DefaultPageSize, at most MaxPageSize).
	PageSize int

	client.Settings
}

// Client calls one data holder. It is safe for concurrent use.
type Client struct {
	core     *client.Core
	header   http.Header
	pageSize int
}

// New returns a client for cfg. It does not contact the server.
func New(cfg Config) (*Client, error) {
	header, err := staticHeaders(cfg)
	if err != nil {
		return nil, err
	}
	pageSize, err := pageSize(cfg.PageSize)
	if err != nil {
		return nil, err
	}
	var auth client.Authenticator
	if cfg.BearerToken != "" {
		auth = client.Bearer(cfg.BearerToken)
	}
	core, err := client.New(cfg.URL, cfg.Settings, client.CoreOptions{
		Auth: auth, DecodeError: DecodeError, URLSetting: "cdr.url", Secrets: []string{cfg.BearerToken},
		Transport: transport(cfg),
	})
	if err != nil {
		return nil, err
	}
	return &Client{core: core, header: header, pageSize: pageSize}, nil
}

func pageSize(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 0 || n > MaxPageSize:
		return 0, fmt.Errorf("page size %d out of range 1..%d", n, MaxPageSize)
	}
	return n, nil
}

// staticHeaders are the CDS headers sent on every call, but the version
// headers, which depend on the endpoint.
func staticHeaders(cfg Config) (http.Header, error) {
	h := http.Header{}
	authDate := cfg.AuthDate
	if authDate == "" {
		authDate = time.Now().UTC().Format(http.TimeFormat)
	} else if _, err := http.ParseTime(authDate); err != nil {
		return nil, fmt.Errorf("auth date %q is not an HTTP-date such as %q", authDate, "Thu, 16 Jan 2020 16:50:15 GMT")
	}
	h.Set(headerAuthDate, authDate)
	if cfg.CustomerIPAddress == "" {
		return h, nil
	}
	if net.ParseIP(cfg.CustomerIPAddress) == nil {
		return nil, fmt.Errorf("customer IP address %q is not an IP address", cfg.CustomerIPAddress)
	}
	if cfg.ClientHeaders == "" {
		return nil, errors.New("customer IP address set without client headers: x-cds-client-headers is mandatory for customer-present calls")
	}
	h.Set(headerCustomerIP, cfg.CustomerIPAddress)
	h.Set(headerClientHeaders, cfg.ClientHeaders)
	return h, nil
}

// transport adds the mTLS client certificate to the shared transport and
// wraps it to set and check x-fapi-interaction-id.
func transport(cfg Config) func(*http.Transport) (http.RoundTripper, error) {
	return func(t *http.Transport) (http.RoundTripper, error) {
		if err := addClientCert(t, cfg.ClientCertFile, cfg.ClientKeyFile); err != nil {
			return nil, err
		}
		return interactionTransport{next: t}, nil
	}
}

func addClientCert(t *http.Transport, certFile, keyFile string) error {
	if certFile == "" && keyFile == "" {
		return nil
	}
	if certFile == "" || keyFile == "" {
		return errors.New("client certificate and key files must be set together")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return fmt.Errorf("loading client certificate %s and key %s: %w", certFile, keyFile, err)
	}
	t.TLSClientConfig.Certificates = []tls.Certificate{cert}
	return nil
}
