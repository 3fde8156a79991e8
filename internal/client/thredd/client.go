// Package thredd is the typed client for Thredd Open Banking's "Get All
// Customer Accounts" endpoint (contract §1 of
// shared/reference/account-apis-contract.md).
package thredd

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// Config is what the provider needs to reach Thredd Open Banking.
type Config struct {
	// URL is the API base URL, e.g. https://uat-api.thredd.com.
	URL string
	// ClientID is the program-manager identifier (client-id header, required).
	ClientID string
	// PartnerID is the Mastercard partner configuration (partner-id header);
	// empty means Thredd's default partner.
	PartnerID string
	// BearerToken is an OAuth2 access token, sent as Authorization: Bearer when set.
	BearerToken string

	Timeout            time.Duration
	MaxRetries         int
	InsecureSkipVerify bool
	CAFile             string
	UserAgent          string
}

// Client calls Thredd Open Banking. It is safe for concurrent use.
type Client struct {
	core *client.Core
}

// New returns a client for cfg. It does not contact the server.
func New(cfg Config) (*Client, error) {
	if cfg.ClientID == "" {
		return nil, errors.New("thredd: a client ID is required")
	}
	httpClient, err := client.NewHTTPClient(client.TransportConfig{
		Timeout: cfg.Timeout, InsecureSkipVerify: cfg.InsecureSkipVerify, CAFile: cfg.CAFile,
	})
	if err != nil {
		return nil, err
	}
	core, err := client.NewCore(httpClient, cfg.URL, client.CoreOptions{
		UserAgent: cfg.UserAgent, MaxRetries: cfg.MaxRetries, DecodeError: DecodeError,
		Auth: headerAuth{clientID: cfg.ClientID, partnerID: cfg.PartnerID, bearer: cfg.BearerToken},
	})
	if err != nil {
		return nil, err
	}
	return &Client{core: core}, nil
}

// headerAuth sends the fixed client-id, partner-id and bearer token; none can be renewed.
type headerAuth struct{ clientID, partnerID, bearer string }

// Authorize adds the credential headers to req.
func (a headerAuth) Authorize(_ context.Context, req *http.Request) (string, error) {
	req.Header.Set("client-id", a.clientID)
	if a.partnerID != "" {
		req.Header.Set("partner-id", a.partnerID)
	}
	if a.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+a.bearer)
	}
	return "", nil
}

// Renew reports that fixed credentials cannot be renewed.
func (headerAuth) Renew(context.Context, string) (bool, error) { return false, nil }

// accountsPath is the endpoint path for one customer, with the id escaped.
func accountsPath(customerID string) string {
	return "/api/v1/open-banking/customers/" + url.PathEscape(customerID) + "/accounts"
}
