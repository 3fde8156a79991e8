package client

import (
	"context"
	"net/http"
)

// StaticHeaders is an Authenticator that sends fixed credential headers
// (an API key, a bearer token, a ready-made token) with every request. A
// refused fixed credential cannot be renewed.
type StaticHeaders http.Header

// Authorize sets the headers on req.
func (h StaticHeaders) Authorize(_ context.Context, req *http.Request) (string, error) {
	for name, values := range h {
		req.Header.Del(name)
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
	return "", nil // the credential is never handed back
}

// Renew reports that fixed credentials cannot be renewed.
func (StaticHeaders) Renew(context.Context, string) (bool, error) { return false, nil }

// Bearer returns the Authorization header of an OAuth2 bearer token.
func Bearer(token string) StaticHeaders {
	return StaticHeaders{"Authorization": {"Bearer " + token}}
}
