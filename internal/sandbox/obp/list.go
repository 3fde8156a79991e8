package obp

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

const defaultLimit = 50

// page holds the parsed limit/offset/sort_direction query parameters.
type page struct {
	limit  int
	offset int
	sort   string // "", "asc" or "desc"
}

// queryParam reads a parameter by its name or its legacy obp_ name.
func queryParam(q url.Values, name string) string {
	if v := q.Get(name); v != "" {
		return v
	}
	return q.Get("obp_" + name)
}

// parsePage validates the paging parameters.
func parsePage(q url.Values) (page, error) {
	p := page{limit: defaultLimit}
	if v := queryParam(q, "limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, errFilter(msgFilterLimit)
		}
		p.limit = n
	}
	if v := queryParam(q, "offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errFilter(msgFilterOffset)
		}
		p.offset = n
	}
	if v := strings.ToLower(queryParam(q, "sort_direction")); v != "" {
		if v != "asc" && v != "desc" {
			return p, errFilter(msgFilterSortDirection)
		}
		p.sort = v
	}
	return p, nil
}

// apply sorts (by last_ok_date when asked, stable otherwise) and slices.
func (p page) apply(list []*Customer) []*Customer {
	if p.sort != "" {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := lastOK(list[i]), lastOK(list[j])
			if p.sort == "desc" {
				return a.After(b)
			}
			return a.Before(b)
		})
	}
	return window(p, list)
}

// window returns the page's slice of list: offset, then at most limit items.
func window[T any](p page, list []T) []T {
	if p.offset >= len(list) {
		return nil
	}
	list = list[p.offset:]
	if len(list) > p.limit {
		list = list[:p.limit]
	}
	return list
}

func lastOK(c *Customer) time.Time {
	if c.LastOkDate == nil {
		return time.Time{}
	}
	return *c.LastOkDate
}

// pageOfCustomers parses paging, sets the Range header and returns the page.
func (s *Server) pageOfCustomers(c *call, bankID string) ([]*Customer, error) {
	p, err := c.page()
	if err != nil {
		return nil, err
	}
	return p.apply(s.st.customersAt(bankID)), nil
}

// page parses the paging parameters and sets the Range header.
func (c *call) page() (page, error) {
	p, err := parsePage(c.r.URL.Query())
	if err != nil {
		return p, err
	}
	c.header.Set("Range", "items="+strconv.Itoa(p.offset)+"-"+strconv.Itoa(p.limit))
	return p, nil
}

// listAccess runs the auto-validated checks: auth then roles. The 2024
// server deliberately does not check the bank; the 2026
// one checks it between auth and roles (s.checkBank2026).
func (s *Server) listAccess(c *call, bankID string, roles ...string) error {
	roles = s.opts.Generation.roles(roles...)
	u, err := s.authenticate(c)
	if err != nil {
		return err
	}
	if err := s.checkBank2026(bankID); err != nil {
		return err
	}
	if !s.st.hasAnyRole(u, bankID, roles...) {
		return errMissingRoles(bankID, roles...)
	}
	return nil
}

// listCustomers handles GET /banks/{BANK_ID}/customers (v5.0.0).
func (s *Server) listCustomers(c *call) (int, any, error) {
	return s.listV300(c, c.param("BANK_ID"), roleGetCustomers)
}

// listCustomersAnyBank handles GET /customers (v4.0.0).
func (s *Server) listCustomersAnyBank(c *call) (int, any, error) {
	return s.listV300(c, "", roleGetCustomersAtAnyBank)
}

func (s *Server) listV300(c *call, bankID, role string) (int, any, error) {
	list, err := s.listedCustomers(c, bankID, role)
	if err != nil {
		return 0, nil, err
	}
	out := make([]customerJSONV300, 0, len(list))
	for _, cust := range list {
		out = append(out, toV300(cust))
	}
	return http.StatusOK, map[string]any{"customers": out}, nil
}

// listedCustomers runs the list checks and returns the requested page.
func (s *Server) listedCustomers(c *call, bankID, role string) ([]*Customer, error) {
	if err := s.listAccess(c, bankID, role); err != nil {
		return nil, err
	}
	return s.pageOfCustomers(c, bankID)
}

// listCustomersMinimal handles GET /banks/{BANK_ID}/customers-minimal (v5.0.0).
func (s *Server) listCustomersMinimal(c *call) (int, any, error) {
	bankID := c.param("BANK_ID")
	if err := s.listAccess(c, bankID, roleGetCustomersMinimal); err != nil {
		return 0, nil, err
	}
	list, err := s.pageOfCustomers(c, bankID)
	if err != nil {
		return 0, nil, err
	}
	out := make([]customerMinimalJSON, 0, len(list))
	for _, cust := range list {
		out = append(out, customerMinimalJSON{BankID: cust.BankID, CustomerID: cust.CustomerID})
	}
	return http.StatusOK, map[string]any{"customers": out}, nil
}
