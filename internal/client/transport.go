package client

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// Settings are the connection settings every API client shares. Each typed
// client's Config embeds them.
type Settings struct {
	// Timeout bounds one HTTP request.
	Timeout time.Duration
	// MaxRetries bounds the retries of one request (and the renewals of a
	// refused credential within it).
	MaxRetries int
	// InsecureSkipVerify skips TLS certificate verification (test servers only).
	InsecureSkipVerify bool
	// CAFile is a PEM file of extra certificate authorities to trust.
	CAFile string
	// UserAgent is sent with every request when set.
	UserAgent string
}

// maxConnsPerHost lets terraform's parallel operations reuse connections
// instead of opening a new one per request.
const maxConnsPerHost = 64

// NewHTTPClient returns a client on go-cleanhttp's pooled transport. Its
// redirect policy is set by NewCore, which every request goes through.
func NewHTTPClient(s Settings) (*http.Client, error) {
	c := cleanhttp.DefaultPooledClient()
	c.Timeout = s.Timeout
	t := c.Transport.(*http.Transport)
	t.MaxIdleConnsPerHost = maxConnsPerHost
	t.MaxIdleConns = maxConnsPerHost
	tlsConfig, err := newTLSConfig(s)
	if err != nil {
		return nil, err
	}
	t.TLSClientConfig = tlsConfig
	return c, nil
}

func newTLSConfig(s Settings) (*tls.Config, error) {
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: s.InsecureSkipVerify} //nolint:gosec // opt-in, documented
	if s.CAFile == "" {
		return tlsConfig, nil
	}
	pem, err := os.ReadFile(s.CAFile)
	if err != nil {
		return nil, fmt.Errorf("reading CA file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s holds no PEM certificate", s.CAFile)
	}
	tlsConfig.RootCAs = pool
	return tlsConfig, nil
}
