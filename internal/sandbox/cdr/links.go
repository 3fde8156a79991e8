package cdr

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// links builds the paging links of page q.page out of pages.
func (s *Server) links(r *http.Request, q query, pages int) links {
	l := links{Self: s.link(r, q, q.page)}
	if s.opts.Links == LinksNone {
		return l
	}
	if q.page > 1 {
		l.First, l.Prev = s.link(r, q, 1), s.link(r, q, q.page-1)
	}
	if q.page < pages {
		l.Next, l.Last = s.link(r, q, q.page+1), s.link(r, q, pages)
	}
	return l
}

// link is the URI of one page of the requested endpoint in the configured
// style.
func (s *Server) link(r *http.Request, q query, page int) string {
	v := q.values()
	if s.opts.Links == LinksCursor && page > 1 {
		v.Set("cursor", encodeCursor(page))
	} else {
		v.Set("page", strconv.Itoa(page))
	}
	switch s.opts.Links {
	case LinksRelative:
		return basePath(r) + r.URL.Path + "?" + v.Encode()
	case LinksMalformed:
		return origin(r) + v.Encode()
	}
	return s.baseURL(r) + r.URL.Path + "?" + v.Encode()
}

// values are the filters and page-size of q (always explicit in links).
func (q query) values() url.Values {
	v := url.Values{}
	if q.category != "" {
		v.Set("product-category", q.category)
	}
	if q.openStatus != "" {
		v.Set("open-status", q.openStatus)
	}
	if q.isOwned != nil {
		v.Set("is-owned", strconv.FormatBool(*q.isOwned))
	}
	v.Set("page-size", strconv.Itoa(q.pageSize))
	return v
}

// baseURL is the fully qualified resourceBaseUri the client used.
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return strings.TrimRight(s.opts.BaseURL, "/")
	}
	return origin(r) + basePath(r)
}

func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// basePath is the prefix stripped in front of the sandbox (e.g. "/cdr").
func basePath(r *http.Request) string {
	u, err := url.ParseRequestURI(r.RequestURI)
	if err != nil {
		return ""
	}
	prefix, ok := strings.CutSuffix(u.EscapedPath(), r.URL.EscapedPath())
	if !ok {
		return ""
	}
	return prefix
}
