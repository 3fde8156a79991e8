package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openbanking/terraform-provider-openbanking/internal/client"
	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
)

// Shared parts of the resources that hang off a customer.

// parentID is bank_id or customer_id of a child: required, changing it means a new child.
func parentID(desc string, v validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: desc + " Changing it creates a new object.",
		Validators:          []validator.String{v},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// childErrorPath points errors about the parent at its attribute.
func childErrorPath(err error) path.Path {
	switch {
	case client.HasCode(err, obp.CodeBankNotFound):
		return path.Root("bank_id")
	case client.HasCode(err, obp.CodeCustomerNotFound):
		return path.Root("customer_id")
	}
	return path.Empty()
}

// isGone: the object (or its customer) no longer exists. OBP answers 404 for a
// missing customer and 400 with the child's own code for a missing child.
func isGone(err error, childNotFound string) bool {
	return client.IsNotFound(err) || client.HasCode(err, childNotFound)
}

// copyOf plans a computed attribute as the planned value of another one.
type copyOf struct{ from path.Path }

var _ planmodifier.String = copyOf{}

func (m copyOf) Description(context.Context) string {
	return fmt.Sprintf("equals %s", m.from)
}

func (m copyOf) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m copyOf) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	var v types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, m.from, &v)...)
	if !resp.Diagnostics.HasError() {
		resp.PlanValue = v
	}
}

// readListedChild refreshes a child that OBP can only list: it picks the child
// out of its customer's list and removes it from state when the child or the
// customer is gone.
func readListedChild[T, M any](ctx context.Context, resp *resource.ReadResponse, id importID, what string,
	all []T, err error, match func(T) bool, convert func(*T) M,
) {
	if client.IsNotFound(err) {
		id.removeGone(ctx, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, path.Empty(), "Could Not Read the Customer's "+what, err)
		return
	}
	found := findFirst(all, match)
	if found == nil {
		id.removeGone(ctx, resp)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, convert(found))...)
}

// findFirst returns the first item that matches, or nil.
func findFirst[T any](items []T, match func(T) bool) *T {
	for i := range items {
		if match(items[i]) {
			return &items[i]
		}
	}
	return nil
}
