package cdr

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// query is a validated Get Accounts request.
type query struct {
	category   string
	openStatus string
	isOwned    *bool
	page       int
	pageSize   int
}

// listResponse is ResponseBankingAccountListV2/V3.
type listResponse struct {
	Data struct {
		Accounts []Account `json:"accounts"`
	} `json:"data"`
	Links links `json:"links"`
	Meta  meta  `json:"meta"`
}

type links struct {
	Self  string `json:"self"`
	First string `json:"first,omitempty"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"`
	Last  string `json:"last,omitempty"`
}

type meta struct {
	TotalRecords int `json:"totalRecords"`
	TotalPages   int `json:"totalPages"`
}

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	version, ok := s.begin(w, r, s.opts.Versions)
	if !ok {
		return
	}
	q, err := s.parseQuery(r.URL.Query(), version)
	if err != nil {
		err.write(w)
		return
	}
	resp, err := s.page(r, q, version)
	if err != nil {
		err.write(w)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// begin checks the credentials, negotiates the version among the versions
// the endpoint serves and checks the headers. On failure it answers and
// returns false.
func (s *Server) begin(w http.ResponseWriter, r *http.Request, versions []int) (int, bool) {
	if err := s.checkAuth(w, r); err != nil {
		s.answerError(w, r, err)
		return 0, false
	}
	version, err := negotiate(r.Header, versions)
	if err != nil {
		err.write(w)
		return 0, false
	}
	w.Header().Set(headerVersion, strconv.Itoa(version))
	if err := s.checkHeaders(r.Header); err != nil {
		err.write(w)
		return 0, false
	}
	return version, true
}

// answerError writes an authentication failure, as a bare JSON string when
// BareStringAuthErrors mimics the observed holder.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, err *apiError) {
	if s.opts.BareStringAuthErrors && err.status == http.StatusUnauthorized && r.Header.Get("Authorization") != "" {
		w.Header().Del("WWW-Authenticate")
		writeJSON(w, http.StatusForbidden, "invalid_token")
		return
	}
	err.write(w)
}

// Query parameters of Get Accounts and of the paged POST endpoints.
var (
	knownParams  = map[string]bool{"product-category": true, "open-status": true, "is-owned": true, "page": true, "page-size": true}
	pagingParams = map[string]bool{"page": true, "page-size": true}
)

func (s *Server) parseQuery(v url.Values, version int) (query, *apiError) {
	q := query{page: 1, pageSize: DefaultPageSize}
	if err := s.checkParams(v, knownParams); err != nil {
		return q, err
	}
	if err := parseFilters(v, version, &q); err != nil {
		return q, err
	}
	return q, s.parsePaging(v, &q)
}

// checkParams refuses a parameter not in known unless AllowUnknownParams.
func (s *Server) checkParams(v url.Values, known map[string]bool) *apiError {
	for name := range v {
		if !s.knownParam(known, name) && !s.opts.AllowUnknownParams {
			return fail(http.StatusBadRequest, CodeFieldInvalid, fmt.Sprintf("Unknown query parameter '%s'.", name))
		}
	}
	return nil
}

// knownParam tells whether name is one of the endpoint's known parameters
// ("cursor" only with LinksCursor).
func (s *Server) knownParam(known map[string]bool, name string) bool {
	return known[name] || name == "cursor" && s.opts.Links == LinksCursor
}

func parseFilters(v url.Values, version int, q *query) *apiError {
	if c := v.Get("product-category"); v.Has("product-category") && !validCategory(c, version) {
		return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'product-category'.")
	}
	q.category = v.Get("product-category")
	switch os := v.Get("open-status"); os {
	case "", "ALL":
		if v.Has("open-status") && os == "" {
			return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'open-status'.")
		}
	case "OPEN", "CLOSED":
		q.openStatus = os
	default:
		return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'open-status'.")
	}
	if v.Has("is-owned") {
		switch strings.ToLower(v.Get("is-owned")) {
		case "true":
			q.isOwned = boolPtr(true)
		case "false":
			q.isOwned = boolPtr(false)
		default:
			return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'is-owned'.")
		}
	}
	return nil
}

func (s *Server) parsePaging(v url.Values, q *query) *apiError {
	if v.Has("page-size") {
		n, ok := positiveInt(v.Get("page-size"))
		if !ok {
			if big, err := strconv.ParseUint(v.Get("page-size"), 10, 64); err == nil && big > 0 {
				return fail(http.StatusBadRequest, CodeInvalidPageSize, fmt.Sprintf("Page size must not exceed %d.", s.opts.MaxPageSize))
			}
			return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'page-size'.")
		}
		if n > s.opts.MaxPageSize {
			return fail(http.StatusBadRequest, CodeInvalidPageSize, fmt.Sprintf("Page size must not exceed %d.", s.opts.MaxPageSize))
		}
		q.pageSize = n
	}
	if s.opts.Links == LinksCursor && v.Has("cursor") {
		return parseCursor(v.Get("cursor"), q)
	}
	if v.Has("page") {
		n, ok := positiveInt(v.Get("page"))
		if !ok {
			return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'page'.")
		}
		q.page = n
	}
	return nil
}

func encodeCursor(page int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("page:" + strconv.Itoa(page)))
}

func parseCursor(c string, q *query) *apiError {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	n, ok := 0, false
	if rest, cut := strings.CutPrefix(string(raw), "page:"); err == nil && cut {
		n, ok = positiveInt(rest)
	}
	if !ok {
		return fail(http.StatusBadRequest, CodeFieldInvalid, "Invalid value for 'cursor'.")
	}
	q.page = n
	return nil
}

// matches applies the filters with the standard's defaults for absent fields.
func (q query) matches(a Account) bool {
	if q.category != "" && a.ProductCategory != q.category {
		return false
	}
	if q.openStatus != "" && a.openStatus() != q.openStatus {
		return false
	}
	return q.isOwned == nil || a.owned() == *q.isOwned
}

func (s *Server) filtered(q query, version int) []Account {
	var out []Account
	for _, a := range s.accounts {
		rendered, ok := a.forVersion(version)
		if ok && q.matches(a) {
			out = append(out, rendered)
		}
	}
	return out
}

func (s *Server) page(r *http.Request, q query, version int) (*listResponse, *apiError) {
	p, err := paginate(s, r, q, s.filtered(q, version))
	if err != nil {
		return nil, err
	}
	resp := &listResponse{Links: p.links, Meta: p.meta}
	resp.Data.Accounts = p.items
	return resp, nil
}

// pageOf is one page of a list with its links and meta.
type pageOf[T any] struct {
	items []T
	links links
	meta  meta
}

// paginate cuts page q.page out of all; a page past the end is an error.
func paginate[T any](s *Server, r *http.Request, q query, all []T) (*pageOf[T], *apiError) {
	total := len(all)
	pages := (total + q.pageSize - 1) / q.pageSize
	if q.page > max(pages, 1) {
		if s.opts.LegacyOutOfRangePage {
			return nil, fail(http.StatusBadRequest, CodeFieldInvalid, "Page is out of range")
		}
		return nil, fail(http.StatusUnprocessableEntity, CodeInvalidPage, fmt.Sprintf("Maximum number of pages: %d", pages))
	}
	start := min((q.page-1)*q.pageSize, total)
	end := min(start+q.pageSize, total)
	return &pageOf[T]{
		items: append(make([]T, 0, end-start), all[start:end]...),
		links: s.links(r, q, pages),
		meta:  meta{TotalRecords: total, TotalPages: pages},
	}, nil
}
