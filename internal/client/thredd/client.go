// Package thredd is the typed client for Thredd Open Banking's "Get All
// Customer Accounts" endpoint, as Thredd's public Open Banking API documents it.
package thredd

import (
	"errors"
	"net/url"

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

	client.Settings
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
	core, err := client.New(cfg.URL, cfg.Settings, client.CoreOptions{
		DecodeError: DecodeError, Auth: headers(cfg), URLSetting: "thredd.url",
		Secrets: []string{cfg.BearerToken},
	})
	if err != nil {
		return nil, err
	}
	return &Client{core: core}, nil
}

// headers are the fixed client-id, partner-id and bearer token; none can be renewed.
func headers(cfg Config) client.StaticHeaders {
	h := client.StaticHeaders{"client-id": {cfg.ClientID}}
	if cfg.PartnerID != "" {
		h["partner-id"] = []string{cfg.PartnerID}
	}
	if cfg.BearerToken != "" {
		h["Authorization"] = []string{"Bearer " + cfg.BearerToken}
	}
	return h
}

// accountsPath is the endpoint path for one customer, with the id escaped.
func accountsPath(customerID string) string {
	return "/api/v1/open-banking/customers/" + url.PathEscape(customerID) + "/accounts"
}
