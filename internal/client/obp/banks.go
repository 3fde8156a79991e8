package obp

import (
	"context"
	"sync"
)

// Bank is OBP's bank JSON (v5.0.0 single bank; v4.0.0 list adds short_name;
// v6.0.0 BankJson600 names the id bank_id, which is read into ID).
// OBP renders empty strings as null; they decode to "".
type Bank struct {
	ID           string      `json:"id"`
	BankID       string      `json:"bank_id"`
	BankCode     string      `json:"bank_code"`
	ShortName    string      `json:"short_name"`
	FullName     string      `json:"full_name"`
	Logo         string      `json:"logo"`
	Website      string      `json:"website"`
	BankRoutings []Routing   `json:"bank_routings"`
	Attributes   []NameValue `json:"attributes"`
}

// Routing is a scheme/address pair (bank or account routing).
type Routing struct {
	Scheme  string `json:"scheme"`
	Address string `json:"address"`
}

// NameValue is a bank attribute.
type NameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Root is the anonymous version information of the server.
type Root struct {
	Version               string `json:"version"`
	VersionStatus         string `json:"version_status"`
	GitCommit             string `json:"git_commit"`
	LocalIdentityProvider string `json:"local_identity_provider"`
}

// User is the current user (GET /users/current).
type User struct {
	UserID       string `json:"user_id"`
	Email        string `json:"email"`
	ProviderID   string `json:"provider_id"`
	Provider     string `json:"provider"`
	Username     string `json:"username"`
	Entitlements struct {
		List []Entitlement `json:"list"`
	} `json:"entitlements"`
}

// Entitlement is a role a user holds, at a bank or system-wide (bank_id "").
type Entitlement struct {
	EntitlementID string `json:"entitlement_id"`
	RoleName      string `json:"role_name"`
	BankID        string `json:"bank_id"`
}

// Root reads the server's version information (anonymous).
func (c *Client) Root(ctx context.Context) (*Root, error) {
	var out Root
	err := c.getPublic(ctx, c.path("root"), &out)
	return result(&out, err)
}

// Banks lists the banks of the server (anonymous).
func (c *Client) Banks(ctx context.Context) ([]Bank, error) {
	var out struct {
		Banks []Bank `json:"banks"`
	}
	err := c.getPublic(ctx, c.path("banks"), &out)
	for i := range out.Banks {
		out.Banks[i].normalize()
	}
	return out.Banks, err
}

// normalize puts v6.0.0's bank_id into ID.
func (b *Bank) normalize() {
	if b.ID == "" {
		b.ID = b.BankID
	}
}

// Bank reads one bank (anonymous); 404 OBP-30001 when unknown.
func (c *Client) Bank(ctx context.Context, bankID string) (*Bank, error) {
	var out Bank
	err := c.getPublic(ctx, c.path("banks", bankID), &out)
	out.normalize()
	return result(&out, err)
}

// bankCheck is the outcome of one client's read of a bank.
type bankCheck struct {
	once sync.Once
	err  error
}

// CheckBank reads bankID once per client and returns that read's error: nil
// when the bank exists. Plans call it for every new object; one request per
// bank reaches the server.
func (c *Client) CheckBank(ctx context.Context, bankID string) error {
	v, _ := c.banks.LoadOrStore(bankID, &bankCheck{})
	check := v.(*bankCheck)
	check.once.Do(func() { _, check.err = c.Bank(ctx, bankID) })
	return check.err
}

// CurrentUser reads the logged-in user with its entitlements.
func (c *Client) CurrentUser(ctx context.Context) (*User, error) {
	var out User
	err := c.get(ctx, c.path("users", "current"), nil, &out)
	return result(&out, err)
}
