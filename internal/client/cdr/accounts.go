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

// Filter narrows Get Accounts. Empty fields are not sent.
type Filter struct {
	// ProductCategory is product-category, e.g. TRANS_AND_SAVINGS_ACCOUNTS
	// (BUY_NOW_PAY_LATER needs a V3 holder).
	ProductCategory string
	// OpenStatus is open-status: OPEN, CLOSED or ALL (the default).
	OpenStatus string
	// IsOwned is is-owned: owned (true) or not-owned (false) accounts only.
	IsOwned *bool
}

// Account is the union of BankingAccountV2 and BankingAccountV3. Optional
// fields the holder omitted stay empty or nil; enum fields keep any value.
type Account struct {
	AccountID string `json:"accountId"`
	// CreationDate is a DateString (YYYY-MM-DD); some holders send a timestamp.
	CreationDate string `json:"creationDate,omitempty"`
	DisplayName  string `json:"displayName"`
	Nickname     string `json:"nickname,omitempty"`
	// OpenStatus is OPEN or CLOSED; "" when absent (meaning OPEN).
	OpenStatus string `json:"openStatus,omitempty"`
	// IsOwned is nil when absent (meaning true).
	IsOwned          *bool  `json:"isOwned,omitempty"`
	AccountOwnership string `json:"accountOwnership"`
	MaskedNumber     string `json:"maskedNumber"`
	ProductCategory  string `json:"productCategory"`
	ProductName      string `json:"productName"`
	// IsInstalmentDetailAvailable exists in V3 only; nil when absent (meaning false).
	IsInstalmentDetailAvailable *bool `json:"isInstalmentDetailAvailable,omitempty"`
}

// EffectiveOpenStatus applies the standard's default: absent means OPEN.
func (a Account) EffectiveOpenStatus() string {
	if a.OpenStatus == "" {
		return "OPEN"
	}
	return a.OpenStatus
}

// Owned applies the standard's default: absent means true.
func (a Account) Owned() bool { return a.IsOwned == nil || *a.IsOwned }

// InstalmentDetailAvailable applies the standard's default: absent means false.
func (a Account) InstalmentDetailAvailable() bool {
	return a.IsInstalmentDetailAvailable != nil && *a.IsInstalmentDetailAvailable
}

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

// AccountsPage is one page (ResponseBankingAccountListV2/V3); nil Data or
// Meta were absent.
type AccountsPage struct {
	Data *struct {
		Accounts []Account `json:"accounts"`
	} `json:"data"`
	Links Links `json:"links"`
	Meta  *Meta `json:"meta"`
}

// AccountsResult is every account of a Get Accounts call, deduplicated by
// accountId, and the endpoint version the holder served (2 or 3).
type AccountsResult struct {
	Version  int
	Accounts []Account
}

// maxPages bounds a paging loop against a holder that never ends.
const maxPages = 100000

// pageRequest is one Get Accounts request relative to the base URL.
type pageRequest struct {
	page  int
	query url.Values
}

// Accounts reads every page of Get Accounts matching f.
func (c *Client) Accounts(ctx context.Context, f Filter) (*AccountsResult, error) {
	req := pageRequest{page: 1, query: f.values(c.pageSize, 1)}
	res := &AccountsResult{}
	seen := map[string]bool{}
	for {
		page, version, err := c.fetch(ctx, req.query)
		if err != nil {
			return nil, annotate(err)
		}
		if res.Version != 0 && version != res.Version {
			return nil, fmt.Errorf("listing CDR accounts: the holder switched from V%d to V%d between pages", res.Version, version)
		}
		res.Version = version
		res.Accounts = appendNew(res.Accounts, page.Data.Accounts, seen)
		if req.page >= *page.Meta.TotalPages || req.page >= maxPages || len(page.Data.Accounts) == 0 {
			return res, nil
		}
		req = c.next(page.Links.Next, f, req.page+1)
	}
}

func appendNew(out, accounts []Account, seen map[string]bool) []Account {
	for _, a := range accounts {
		if !seen[a.AccountID] {
			seen[a.AccountID] = true
			out = append(out, a)
		}
	}
	return out
}

// values are the query of page of f.
func (f Filter) values(pageSize, page int) url.Values {
	v := url.Values{}
	if f.ProductCategory != "" {
		v.Set("product-category", f.ProductCategory)
	}
	if f.OpenStatus != "" {
		v.Set("open-status", f.OpenStatus)
	}
	if f.IsOwned != nil {
		v.Set("is-owned", strconv.FormatBool(*f.IsOwned))
	}
	v.Set("page", strconv.Itoa(page))
	v.Set("page-size", strconv.Itoa(pageSize))
	return v
}

// fetch reads one page and returns it with the version served.
func (c *Client) fetch(ctx context.Context, query url.Values) (*AccountsPage, int, error) {
	ctx, ex := withExchange(ctx)
	var page AccountsPage
	err := c.core.Do(ctx, client.Request{
		Method: http.MethodGet, Path: accountsPath, Query: query, Header: c.header.Clone(),
	}, &page)
	if err != nil {
		return nil, 0, err
	}
	sentID, header := ex.result()
	if echoed := header.Get(headerInteractionID); echoed != "" && echoed != sentID {
		return nil, 0, fmt.Errorf("GET %s: x-fapi-interaction-id %q does not echo the %q sent", accountsPath, echoed, sentID)
	}
	version, err := servedVersion(header.Get(headerVersion))
	if err != nil {
		return nil, 0, err
	}
	return &page, version, page.check(version)
}

// servedVersion reads the x-v response header.
func servedVersion(raw string) (int, error) {
	if raw == "" {
		return 0, fmt.Errorf("GET %s: the response has no x-v header telling the version served", accountsPath)
	}
	v, err := strconv.Atoi(raw)
	if err != nil || v < MinimumVersion || v > RequestedVersion {
		return 0, fmt.Errorf("GET %s: the holder served x-v %q, outside the requested %d..%d", accountsPath, raw, MinimumVersion, RequestedVersion)
	}
	return v, nil
}

// check validates the required envelope and drops fields version lacks.
func (p *AccountsPage) check(version int) error {
	if p.Data == nil || p.Data.Accounts == nil {
		return fmt.Errorf("GET %s: the response has no data.accounts (not a Get Accounts answer)", accountsPath)
	}
	if p.Meta == nil || p.Meta.TotalPages == nil || p.Meta.TotalRecords == nil {
		return fmt.Errorf("GET %s: the response has no meta.totalRecords/totalPages", accountsPath)
	}
	if version < 3 {
		for i := range p.Data.Accounts {
			p.Data.Accounts[i].IsInstalmentDetailAvailable = nil
		}
	}
	return nil
}

// annotate names the CDR code of an API error and explains a 406.
func annotate(err error) error {
	apiErr, ok := client.AsAPIError(err)
	switch {
	case !ok || apiErr.Code == "":
		return fmt.Errorf("listing CDR accounts: %w", err)
	case apiErr.StatusCode == http.StatusNotAcceptable && apiErr.Code == CodeUnsupportedVersion:
		return fmt.Errorf("listing CDR accounts: the data holder serves neither Get Accounts V%d nor V%d [%s]: %w",
			RequestedVersion, MinimumVersion, apiErr.Code, err)
	}
	return fmt.Errorf("listing CDR accounts [%s]: %w", apiErr.Code, err)
}

var errNoLink = errors.New("no usable link")

// next is the request for page: links.next when it is a usable URI on this
// holder that agrees with the filters, else page computed from the number.
func (c *Client) next(link string, f Filter, page int) pageRequest {
	computed := pageRequest{page: page, query: f.values(c.pageSize, page)}
	query, err := c.linkQuery(link, computed.query)
	if err != nil {
		return computed
	}
	return pageRequest{page: page, query: query}
}

// linkQuery resolves link against the request URI and returns its query,
// completed with the filters it lacks.
func (c *Client) linkQuery(link string, want url.Values) (url.Values, error) {
	if link == "" {
		return nil, errNoLink
	}
	base, err := url.Parse(c.core.BaseURL() + accountsPath)
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
