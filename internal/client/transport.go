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

// TransportConfig configures the HTTP client shared by all requests to one API.
type TransportConfig struct {
	Timeout            time.Duration
	InsecureSkipVerify bool
	CAFile             string
}

// maxConnsPerHost lets terraform's parallel operations reuse connections
// instead of opening a new one per request.
const maxConnsPerHost = 64

// NewHTTPClient returns a client on go-cleanhttp's pooled transport.
func NewHTTPClient(cfg TransportConfig) (*http.Client, error) {
	c := cleanhttp.DefaultPooledClient()
	c.Timeout = cfg.Timeout
	t := c.Transport.(*http.Transport)
	t.MaxIdleConnsPerHost = maxConnsPerHost
	t.MaxIdleConns = maxConnsPerHost
	tlsConfig, err := newTLSConfig(cfg)
	if err != nil {
		return nil, err
	}
	t.TLSClientConfig = tlsConfig
	return c, nil
}

func newTLSConfig(cfg TransportConfig) (*tls.Config, error) {
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: cfg.InsecureSkipVerify} //nolint:gosec // opt-in, documented
	if cfg.CAFile == "" {
		return tlsConfig, nil
	}
	pem, err := os.ReadFile(cfg.CAFile)
	if err != nil {
		return nil, fmt.Errorf("reading CA file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s holds no PEM certificate", cfg.CAFile)
	}
	tlsConfig.RootCAs = pool
	return tlsConfig, nil
}
