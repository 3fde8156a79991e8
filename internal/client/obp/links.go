package obp

import (
	"context"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
)

// UserCustomerLink links a user to a customer.
type UserCustomerLink struct {
	UserCustomerLinkID string `json:"user_customer_link_id"`
	CustomerID         string `json:"customer_id"`
	UserID             string `json:"user_id"`
	DateInserted       *Time  `json:"date_inserted"`
	IsActive           bool   `json:"is_active"`
}

// Codes of user-customer link errors.
const (
	CodeUserAlreadyLinked = "OBP-30007"
	CodeLinkNotFound      = "OBP-30035"
)

// CreateUserCustomerLink links a user to a customer of the bank (201). A
// link that exists (OBP-30007) is answered with an *client.ExistsError.
func (c *Client) CreateUserCustomerLink(ctx context.Context, bankID, userID, customerID string) (*UserCustomerLink, error) {
	defer c.lists.invalidate(childKey("links", bankID, customerID))
	path := c.path("banks", bankID, "user_customer_links")
	body := map[string]string{"user_id": userID, "customer_id": customerID}
	got, err := client.CreateOnce(ctx, c.core, client.Create[*UserCustomerLink]{
		Send: func(ctx context.Context, key string) (*UserCustomerLink, error) {
			return postCreate(ctx, c, path, key, body, "user_customer_link_id", func(x *UserCustomerLink) string { return x.UserCustomerLinkID })
		},
		Find: func(ctx context.Context) (*UserCustomerLink, bool, error) {
			list, err := c.listLinks(ctx, bankID, customerID)
			return findFirst(list, err, func(got UserCustomerLink) bool { return got.UserID == userID })
		},
		Exists: func(err error) bool { return client.HasCode(err, CodeUserAlreadyLinked) },
	})
	return claim(c, got, err, func(x *UserCustomerLink) string { return x.UserCustomerLinkID })
}

// ListUserCustomerLinksByCustomer lists a customer's links (no existence check: unknown ids give none).
func (c *Client) ListUserCustomerLinksByCustomer(ctx context.Context, bankID, customerID string) ([]UserCustomerLink, error) {
	return cachedList(ctx, c, childKey("links", bankID, customerID), func(ctx context.Context) ([]UserCustomerLink, error) {
		return c.listLinks(ctx, bankID, customerID)
	})
}

func (c *Client) listLinks(ctx context.Context, bankID, customerID string) ([]UserCustomerLink, error) {
	var out struct {
		Links []UserCustomerLink `json:"user_customer_links"`
	}
	err := c.get(ctx, c.path("banks", bankID, "user_customer_links", "customers", customerID), nil, &out)
	return out.Links, err
}

// ListUserCustomerLinksByUser lists a user's links at a bank.
func (c *Client) ListUserCustomerLinksByUser(ctx context.Context, bankID, userID string) ([]UserCustomerLink, error) {
	var out struct {
		Links []UserCustomerLink `json:"user_customer_links"`
	}
	err := c.get(ctx, c.path("banks", bankID, "user_customer_links", "users", userID), nil, &out)
	return out.Links, err
}

// DeleteUserCustomerLink deletes a link (200 `true`); unknown ids answer 400 OBP-30035.
func (c *Client) DeleteUserCustomerLink(ctx context.Context, bankID, customerID, linkID string) error {
	defer c.lists.invalidate(childKey("links", bankID, customerID))
	return c.deleteTrue(ctx, c.path("banks", bankID, "user_customer_links", linkID))
}
