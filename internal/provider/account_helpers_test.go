package provider

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// countAccounts asserts how many accounts a data source read.
func countAccounts(addr string, want int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		if got := stateAttr(s, addr, "accounts.#"); got != strconv.Itoa(want) {
			return fmt.Errorf("%s read %s accounts, want %d", addr, got, want)
		}
		return nil
	}
}
