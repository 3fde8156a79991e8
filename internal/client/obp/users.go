package obp

import (
	"context"
)

// UserDetails is OBP's UserJsonV400 (a user looked up by an administrator).
type UserDetails struct {
	User
	IsDeleted bool `json:"is_deleted"`
	IsLocked  bool `json:"is_locked"`
}

// Codes of user lookups.
const (
	CodeUserNotFoundByID       = "OBP-20057"
	CodeUserNotFoundByUsername = "OBP-20027"
)

// UserByID reads a user by id (role CanGetAnyUser); unknown ids answer 400 OBP-20057.
func (c *Client) UserByID(ctx context.Context, userID string) (*UserDetails, error) {
	var out UserDetails
	err := c.get(ctx, c.path("users", "user_id", userID), nil, &out)
	return result(&out, err)
}

// UserByUsername reads a user by identity provider and username (v5.1.0, role
// CanGetAnyUser). An empty provider means the server's local provider, read
// from /root. Unknown users answer 404 OBP-20027.
func (c *Client) UserByUsername(ctx context.Context, provider, username string) (*UserDetails, error) {
	if provider == "" {
		root, err := c.Root(ctx)
		if err != nil {
			return nil, err
		}
		provider = root.LocalIdentityProvider
	}
	var out UserDetails
	err := c.get(ctx, c.path("users", "provider", provider, "username", username), nil, &out)
	return result(&out, err)
}
