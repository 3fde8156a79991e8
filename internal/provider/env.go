package provider

import (
	"fmt"
	"os"
	"strings"
)

// envAliases are the names OBP's own tools give a setting, read in this order
// after the provider's own variable.
var envAliases = map[string][]string{
	"OBP_URL":   {"OBP_BASE_URL", "OBP_API_HOST"},
	"OBP_TOKEN": {"OBP_DIRECT_LOGIN_TOKEN", "OBP_AUTH_TOKEN"},
}

// getenv returns the first non-empty of env and its aliases.
func getenv(env string) string {
	for _, name := range append([]string{env}, envAliases[env]...) {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// anyEnv tells whether any of the variables (or their aliases) is set.
func anyEnv(names ...string) bool {
	for _, n := range names {
		if getenv(n) != "" {
			return true
		}
	}
	return false
}

// envDoc names a setting's environment variables for the schema's descriptions.
func envDoc(env string) string {
	aliases := envAliases[env]
	if len(aliases) == 0 {
		return fmt.Sprintf("Environment variable: `%s`.", env)
	}
	return fmt.Sprintf("Environment variable: `%s`, or else `%s` (the names OBP's own tools use), in that order.",
		env, strings.Join(aliases, "`, then `"))
}
