package contract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReferenceDirEnv overrides where the specifications are read from.
const ReferenceDirEnv = "OPENBANKING_REFERENCE_DIR"

// Specification files, relative to the reference directory.
const (
	OBPSpecFile      = "specs/obp-openapi-v6.0.0.json"
	CDRSpecFile      = "cds_banking.json"
	FinicitySpecFile = "specs/mastercard-openbanking-us.yaml"
)

// sources says where each specification comes from; the files are public and used unmodified.
var sources = map[string]string{
	OBPSpecFile: "github.com/nemozak1/OBP-SDKs openapi-spec/obp-openapi.json at commit " +
		"7a88df52bf640d8508504cd0b353459b497ac2af (OBP-API's OpenAPI 3.1 export, v6.0.0)",
	CDRSpecFile: "github.com/ConsumerDataStandardsAustralia/standards docs/includes/swagger/cds_banking.json " +
		"at commit 45f31a807cf6770456eb26aa2c68003d634ea53c (CDS Banking 1.36.0)",
	FinicitySpecFile: "github.com/Mastercard/open-banking-us-openapi openbanking-us.yaml at commit " +
		"124892180f2634e85f416e07006c405fa57f7386 (Mastercard Open Finance US 1.42.0)",
}

// ErrMissing reports specification files that are not where the check looks for them.
var ErrMissing = errors.New("contract: specification files missing")

// ReferenceDir returns the directory holding the specifications: $OPENBANKING_REFERENCE_DIR, else
// ../shared/reference next to the repository root (the directory holding go.mod).
func ReferenceDir() (string, error) {
	if dir := os.Getenv(ReferenceDirEnv); dir != "" {
		return dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "reference"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("contract: no go.mod above %s; set %s", wd, ReferenceDirEnv)
		}
		dir = parent
	}
}

// checkFiles returns an ErrMissing error naming every missing file, where to put it and where it
// comes from, or nil when all are present.
func checkFiles(dir string) error {
	var missing []string
	for _, f := range []string{OBPSpecFile, CDRSpecFile, FinicitySpecFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			missing = append(missing, fmt.Sprintf("  %s\n    from %s", filepath.Join(dir, f), sources[f]))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%w: put the public OpenAPI files, unmodified, at\n%s\n(or set %s to a directory "+
		"laid out the same way)", ErrMissing, strings.Join(missing, "\n"), ReferenceDirEnv)
}

// inCI reports whether the tests run in continuous integration, where missing files are a failure.
func inCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "false" && v != "0"
}
