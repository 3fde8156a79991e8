package obp

import (
	"context"
	"net/http"
)

// AttributeDefinition is OBP's attribute definition. OBP stores
// can_be_seen_on_views ;-joined, so none come back as [""].
type AttributeDefinition struct {
	AttributeDefinitionID string   `json:"attribute_definition_id,omitempty"`
	BankID                string   `json:"bank_id,omitempty"`
	Name                  string   `json:"name"`
	Category              string   `json:"category"`
	Type                  string   `json:"type"`
	Description           string   `json:"description"`
	Alias                 string   `json:"alias"`
	CanBeSeenOnViews      []string `json:"can_be_seen_on_views"`
	IsActive              bool     `json:"is_active"`
}

// CodeAttributeDefinitionNotFound answers deletes of unknown definitions (chained behind OBP-50200).
const CodeAttributeDefinitionNotFound = "OBP-30071"

const definitionsKey = "attribute-definitions/"

// PutCustomerAttributeDefinition creates or updates (by bank, name and
// category) a customer attribute definition; OBP answers 201 for both.
func (c *Client) PutCustomerAttributeDefinition(ctx context.Context, bankID string, d AttributeDefinition) (*AttributeDefinition, error) {
	defer c.lists.invalidatePrefix(definitionsKey)
	var out AttributeDefinition
	path := c.path("banks", bankID, "attribute-definitions", "customer")
	if err := c.put(ctx, path, d, &out); err != nil {
		return nil, err
	}
	return result(&out, requireID(http.MethodPut, path, "attribute_definition_id", out.AttributeDefinitionID))
}

// ListCustomerAttributeDefinitions lists the Customer definitions. OBP answers
// with the definitions of every bank: callers filter on BankID.
func (c *Client) ListCustomerAttributeDefinitions(ctx context.Context, bankID string) ([]AttributeDefinition, error) {
	return cachedList(ctx, c, definitionsKey+bankID, func(ctx context.Context) ([]AttributeDefinition, error) {
		var out struct {
			Attributes []AttributeDefinition `json:"attributes"`
		}
		err := c.get(ctx, c.path("banks", bankID, "attribute-definitions", "customer"), nil, &out)
		return out.Attributes, err
	})
}

// DeleteCustomerAttributeDefinition deletes a definition (id before category in the path; 200 `true`).
func (c *Client) DeleteCustomerAttributeDefinition(ctx context.Context, bankID, definitionID string) error {
	defer c.lists.invalidatePrefix(definitionsKey)
	return c.deleteTrue(ctx, c.path("banks", bankID, "attribute-definitions", definitionID, "customer"))
}
