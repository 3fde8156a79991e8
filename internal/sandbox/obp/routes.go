package obp

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/counter"
)

type handlerFunc func(c *call) (status int, body any, err error)

type route struct {
	method    string
	template  string // without the /obp/{version} prefix
	versioned bool
	versions  []string // when set, the only version prefixes that serve the route
	json      bool     // POST/PUT with a JSON body
	handle    handlerFunc
}

// name is the counter key, e.g. "GET /banks/{BANK_ID}".
func (rt route) name() string { return counter.Key(rt.method, rt.template) }

// matchSegments matches path segments against the template; {X} captures.
func (rt route) matchSegments(segs []string) (map[string]string, bool) {
	tpl := strings.Split(strings.TrimPrefix(rt.template, "/"), "/")
	if len(tpl) != len(segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, t := range tpl {
		switch {
		case strings.HasPrefix(t, "{"):
			if segs[i] == "" {
				return nil, false
			}
			params[strings.Trim(t, "{}")] = segs[i]
		case t != segs[i]:
			return nil, false
		}
	}
	return params, true
}

func unescape(seg string) (string, bool) {
	v, err := url.PathUnescape(seg)
	return v, err == nil
}

const (
	customerPath = "/banks/{BANK_ID}/customers/{CUSTOMER_ID}"
	accountPath  = "/banks/{BANK_ID}/accounts/{ACCOUNT_ID}"
)

// routeTable lists every endpoint; literal routes come before wildcard ones.
func (s *Server) routeTable() []route {
	get := func(tpl string, h handlerFunc) route {
		return route{method: http.MethodGet, template: tpl, versioned: true, handle: h}
	}
	withBody := func(method, tpl string, h handlerFunc) route {
		return route{method: method, template: tpl, versioned: true, json: true, handle: h}
	}
	del := func(tpl string, h handlerFunc) route {
		return route{method: http.MethodDelete, template: tpl, versioned: true, handle: h}
	}
	only := func(version string, rt route) route {
		rt.versions = []string{version}
		return rt
	}
	routes := append(s.v6Routes(), []route{
		{method: http.MethodPost, template: "/my/logins/direct", handle: s.directLogin},
		get("/root", s.root),
		get("/banks", bankList(s, (*bank).v400)),
		get("/banks/{BANK_ID}", bankAnswer(s, (*bank).v500)),
		get("/users/current", s.currentUser),
		get("/users/current/user_id", s.currentUserID),
		withBody(http.MethodPost, "/users", s.createUser),
		get("/users/user_id/{USER_ID}", s.getUserByID),
		// v5.1.0 handler; the v4.0.0 username lookup is excluded from v5.1.0.
		only("v5.1.0", get("/users/provider/{PROVIDER}/username/{USERNAME}", s.getUserByProviderAndUsername)),
		only(v600, get("/users/provider/{PROVIDER}/username/{USERNAME}", s.getUserByProviderAndUsername)),
		only("v5.0.0", get("/users/username/{USERNAME}", s.getUserByUsername)),
		get("/my/entitlements", s.myEntitlements),
		withBody(http.MethodPost, "/users/{USER_ID}/entitlements", s.createEntitlement),
		del("/users/{USER_ID}/entitlement/{ENTITLEMENT_ID}", s.deleteEntitlement),
		withBody(http.MethodPost, "/banks/{BANK_ID}/customers", s.createCustomer),
		withBody(http.MethodPost, "/banks/{BANK_ID}/customers/customer-number", customerAnswer(s.findCustomerByNumber, s.withAttributes)),
		get("/banks/{BANK_ID}/customers", s.listCustomers),
		get("/banks/{BANK_ID}/customers-minimal", s.listCustomersMinimal),
		get("/customers", s.listCustomersAnyBank),
		get(customerPath, customerAnswer(s.findCustomer, s.withAttributes)),
		del("/management/cascading"+customerPath, s.deleteCustomerCascade),
		// Customer attributes; the delete route has the literal "customers" segment and no customer id.
		del("/banks/{BANK_ID}/customers/attributes/{CUSTOMER_ATTRIBUTE_ID}", s.deleteCustomerAttribute),
		withBody(http.MethodPost, customerPath+"/attribute", s.createCustomerAttribute),
		withBody(http.MethodPut, customerPath+"/attributes/{CUSTOMER_ATTRIBUTE_ID}", s.updateCustomerAttribute),
		get(customerPath+"/attributes", s.listCustomerAttributes),
		get(customerPath+"/attributes/{CUSTOMER_ATTRIBUTE_ID}", s.getCustomerAttribute),
		// Customer addresses: singular on create.
		withBody(http.MethodPost, customerPath+"/address", s.createAddress),
		get(customerPath+"/addresses", s.listAddresses),
		withBody(http.MethodPut, customerPath+"/addresses/{CUSTOMER_ADDRESS_ID}", s.updateAddress),
		del(customerPath+"/addresses/{CUSTOMER_ADDRESS_ID}", s.deleteAddress),
		// Tax residences: three spellings.
		withBody(http.MethodPost, customerPath+"/tax-residence", s.createTaxResidence),
		get(customerPath+"/tax-residences", s.listTaxResidences),
		del(customerPath+"/tax_residencies/{TAX_RESIDENCE_ID}", s.deleteTaxResidence),
		// Customer attribute definitions: the delete has the id before the category.
		withBody(http.MethodPut, "/banks/{BANK_ID}/attribute-definitions/customer", s.putAttributeDefinition),
		get("/banks/{BANK_ID}/attribute-definitions/customer", s.listAttributeDefinitions),
		del("/banks/{BANK_ID}/attribute-definitions/{ATTRIBUTE_DEFINITION_ID}/customer", s.deleteAttributeDefinition),
		// User-customer links: underscores.
		withBody(http.MethodPost, "/banks/{BANK_ID}/user_customer_links", s.createUserCustomerLink),
		get("/banks/{BANK_ID}/user_customer_links/users/{USER_ID}", s.listLinksByUser),
		get("/banks/{BANK_ID}/user_customer_links/customers/{CUSTOMER_ID}", s.listLinksByCustomer),
		del("/banks/{BANK_ID}/user_customer_links/{USER_CUSTOMER_LINK_ID}", s.deleteUserCustomerLink),
		// Accounts: the v4.0.0 list is a bare array; the core-by-view read is a v5.1.0 handler.
		get("/banks/{BANK_ID}/accounts", s.listAccountsAtBank),
		get("/banks/{BANK_ID}/accounts-held", s.accountsHeld),
		get("/my/accounts", s.myAccounts),
		withBody(http.MethodPut, accountPath, s.createAccount),
		withBody(http.MethodPost, accountPath+"/products/{PRODUCT_CODE}/attribute", s.createAccountAttribute),
		func() route {
			rt := get(accountPath+"/views/{VIEW_ID}", s.getCoreAccountByView)
			rt.versions = []string{"v5.1.0", v600}
			return rt
		}(),
		get(accountPath+"/{VIEW_ID}/account", s.getFullAccount),
		get("/my"+accountPath+"/account", s.getMyCoreAccount),
	}...)
	for _, u := range customerUpdates {
		routes = append(routes, withBody(http.MethodPut, customerPath+"/"+u.suffix, s.updateHandler(u)))
	}
	return routes
}
