package obp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// DirectLogin logs in once per process and shares the token with every
// concurrent request. A refused token is replaced by one new login, however
// many requests saw it refused. A refused login is never sent again by this
// process: repeating wrong credentials would lock the user's account.
type DirectLogin struct {
	Username, Password, ConsumerKey string
	// Path is where the login is sent; "" is the bare /my/logins/direct.
	Path string

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
	key := d.refusalKey()
	if err, refused := loginRefusals.Load(key); refused {
		return "", err.(error)
	}
	header, err := d.header()
	if err != nil {
		return "", err
	}
	var out struct {
		Token string `json:"token"`
	}
	err = d.core.Do(ctx, client.Request{Method: http.MethodPost, Path: d.path(), Header: header, NoAuth: true, Idempotent: true}, &out)
	if err != nil {
		return "", d.failed(key, err)
	}
	if out.Token == "" {
		return "", fmt.Errorf("DirectLogin as %q: the server answered without a token", d.Username)
	}
	d.core.Redactor().Add(out.Token)
	d.current = out.Token
	d.logins++
	return out.Token, nil
}

func (d *DirectLogin) path() string {
	if d.Path == "" {
		return "/my/logins/direct"
	}
	return d.Path
}

// header is the login header with every value quoted. Values OBP would
// alter or split are refused before anything is sent.
func (d *DirectLogin) header() (http.Header, error) {
	for _, f := range []struct{ name, value string }{
		{"username", d.Username}, {"password", d.Password}, {"consumer key", d.ConsumerKey},
	} {
		if err := CheckDirectLoginValue(f.value); err != nil {
			return nil, &LoginRefusedError{Username: d.Username, Err: fmt.Errorf("the DirectLogin %s %w; nothing was sent", f.name, err)}
		}
	}
	h := http.Header{}
	h.Set("DirectLogin", `username="`+d.Username+`", password="`+d.Password+`", consumer_key="`+d.ConsumerKey+`"`)
	return h, nil
}

// failed wraps a login error and, when the server refused the credentials,
// records the refusal for the rest of the process.
func (d *DirectLogin) failed(key string, err error) error {
	if !refusal(err) {
		return fmt.Errorf("DirectLogin as %q failed: %w", d.Username, err)
	}
	refused := &LoginRefusedError{Username: d.Username, Err: err}
	actual, _ := loginRefusals.LoadOrStore(key, error(refused))
	return actual.(error)
}

// refusal: the server answered the login with a 4xx other than 408 and 429
// (wrong credentials, locked user, unknown consumer, malformed header …).
func refusal(err error) bool {
	apiErr, ok := client.AsAPIError(err)
	if !ok {
		return false
	}
	s := apiErr.StatusCode
	return s >= 400 && s < 500 && s != http.StatusRequestTimeout && s != http.StatusTooManyRequests
}

// loginRefusals maps a refusal key to the *LoginRefusedError of the first
// refused login with those credentials, for the life of the process.
var loginRefusals sync.Map

// refusalKey identifies a server, a user and a credential set without
// keeping the password or consumer key in memory.
func (d *DirectLogin) refusalKey() string {
	sum := sha256.Sum256([]byte(d.Password + "\x00" + d.ConsumerKey))
	return d.core.BaseURL() + "\x00" + d.Username + "\x00" + hex.EncodeToString(sum[:])
}

// LoginRefusedError is a DirectLogin the server refused (or the client
// refused to send). It is returned again, without a request, for every
// later login with the same credentials in this process.
type LoginRefusedError struct {
	Username string
	Err      error
}

func (e *LoginRefusedError) Error() string {
	return fmt.Sprintf("DirectLogin as %q failed: %v (the provider does not send a refused login again, "+
		"so that it cannot lock the account)", e.Username, e.Err)
}

func (e *LoginRefusedError) Unwrap() error { return e.Err }

// IsLoginRefused reports whether err comes from a DirectLogin whose
// credentials were refused: fixing the obp block is the only remedy.
func IsLoginRefused(err error) bool {
	var refused *LoginRefusedError
	return errors.As(err, &refused)
}
