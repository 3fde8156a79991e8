package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects bounds the same-origin redirects followed for one request.
const maxRedirects = 5

// RedirectError is a redirect the client refused to follow because it leads
// away from the configured origin (scheme, host and port): following it would
// hand the request's credentials to another server.
type RedirectError struct {
	From, To string
	// Setting names the configuration that holds the URL, e.g. "obp.url".
	Setting string
	// Suggested is the URL to configure instead, when the redirect says it.
	Suggested string
}

func (e *RedirectError) Error() string {
	setting := e.Setting
	if setting == "" {
		setting = "the API URL"
	}
	return fmt.Sprintf("the server redirected %s to %s, another origin; the provider sends credentials only to "+
		"the configured origin and did not follow it. If the API has moved, set %s to %s",
		e.From, e.To, setting, e.Suggested)
}

// IsRedirectRefused reports whether err is a refused cross-origin redirect.
func IsRedirectRefused(err error) bool {
	var re *RedirectError
	return errors.As(err, &re)
}

// pinRedirects returns a copy of hc that follows at most maxRedirects
// redirects, and only within origin; any other redirect is a *RedirectError
// returned before a request (with its headers or body) is sent there.
func pinRedirects(hc *http.Client, base *url.URL, setting string) *http.Client {
	pinned := *hc
	pinned.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		from := via[len(via)-1].URL
		if !sameOrigin(req.URL, base) {
			return &RedirectError{From: from.String(), To: req.URL.String(), Setting: setting,
				Suggested: suggestBase(base, via[0].URL, req.URL)}
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects (last to %s)", maxRedirects, req.URL)
		}
		return nil
	}
	return &pinned
}

// sameOrigin compares scheme, host and port, with default ports made explicit.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// suggestBase is the base URL that the redirect implies: the target with
// the part of the path below the configured base removed, or else the
// target's origin.
func suggestBase(base, first, target *url.URL) string {
	origin := target.Scheme + "://" + target.Host
	below := strings.TrimPrefix(first.Path, strings.TrimRight(base.Path, "/"))
	if below != first.Path || base.Path == "" || base.Path == "/" {
		if prefix, ok := strings.CutSuffix(target.Path, below); ok && below != "" {
			return origin + strings.TrimRight(prefix, "/")
		}
	}
	return origin
}
