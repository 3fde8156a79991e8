package process

import (
	"os"
	"strings"
	"testing"
)

// clearLogEnv empties every TF_LOG* variable for the test.
func clearLogEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH" {
			t.Setenv(name, "")
		}
	}
	for _, name := range sdkLogLevels {
		t.Setenv(name, "")
	}
}

func TestQuietLogsUnlessAsked(t *testing.T) {
	t.Run("nothing asked: logs off", func(t *testing.T) {
		clearLogEnv(t)
		QuietLogsUnlessAsked()
		for _, name := range sdkLogLevels {
			if got := os.Getenv(name); got != "OFF" {
				t.Errorf("%s = %q, want OFF", name, got)
			}
		}
	})
	for _, asked := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_ACC_LOG_PATH"} {
		t.Run(asked+" set: logs kept", func(t *testing.T) {
			clearLogEnv(t)
			t.Setenv(asked, "TRACE")
			QuietLogsUnlessAsked()
			if got := os.Getenv("TF_LOG_SDK"); got != "" {
				t.Errorf("TF_LOG_SDK = %q with %s set, want it untouched", got, asked)
			}
		})
	}
}
