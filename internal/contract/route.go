package contract

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// obpRoute is one operation path of the OBP export: /obp/<version><rest>.
type obpRoute struct {
	version  [3]int
	path     string   // as exported, e.g. /obp/v3.1.0/banks/{bankid}/customers/{customerid}/address
	segments []string // rest split at "/", parameters as ""
	template string   // rest with parameters written {}, e.g. /banks/{}/customers/{}/address
	literals int
}

// routeIndex holds the export's routes by method (upper case).
type routeIndex map[string][]obpRoute

var versionedPath = regexp.MustCompile(`^/obp/v(\d+)\.(\d+)\.(\d+)(/.*)?$`)

func parseVersioned(p string) (version [3]int, rest string, ok bool) {
	m := versionedPath.FindStringSubmatch(p)
	if m == nil {
		return version, "", false
	}
	for i := range version {
		version[i], _ = strconv.Atoi(m[i+1])
	}
	return version, m[4], true
}

func newRouteIndex(paths map[string]any) routeIndex {
	ix := routeIndex{}
	for p, item := range paths {
		version, rest, ok := parseVersioned(p)
		if !ok {
			continue
		}
		r := obpRoute{version: version, path: p}
		var tmpl strings.Builder
		for _, seg := range strings.Split(strings.TrimPrefix(rest, "/"), "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				r.segments = append(r.segments, "")
				tmpl.WriteString("/{}")
				continue
			}
			r.segments = append(r.segments, seg)
			tmpl.WriteString("/" + seg)
			r.literals++
		}
		r.template = tmpl.String()
		ops, _ := item.(map[string]any)
		for method := range ops {
			switch m := strings.ToUpper(method); m {
			case "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS":
				ix[m] = append(ix[m], r)
			}
		}
	}
	for _, routes := range ix {
		sort.Slice(routes, func(i, j int) bool { return routes[i].path < routes[j].path })
	}
	return ix
}

// obpMatch is the outcome of looking up a request in the export.
type obpMatch struct {
	found bool
	// route is the exported operation; when found is false but template is set, the operation is
	// exported only under a version later than the request's.
	route    obpRoute
	template string
}

// match finds the exported operation for a request under /obp/<version>/…: the most specific path
// template (most literal segments) that matches, then the latest exported version of it that is not
// later than the request's version.
func (ix routeIndex) match(method, escapedPath string) obpMatch {
	version, rest, ok := parseVersioned(escapedPath)
	if !ok {
		return obpMatch{}
	}
	var segs []string
	for _, s := range strings.Split(strings.TrimPrefix(rest, "/"), "/") {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		segs = append(segs, s)
	}
	best := -1
	var candidates []obpRoute
	for _, r := range ix[method] {
		if !r.matches(segs) {
			continue
		}
		switch {
		case r.literals > best:
			best, candidates = r.literals, []obpRoute{r}
		case r.literals == best:
			candidates = append(candidates, r)
		}
	}
	if len(candidates) == 0 {
		return obpMatch{}
	}
	template := candidates[0].template
	var chosen *obpRoute
	for i, r := range candidates {
		if r.template != template || later(r.version, version) {
			continue
		}
		if chosen == nil || later(r.version, chosen.version) {
			chosen = &candidates[i]
		}
	}
	if chosen == nil {
		return obpMatch{template: template}
	}
	return obpMatch{found: true, route: *chosen, template: template}
}

func (r obpRoute) matches(segs []string) bool {
	if len(segs) != len(r.segments) {
		return false
	}
	for i, lit := range r.segments {
		if lit != "" && lit != segs[i] {
			return false
		}
		if lit == "" && segs[i] == "" {
			return false
		}
	}
	return true
}

func later(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// rewriteVersion returns the request path with its version prefix replaced by the route's.
func (r obpRoute) rewrite(escapedPath string) string {
	_, rest, _ := parseVersioned(escapedPath)
	m := versionedPath.FindStringSubmatch(r.path)
	return "/obp/v" + m[1] + "." + m[2] + "." + m[3] + rest
}
