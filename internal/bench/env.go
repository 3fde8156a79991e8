package main

import (
	"os"
	"path/filepath"
	"strings"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// droppedEnv are variables of the caller that would change what terraform or
// the provider does: other API endpoints, credentials and logging.
var droppedEnv = []string{"OBP_", "THREDD_", "TRUELAYER_", "CDR_", "IVY_", "TF_LOG", "TF_CLI_ARGS", "TF_PLUGIN_CACHE"}

// terraformEnv returns the environment of terraform and the provider: the
// caller's, without droppedEnv, with the sandbox's OBP settings. A missing
// TF_CLI_CONFIG_FILE is set to an empty file at defaultRC.
func terraformEnv(base []string, url, defaultRC string) ([]string, error) {
	var env []string
	hasRC := false
	for _, kv := range base {
		if hasAnyPrefix(kv, droppedEnv) {
			continue
		}
		hasRC = hasRC || strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=")
		env = append(env, kv)
	}
	if !hasRC {
		if err := touch(defaultRC); err != nil {
			return nil, err
		}
		env = append(env, "TF_CLI_CONFIG_FILE="+defaultRC)
	}
	return append(env,
		"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"OBP_URL="+url,
		"OBP_USERNAME="+obpsandbox.AdminUsername,
		"OBP_PASSWORD="+obpsandbox.AdminPassword,
		"OBP_CONSUMER_KEY="+obpsandbox.ConsumerKey,
	), nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func touch(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}
