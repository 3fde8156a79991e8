package cdr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// endpoint is one paged list operation of the standard.
type endpoint struct {
	// name is the standard's name of the operation.
	name string
	// action says what a failure was doing.
	action string
	method string
	path   string
	// requested is sent as x-v; minimum as x-min-v when lower.
	requested int
	minimum   int
	// member names the list inside data.
	member string
}

// The list operations the client calls.
var (
	getAccounts = endpoint{
		name:      "Get Accounts",
		action:    "listing CDR accounts",
		method:    http.MethodGet,
		path:      accountsPath,
		requested: RequestedVersion,
		minimum:   MinimumVersion,
		member:    "accounts",
	}
	getBalancesForAccounts = endpoint{
		name:      "Get Balances For Specific Accounts",
		action:    "reading CDR balances",
		method:    http.MethodPost,
		path:      balancesPath,
		requested: BalancesVersion,
		minimum:   BalancesVersion,
		member:    "balances",
	}
)

// Links are the paging links (LinksPaginated).
type Links struct {
	Self  string `json:"self"`
	First string `json:"first,omitempty"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"`
	Last  string `json:"last,omitempty"`
}

// Meta is MetaPaginated; nil fields were absent.
type Meta struct {
	TotalRecords *int `json:"totalRecords"`
	TotalPages   *int `json:"totalPages"`
}

// lister is the data member of a list answer; items is nil when the list
// was absent.
type lister[T any] interface {
	items() []T
}

// page is one answer of a list operation; nil Data or Meta were absent.
type page[D any] struct {
	Data  *D    `json:"data"`
	Links Links `json:"links"`
	Meta  *Meta `json:"meta"`
}

// listCall is one paged read: the operation, the filters sent with every
// page and the request body, if any.
type listCall struct {
	op     endpoint
	filter url.Values
	body   any
}

// maxPages bounds a paging loop against a holder that never ends.
const maxPages = 100000

// pageRequest is one request of a listCall relative to the base URL.
type pageRequest struct {
	page  int
	query url.Values
}

// list reads every page of call, handing the items of each page and the
// version served to visit, and returns that version.
func list[T any, D lister[T]](ctx context.Context, c *Client, call listCall, visit func([]T, int) error) (int, error) {
	req := pageRequest{page: 1, query: call.values(c.pageSize, 1)}
	version := 0
	for {
		p, served, err := fetch[T, D](ctx, c, call, req.query)
		if err != nil {
			return 0, call.op.annotate(err)
		}
		if version != 0 && served != version {
			return 0, fmt.Errorf("%s: the holder switched from V%d to V%d between pages", call.op.action, version, served)
		}
		version = served
		items := (*p.Data).items()
		if err := visit(items, version); err != nil {
			return 0, err
		}
		if req.page >= *p.Meta.TotalPages || req.page >= maxPages || len(items) == 0 {
			return version, nil
		}
		req = c.next(call, p.Links.Next, req.page+1)
	}
}

// values are the query of page of call.
func (call listCall) values(pageSize, page int) url.Values {
	v := url.Values{}
	for name, values := range call.filter {
		v[name] = append([]string(nil), values...)
	}
	v.Set("page", strconv.Itoa(page))
	v.Set("page-size", strconv.Itoa(pageSize))
	return v
}

// fetch reads one page and returns it with the version served.
func fetch[T any, D lister[T]](ctx context.Context, c *Client, call listCall, query url.Values) (*page[D], int, error) {
	op := call.op
	ctx, ex := withExchange(ctx)
	var p page[D]
	err := c.core.Do(ctx, client.Request{
		Method:     op.method,
		Path:       op.path,
		Query:      query,
		Header:     c.headers(op),
		Body:       call.body,
		Idempotent: true,
	}, &p)
	if err != nil {
		return nil, 0, err
	}
	sentID, header := ex.result()
	if echoed := header.Get(headerInteractionID); echoed != "" && echoed != sentID {
		return nil, 0, fmt.Errorf("%s %s: x-fapi-interaction-id %q does not echo the %q sent", op.method, op.path, echoed, sentID)
	}
	version, err := op.servedVersion(header.Get(headerVersion))
	if err != nil {
		return nil, 0, err
	}
	return &p, version, checkPage[T](op, &p)
}

// headers are the static headers with the version headers of op.
func (c *Client) headers(op endpoint) http.Header {
	h := c.header.Clone()
	h.Set(headerVersion, strconv.Itoa(op.requested))
	if op.minimum < op.requested {
		h.Set(headerMinVersion, strconv.Itoa(op.minimum))
	}
	return h
}

// servedVersion reads the x-v response header.
func (op endpoint) servedVersion(raw string) (int, error) {
	if raw == "" {
		return 0, fmt.Errorf("%s %s: the response has no x-v header telling the version served", op.method, op.path)
	}
	v, err := strconv.Atoi(raw)
	if err != nil || v < op.minimum || v > op.requested {
		return 0, fmt.Errorf("%s %s: the holder served x-v %q, outside the requested %s", op.method, op.path, raw, op.versions())
	}
	return v, nil
}

// versions is the range of versions op accepts, e.g. "2..3" or "1".
func (op endpoint) versions() string {
	if op.minimum == op.requested {
		return strconv.Itoa(op.requested)
	}
	return fmt.Sprintf("%d..%d", op.minimum, op.requested)
}

// checkPage validates the required envelope.
func checkPage[T any, D lister[T]](op endpoint, p *page[D]) error {
	if p.Data == nil || (*p.Data).items() == nil {
		return fmt.Errorf("%s %s: the response has no data.%s (not a %s answer)", op.method, op.path, op.member, op.name)
	}
	if p.Meta == nil || p.Meta.TotalPages == nil || p.Meta.TotalRecords == nil {
		return fmt.Errorf("%s %s: the response has no meta.totalRecords/totalPages", op.method, op.path)
	}
	return nil
}

// annotate names the CDR code of an API error and explains a 406.
func (op endpoint) annotate(err error) error {
	apiErr, ok := client.AsAPIError(err)
	switch {
	case !ok || apiErr.Code == "":
		return fmt.Errorf("%s: %w", op.action, err)
	case apiErr.StatusCode == http.StatusNotAcceptable && apiErr.Code == CodeUnsupportedVersion:
		return fmt.Errorf("%s: the data holder %s [%s]: %w", op.action, op.unsupported(), apiErr.Code, err)
	}
	return fmt.Errorf("%s [%s]: %w", op.action, apiErr.Code, err)
}

// unsupported says which versions of op the holder refused.
func (op endpoint) unsupported() string {
	if op.minimum == op.requested {
		return fmt.Sprintf("does not serve %s V%d", op.name, op.requested)
	}
	return fmt.Sprintf("serves neither %s V%d nor V%d", op.name, op.requested, op.minimum)
}

var errNoLink = errors.New("no usable link")

// next is the request for page: links.next when it is a usable URI on this
// holder that agrees with the filters, else page computed from the number.
func (c *Client) next(call listCall, link string, page int) pageRequest {
	computed := pageRequest{page: page, query: call.values(c.pageSize, page)}
	query, err := c.linkQuery(call.op.path, link, computed.query)
	if err != nil {
		return computed
	}
	return pageRequest{page: page, query: query}
}

// linkQuery resolves link against the request URI of path and returns its
// query, completed with the filters it lacks.
func (c *Client) linkQuery(path, link string, want url.Values) (url.Values, error) {
	if link == "" {
		return nil, errNoLink
	}
	base, err := url.Parse(c.core.BaseURL() + path)
	if err != nil {
		return nil, err
	}
	u, err := base.Parse(link)
	if err != nil || u.Scheme != base.Scheme || u.Host != base.Host || u.EscapedPath() != base.EscapedPath() {
		return nil, errNoLink
	}
	got, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errNoLink
	}
	if !got.Has("page") && !hasUnknown(got, want) {
		return nil, errNoLink // neither the page number nor a cursor
	}
	for name := range want {
		switch {
		case !got.Has(name):
			if name != "page" {
				got.Set(name, want.Get(name))
			}
		case got.Get(name) != want.Get(name):
			return nil, errNoLink
		}
	}
	return got, nil
}

// hasUnknown tells whether got carries a parameter (such as a cursor) that
// the client does not send itself.
func hasUnknown(got, want url.Values) bool {
	for name := range got {
		if !want.Has(name) {
			return true
		}
	}
	return false
}
