// Package process holds what the provider process sets up before it serves:
// its log levels and optional profiles.
package process

import (
	"os"
	"strings"
)

// Terraform keeps a provider's logs only when TF_LOG or TF_LOG_PROVIDER is
// set; otherwise it reads and discards them. terraform-plugin-go and the
// framework still format every log line, at trace level, for every RPC, which
// costs more CPU than the provider's own work on large configurations.
var sdkLogLevels = []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// QuietLogsUnlessAsked turns the provider's and the SDK's logs off when no
// TF_LOG* variable (nor the acceptance tests' TF_ACC_LOG_PATH) asks for them.
func QuietLogsUnlessAsked() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if value != "" && (strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH") {
			return
		}
	}
	for _, name := range sdkLogLevels {
		_ = os.Setenv(name, "OFF")
	}
}
