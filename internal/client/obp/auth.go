package obp

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// staticToken sends a fixed credential; it cannot be renewed.
type staticToken struct{ header, value string }

func (s staticToken) Authorize(_ context.Context, req *http.Request) (string, error) {
	req.Header.Set(s.header, s.value)
	return s.value, nil
}

func (staticToken) Renew(context.Context, string) (bool, error) { return false, nil }

// DirectLogin logs in once per process and shares the token with every
// concurrent request. A refused token is replaced by one new login, however
// many requests saw it refused.
type DirectLogin struct {
	Username, Password, ConsumerKey string

	core    *client.Core
	mu      sync.Mutex
	current string
	logins  int
}

// Authorize adds the shared token, logging in first if there is none.
func (d *DirectLogin) Authorize(ctx context.Context, req *http.Request) (string, error) {
	tok, err := d.token(ctx)
	if err != nil {
		return "", err
	}
	req.Header.Set("DirectLogin", "token="+tok)
	return tok, nil
}

// Renew logs in again unless another request already replaced the refused token.
func (d *DirectLogin) Renew(ctx context.Context, used string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.current != used {
		return true, nil
	}
	d.current = ""
	_, err := d.loginLocked(ctx)
	return err == nil, err
}

// Count is the number of logins made.
func (d *DirectLogin) Count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logins
}

func (d *DirectLogin) token(ctx context.Context) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.current != "" {
		return d.current, nil
	}
	return d.loginLocked(ctx)
}

func (d *DirectLogin) loginLocked(ctx context.Context) (string, error) {
	header := http.Header{}
	header.Set("DirectLogin", fmt.Sprintf("username=%s, password=%s, consumer_key=%s", d.Username, d.Password, d.ConsumerKey))
	var out struct {
		Token string `json:"token"`
	}
	err := d.core.Do(ctx, client.Request{Method: http.MethodPost, Path: "/my/logins/direct", Header: header, NoAuth: true, Idempotent: true}, &out)
	if err != nil {
		return "", fmt.Errorf("DirectLogin as %q failed: %w", d.Username, err)
	}
	if out.Token == "" {
		return "", fmt.Errorf("DirectLogin as %q: the server answered without a token", d.Username)
	}
	d.current = out.Token
	d.logins++
	return out.Token, nil
}
