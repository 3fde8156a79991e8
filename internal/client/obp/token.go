package obp

import (
	"context"
	"errors"
)

// ErrNoDirectLogin: the client authenticates with a configured token, not
// with DirectLogin credentials, so it has no token of its own to hand out.
var ErrNoDirectLogin = errors.New("the client is not configured with DirectLogin credentials (username, password, consumer key)")

// DirectLoginToken is the client's DirectLogin token, logging in first when
// it has none (one login per client, as for every request).
func (c *Client) DirectLoginToken(ctx context.Context) (string, error) {
	if c.login == nil {
		return "", ErrNoDirectLogin
	}
	return c.login.token(ctx)
}

// Username is the DirectLogin user, "" when the client uses a configured token.
func (c *Client) Username() string {
	if c.login == nil {
		return ""
	}
	return c.login.Username
}
