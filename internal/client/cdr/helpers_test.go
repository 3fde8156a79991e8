package cdr

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	sandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
)

// accountsKey is the sandbox's counter key of Get Accounts.
const accountsKey = "GET " + sandbox.AccountsPath

// env is a sandbox behind a fault injector and a test server.
type env struct {
	sb     *sandbox.Server
	faults *faults.Injector
	ts     *httptest.Server
}

func newEnv(t *testing.T, opts sandbox.Options) *env {
	t.Helper()
	sb := sandbox.New(opts)
	in := faults.New(sb, nil, faults.AnswerUnder("/", sandbox.AnswerFault))
	ts := httptest.NewServer(in)
	t.Cleanup(ts.Close)
	return &env{sb: sb, faults: in, ts: ts}
}

func newClient(t *testing.T, url string, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{URL: url, BearerToken: sandbox.BearerToken, Settings: client.Settings{Timeout: 10 * time.Second}}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func accounts(t *testing.T, c *Client, f Filter) (*AccountsResult, error) {
	t.Helper()
	return c.Accounts(context.Background(), f)
}

func wantAPIError(t *testing.T, err error, status int, code, message string) *client.APIError {
	t.Helper()
	apiErr, ok := client.AsAPIError(err)
	if !ok {
		t.Fatalf("want *client.APIError %d %s, got %T %v", status, code, err, err)
	}
	if apiErr.StatusCode != status || apiErr.Code != code || apiErr.Message != message {
		t.Fatalf("got HTTP %d code %q message %q, want %d %q %q", apiErr.StatusCode, apiErr.Code, apiErr.Message, status, code, message)
	}
	return apiErr
}

func wantErrorContaining(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}

// toClient converts sandbox accounts (the expected answer).
func toClient(in []sandbox.Account, version int) []Account {
	var out []Account
	for _, a := range in {
		if version < 3 && a.ProductCategory == "BUY_NOW_PAY_LATER" {
			continue
		}
		c := Account{
			AccountID: a.AccountID, CreationDate: a.CreationDate, DisplayName: a.DisplayName, Nickname: a.Nickname,
			OpenStatus: a.OpenStatus, IsOwned: a.IsOwned, AccountOwnership: a.AccountOwnership,
			MaskedNumber: a.MaskedNumber, ProductCategory: a.ProductCategory, ProductName: a.ProductName,
		}
		if version >= 3 {
			c.IsInstalmentDetailAvailable = a.IsInstalmentDetailAvailable
		}
		out = append(out, c)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// pki is a throw-away CA with a server and a client certificate on disk.
type pki struct {
	caFile, certFile, keyFile string
	pool                      *x509.CertPool
	serverCert                []byte
	serverKey                 *ecdsa.PrivateKey
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	dir := t.TempDir()
	caKey := newKey(t)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CDR CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER := sign(t, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	p := &pki{pool: x509.NewCertPool(), serverKey: newKey(t)}
	p.pool.AddCert(caCert)
	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", caDER)
	p.serverCert = sign(t, leaf(2, "localhost", x509.ExtKeyUsageServerAuth), caCert, &p.serverKey.PublicKey, caKey)
	clientKey := newKey(t)
	clientDER := sign(t, leaf(3, "adr software product", x509.ExtKeyUsageClientAuth), caCert, &clientKey.PublicKey, caKey)
	p.certFile = writePEM(t, dir, "client.pem", "CERTIFICATE", clientDER)
	keyDER, err := x509.MarshalECPrivateKey(clientKey)
	if err != nil {
		t.Fatal(err)
	}
	p.keyFile = writePEM(t, dir, "client-key.pem", "EC PRIVATE KEY", keyDER)
	return p
}

func leaf(serial int64, cn string, usage x509.ExtKeyUsage) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sign(t *testing.T, tmpl, parent *x509.Certificate, pub *ecdsa.PublicKey, key *ecdsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixed answers every request with status, headers and body; the
// interaction id is echoed unless headers set one.
func fixed(status int, headers map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-fapi-interaction-id", r.Header.Get("x-fapi-interaction-id"))
		for k, v := range headers {
			if v == "" {
				w.Header().Del(k)
			} else {
				w.Header().Set(k, v)
			}
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

func asAPI(err error) (*client.APIError, bool) { return client.AsAPIError(err) }
