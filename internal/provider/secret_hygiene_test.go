package provider

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	sbcdr "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	sbivy "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
	sbthredd "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
	sbtruelayer "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

// TestAccSecretHygiene runs the real terraform CLI with TF_LOG=TRACE against
// the sandboxes, with every credential the provider accepts, and checks that
// no credential (nor a token the provider obtained with one) shows up in the
// logs, the output of any command, the state or a plan. It runs three times:
// with every secret as a literal in the configuration, with every secret in
// the provider's environment variables, and against a server whose error
// messages quote the request's credentials, tokens and headers along with
// terminal escape sequences.
func TestAccSecretHygiene(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	tf := findTerraform(t)
	pluginDir := buildProviderMirror(t)

	h := &hygiene{
		env: env, tf: tf, pluginDir: pluginDir,
		obpToken:       directLoginToken(t, env.url),
		obpBearerToken: "obp-oauth2-access-token-" + rand.Text(),
	}
	env.all.OBP.AddBearerToken(h.obpBearerToken, obpsandbox.AdminUsername)

	start := time.Now()
	echo := h.echoServer(t)
	runs := []*hygieneRun{
		{name: "hcl", literal: true, customerNumber: "SH-HCL-0001"},
		{name: "env", literal: false, customerNumber: "SH-ENV-0001"},
		{name: "echo", literal: true, echo: true},
	}
	done := make(chan struct{}, len(runs))
	for _, r := range runs {
		go func() {
			defer func() { done <- struct{}{} }()
			if r.echo {
				r.err = h.runEcho(r, echo.URL)
				return
			}
			r.err = h.run(r)
		}()
	}
	for range runs {
		<-done
	}
	t.Logf("the terraform runs took %s", time.Since(start).Round(time.Millisecond))

	secrets := h.secrets()
	failed := false
	for _, r := range runs {
		if r.err != nil {
			failed = true
			t.Errorf("%s run: %s", r.name, redact(r.err.Error(), secrets))
		}
	}
	if failed {
		t.FailNow()
	}
	// The test's own login, and per run one login in plan and second-plan
	// and two in apply (it plans, then applies with a new provider process).
	if n := len(env.all.OBP.IssuedTokens()); n < 1+2*4 {
		t.Errorf("the sandbox issued %d DirectLogin tokens, fewer than the provider needs for the runs", n)
	}
	if n := len(env.all.TrueLayer.IssuedTokens()); n == 0 {
		t.Error("TrueLayer issued no access token: the truelayer block was not used")
	}

	for _, r := range runs {
		copied := map[string]bool{}
		for _, a := range r.artifacts {
			if a.terminal && bytes.ContainsRune(a.content, 0x1b) {
				t.Errorf("%s run: %s holds a terminal escape sequence", r.name, a.name)
			}
			for _, s := range secrets {
				line := findSecret(a.content, s.value)
				switch {
				case line == 0:
				case a.copiesConfig && s.literal && r.literal:
					copied[s.name] = true
				default:
					t.Errorf("%s run: %s (%s) leaked into %s, line %d", r.name, s.name, mask(s.value), a.name, line)
				}
			}
		}
		if len(copied) > 0 {
			// Terraform's own behaviour, not the provider's: the env run,
			// where nothing is literal, checks the whole JSON plan.
			t.Logf("%s run: terraform writes the literal values of %s from the provider blocks into the JSON plan's configuration.provider_config",
				r.name, strings.Join(slices.Sorted(maps.Keys(copied)), ", "))
		}
	}
}

// hygiene is what both runs share: the sandbox, terraform and the provider
// mirror, and the OBP tokens made for the aliases.
type hygiene struct {
	env            *accEnv
	tf, pluginDir  string
	obpToken       string // a DirectLogin token obtained before the run
	obpBearerToken string // an OAuth2 token the sandbox accepts for the admin
}

type hygieneRun struct {
	name           string
	literal        bool // secrets in the configuration, else in environment variables
	echo           bool // against a server that quotes credentials and escapes in its errors
	customerNumber string

	artifacts []artifact
	err       error
}

// artifact is something a user can see or keep: a log, a command's output, a state or plan.
type artifact struct {
	name    string
	content []byte
	// copiesConfig: terraform writes the configuration's literals here, sensitive or not.
	copiesConfig bool
	// terminal: shown on a terminal, so it must hold no escape sequence.
	terminal bool
}

// secret is a value that must not show up; literal ones are written in the
// configuration of the hcl run.
type secret struct {
	name, value string
	literal     bool
}

// secrets are the credentials of the configuration, the forms they take on
// the wire, and the tokens the sandboxes issued during the runs.
func (h *hygiene) secrets() []secret {
	s := []secret{
		{"OBP password", obpsandbox.AdminPassword, true},
		{"OBP consumer key", obpsandbox.ConsumerKey, true},
		{"OBP DirectLogin token (token)", h.obpToken, true},
		{"OBP bearer token (bearer_token)", h.obpBearerToken, true},
		{"Thredd bearer token", sbthredd.BearerToken, true},
		{"TrueLayer client secret", sbtruelayer.ClientSecret, true},
		{"TrueLayer HTTP Basic credentials", base64.StdEncoding.EncodeToString([]byte(sbtruelayer.ClientID + ":" + sbtruelayer.ClientSecret)), false},
		{"CDR bearer token", sbcdr.BearerToken, true},
		{"Ivy API key", sbivy.APIKey, true},
	}
	for _, tok := range h.env.all.OBP.IssuedTokens() {
		if tok != h.obpToken {
			s = append(s, secret{"OBP DirectLogin token issued to the provider", tok, false})
		}
	}
	for _, tok := range h.env.all.TrueLayer.IssuedTokens() {
		s = append(s, secret{"TrueLayer access token issued to the provider", tok, false})
	}
	return s
}

// run applies the configuration in a fresh directory and collects what terraform left.
func (h *hygiene) run(r *hygieneRun) error {
	dir, err := os.MkdirTemp("", "secret-hygiene-"+r.name+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(h.config(r)), 0o600); err != nil {
		return err
	}
	cliConfig := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		return err
	}
	environ := h.environ(r, cliConfig)
	// The second plan must be empty (-detailed-exitcode 0). The provider
	// calls the APIs in plan, apply and second-plan.
	steps := []struct {
		name     string
		args     []string
		requests bool
	}{
		{"init", []string{"init", "-input=false", "-no-color", "-plugin-dir=" + h.pluginDir}, false},
		{"plan", []string{"plan", "-input=false", "-no-color", "-out=create.tfplan"}, true},
		{"show-plan", []string{"show", "-json", "-no-color", "create.tfplan"}, false},
		{"apply", []string{"apply", "-input=false", "-no-color", "-auto-approve"}, true},
		{"second-plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=second.tfplan"}, true},
		{"show-second-plan", []string{"show", "-json", "-no-color", "second.tfplan"}, false},
		{"show-state", []string{"show", "-json", "-no-color"}, false},
	}
	for _, step := range steps {
		logFile := filepath.Join(dir, step.name+".log")
		cmd := exec.Command(h.tf, step.args...)
		cmd.Dir = dir
		cmd.Env = slices.Concat(environ, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile})
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		runErr := cmd.Run()
		logData, _ := os.ReadFile(logFile)
		r.artifacts = append(r.artifacts,
			artifact{name: "the TF_LOG file of terraform " + step.name, content: logData},
			artifact{name: "stderr of terraform " + step.name, content: stderr.Bytes()},
		)
		if runErr != nil {
			return fmt.Errorf("terraform %s: %w\nstdout:\n%s\nstderr:\n%s",
				strings.Join(step.args, " "), runErr, stdout.String(), stderr.String())
		}
		if step.requests && !bytes.Contains(logData, []byte("API request")) {
			return fmt.Errorf("the TF_LOG file of terraform %s holds no request log of the provider", step.name)
		}
		if !strings.HasSuffix(step.name, "plan") || !strings.HasPrefix(step.name, "show-") {
			r.artifacts = append(r.artifacts, artifact{name: "stdout of terraform " + step.name, content: stdout.Bytes()})
		}
		if strings.HasPrefix(step.name, "show-") {
			if err := r.checkJSON(step.name, stdout.Bytes()); err != nil {
				return err
			}
		}
		if strings.HasPrefix(step.name, "show-") && strings.HasSuffix(step.name, "plan") {
			plan, providerConfig, err := splitProviderConfig(stdout.Bytes())
			if err != nil {
				return fmt.Errorf("terraform %s: %w", step.name, err)
			}
			r.artifacts = append(r.artifacts,
				artifact{name: "the JSON plan of terraform " + step.name + " (without configuration.provider_config)", content: plan},
				artifact{name: "configuration.provider_config of the JSON plan of terraform " + step.name, content: providerConfig, copiesConfig: true},
			)
		}
	}
	states, _ := filepath.Glob(filepath.Join(dir, "terraform.tfstate*"))
	if len(states) == 0 {
		return errors.New("terraform left no terraform.tfstate")
	}
	for _, f := range states {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		r.artifacts = append(r.artifacts, artifact{name: filepath.Base(f), content: data})
	}
	return nil
}

// checkJSON checks that a JSON state or plan holds what every secret gives
// access to, so that a missing value cannot pass for a kept secret.
func (r *hygieneRun) checkJSON(step string, data []byte) error {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("terraform %s printed no JSON: %w", step, err)
	}
	text := string(data)
	for _, want := range []string{
		"data.openbanking_current_user.login", "data.openbanking_current_user.token", "data.openbanking_current_user.bearer",
		"data.openbanking_thredd_accounts.all", "data.openbanking_truelayer_accounts.all",
		"data.openbanking_cdr_accounts.all", "data.openbanking_ivy_accounts.all",
		"openbanking_customer.login", "openbanking_customer.token", "openbanking_customer.bearer",
		"openbanking_customer_address.home", "openbanking_customer_attribute.risk", "openbanking_tax_residence.uk",
	} {
		if !strings.Contains(text, want) {
			return fmt.Errorf("terraform %s: %s is missing", step, want)
		}
	}
	if step == "show-state" && strings.Count(text, `"username":"`+obpsandbox.AdminUsername+`"`) < 3 {
		return fmt.Errorf("terraform %s: the three current users are not %s", step, obpsandbox.AdminUsername)
	}
	return nil
}

// splitProviderConfig parts a JSON plan into configuration.provider_config,
// where terraform writes the provider blocks' literal values (sensitive or
// not), and the rest.
func splitProviderConfig(data []byte) (rest, providerConfig []byte, err error) {
	var plan map[string]any
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, nil, err
	}
	config, _ := plan["configuration"].(map[string]any)
	if config == nil || config["provider_config"] == nil {
		return nil, nil, errors.New("the JSON plan has no configuration.provider_config")
	}
	if providerConfig, err = marshalJSON(config["provider_config"]); err != nil {
		return nil, nil, err
	}
	delete(config, "provider_config")
	rest, err = marshalJSON(plan)
	return rest, providerConfig, err
}

// marshalJSON writes JSON without escaping <, > and &, like terraform.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// environ is the environment of terraform: the test's, without settings of
// the provider or terraform that would change the run, plus the provider's
// variables in the run that takes its secrets from the environment.
func (h *hygiene) environ(r *hygieneRun, cliConfig string) []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "OBP_"), strings.HasPrefix(name, "THREDD_"), strings.HasPrefix(name, "TRUELAYER_"),
			strings.HasPrefix(name, "CDR_"), strings.HasPrefix(name, "IVY_"), strings.HasPrefix(name, "TF_"):
			continue
		}
		out = append(out, kv)
	}
	out = append(out, "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE="+cliConfig, "TF_INPUT=0")
	if r.literal {
		return out
	}
	u := h.env.url
	return append(out,
		"OBP_URL="+u, "OBP_USERNAME="+obpsandbox.AdminUsername, "OBP_PASSWORD="+obpsandbox.AdminPassword,
		"OBP_CONSUMER_KEY="+obpsandbox.ConsumerKey, "OBP_TOKEN="+h.obpToken, "OBP_BEARER_TOKEN="+h.obpBearerToken,
		"OBP_MAX_RETRIES=0",
		"THREDD_URL="+u+sandbox.ThreddPrefix, "THREDD_CLIENT_ID="+sbthredd.ClientID, "THREDD_BEARER_TOKEN="+sbthredd.BearerToken,
		"TRUELAYER_API_URL="+u+sandbox.TrueLayerPrefix, "TRUELAYER_AUTH_URL="+u+sandbox.TrueLayerPrefix,
		"TRUELAYER_CLIENT_ID="+sbtruelayer.ClientID, "TRUELAYER_CLIENT_SECRET="+sbtruelayer.ClientSecret,
		"CDR_URL="+u+sandbox.CDRPrefix, "CDR_BEARER_TOKEN="+sbcdr.BearerToken,
		"IVY_URL="+u+sandbox.IvyPrefix, "IVY_API_KEY="+sbivy.APIKey,
	)
}

// config is the configuration of a run: three OBP providers (DirectLogin,
// DirectLogin token, OAuth2 bearer token), the account APIs, a customer with
// children and data sources through each of them.
func (h *hygiene) config(r *hygieneRun) string {
	var providers string
	if r.literal {
		u := h.env.url
		providers = fmt.Sprintf(`
provider "openbanking" {
  obp {
    url          = %q
    username     = %q
    password     = %q
    consumer_key = %q
    max_retries  = 0
  }
  thredd {
    url          = %q
    client_id    = %q
    bearer_token = %q
  }
  truelayer {
    api_url       = %[8]q
    auth_url      = %[8]q
    client_id     = %q
    client_secret = %q
  }
  cdr {
    url          = %q
    bearer_token = %q
  }
  ivy {
    url     = %q
    api_key = %q
  }
}

provider "openbanking" {
  alias = "token"
  obp {
    url   = %[1]q
    token = %[15]q
  }
}

provider "openbanking" {
  alias = "bearer"
  obp {
    url          = %[1]q
    bearer_token = %[16]q
  }
}
`, u, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey,
			u+sandbox.ThreddPrefix, sbthredd.ClientID, sbthredd.BearerToken,
			u+sandbox.TrueLayerPrefix, sbtruelayer.ClientID, sbtruelayer.ClientSecret,
			u+sandbox.CDRPrefix, sbcdr.BearerToken, u+sandbox.IvyPrefix, sbivy.APIKey,
			h.obpToken, h.obpBearerToken)
	} else {
		// Every setting comes from OBP_*, THREDD_*, TRUELAYER_*, CDR_* and
		// IVY_*. OBP_TOKEN and OBP_BEARER_TOKEN are both set, so each
		// provider blanks the credentials it does not use.
		providers = `
provider "openbanking" {
  obp {
    token        = ""
    bearer_token = ""
  }
}

provider "openbanking" {
  alias = "token"
  obp {
    bearer_token = ""
  }
}

provider "openbanking" {
  alias = "bearer"
  obp {
    token = ""
  }
}
`
	}
	return `terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}
` + providers + fmt.Sprintf(`
locals {
  bank_id = %q
}

data "openbanking_current_user" "login" {}

data "openbanking_current_user" "token" {
  provider = openbanking.token
}

data "openbanking_current_user" "bearer" {
  provider = openbanking.bearer
}

data "openbanking_accounts" "login" {
  bank_id   = local.bank_id
  held_only = true
}

data "openbanking_accounts" "token" {
  provider = openbanking.token
  bank_id  = local.bank_id
}

data "openbanking_accounts" "bearer" {
  provider = openbanking.bearer
  bank_id  = local.bank_id
}

resource "openbanking_customer" "login" {
  bank_id             = local.bank_id
  customer_number     = "%[2]s-L"
  legal_name          = "Secret Hygiene"
  mobile_phone_number = "+44 7700 900200"
  date_of_birth       = "1985-02-03"
}

resource "openbanking_customer_address" "home" {
  bank_id      = openbanking_customer.login.bank_id
  customer_id  = openbanking_customer.login.customer_id
  line_1       = "1 Example Street"
  city         = "London"
  postcode     = "N1 9GU"
  country_code = "GB"
}

resource "openbanking_customer_attribute" "risk" {
  bank_id     = openbanking_customer.login.bank_id
  customer_id = openbanking_customer.login.customer_id
  name        = "RISK_SCORE"
  type        = "DOUBLE"
  value       = "12.5"
}

resource "openbanking_tax_residence" "uk" {
  bank_id     = openbanking_customer.login.bank_id
  customer_id = openbanking_customer.login.customer_id
  domain      = "GB"
  tax_number  = "AB123456C"
}

resource "openbanking_customer" "token" {
  provider            = openbanking.token
  bank_id             = local.bank_id
  customer_number     = "%[2]s-T"
  legal_name          = "Secret Hygiene Token"
  mobile_phone_number = "+44 7700 900201"
  date_of_birth       = "1985-02-04"
}

resource "openbanking_customer" "bearer" {
  provider            = openbanking.bearer
  bank_id             = local.bank_id
  customer_number     = "%[2]s-B"
  legal_name          = "Secret Hygiene Bearer"
  mobile_phone_number = "+44 7700 900202"
  date_of_birth       = "1985-02-05"
}

data "openbanking_thredd_accounts" "all" {
  customer_id = %[3]q
}

data "openbanking_truelayer_accounts" "all" {
  connection_id = %[4]q
}

data "openbanking_cdr_accounts" "all" {}

data "openbanking_ivy_accounts" "all" {}

output "users" {
  value = [
    data.openbanking_current_user.login.username,
    data.openbanking_current_user.token.username,
    data.openbanking_current_user.bearer.username,
  ]
}

output "account_counts" {
  value = {
    obp       = length(data.openbanking_accounts.login.accounts)
    thredd    = length(data.openbanking_thredd_accounts.all.accounts)
    truelayer = length(data.openbanking_truelayer_accounts.all.accounts)
    cdr       = length(data.openbanking_cdr_accounts.all.accounts)
    ivy       = length(data.openbanking_ivy_accounts.all.accounts)
  }
}
`, h.env.bankID, r.customerNumber, sbthredd.CustomerID, sbtruelayer.ConnectionID)
}

// findTerraform is the terraform of the acceptance tests (TF_ACC_TERRAFORM_PATH) or of PATH.
func findTerraform(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH: this test runs the terraform CLI")
	}
	return p
}

// buildProviderMirror builds the provider into a directory for terraform init -plugin-dir.
func buildProviderMirror(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: this test builds the provider binary")
	}
	const version = "0.0.1"
	dir := t.TempDir()
	binary := filepath.Join(dir, "registry.terraform.io", "openbanking", "openbanking", version,
		runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-openbanking_v"+version)
	cmd := exec.Command(goBin, "build", "-ldflags", "-X main.version="+version, "-o", binary,
		"github.com/openbanking/terraform-provider-openbanking")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of the provider: %v\n%s", err, out)
	}
	return dir
}

// directLoginToken logs in as the sandbox admin, as a user would to get a token for OBP_TOKEN.
func directLoginToken(t *testing.T, baseURL string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, baseURL+"/my/logins/direct", http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("DirectLogin", fmt.Sprintf("username=%s, password=%s, consumer_key=%s",
		obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated || out.Token == "" {
		t.Fatalf("DirectLogin: HTTP %d, %v", resp.StatusCode, err)
	}
	return out.Token
}

// findSecret returns the 1-based line of the first occurrence of secret in data, 0 if none.
func findSecret(data []byte, secret string) int {
	i := bytes.Index(data, []byte(secret))
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// mask shows enough of a secret to tell which one it is, and not the secret.
func mask(s string) string {
	if len(s) <= 8 {
		return strings.Repeat("*", len(s))
	}
	return s[:3] + strings.Repeat("*", len(s)-3) + fmt.Sprintf(" (%d chars)", len(s))
}

// redact replaces every secret in s by its masked form, longest first.
func redact(s string, secrets []secret) string {
	values := make([]string, 0, len(secrets))
	for _, sec := range secrets {
		values = append(values, sec.value)
	}
	sort.Slice(values, func(i, j int) bool { return len(values[i]) > len(values[j]) })
	for _, v := range values {
		s = strings.ReplaceAll(s, v, mask(v))
	}
	return s
}

// secretName matches the names of attributes that hold credentials; paths of
// files holding them (client_key_file) are not credentials themselves.
var secretName = regexp.MustCompile(`(^|_)(password|passphrase|secret|token|api_key|apikey|consumer_key|private_key|credentials?)($|_)`)

// TestSecretAttributesAreSensitive walks the schemas terraform receives (the
// provider block, every resource and data source) and requires every
// credential-named attribute to be Sensitive, so terraform hides it in plans.
func TestSecretAttributesAreSensitive(t *testing.T) {
	server, err := ProtocolServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	var secrets []string
	check := func(path string, sensitive bool) {
		secrets = append(secrets, path)
		if !sensitive {
			t.Errorf("%s holds a credential but is not Sensitive", path)
		}
	}
	walkSchemaBlock("provider", resp.Provider.Block, check)
	for name, s := range resp.ResourceSchemas {
		walkSchemaBlock(name, s.Block, check)
	}
	for name, s := range resp.DataSourceSchemas {
		walkSchemaBlock("data."+name, s.Block, check)
	}
	sort.Strings(secrets)
	want := []string{
		"provider.cdr.bearer_token", "provider.ivy.api_key",
		"provider.obp.bearer_token", "provider.obp.consumer_key", "provider.obp.password", "provider.obp.token",
		"provider.thredd.bearer_token", "provider.truelayer.client_secret",
	}
	for _, w := range want {
		if i := sort.SearchStrings(secrets, w); i == len(secrets) || secrets[i] != w {
			t.Errorf("%s was not found among the credential-named attributes %v", w, secrets)
		}
	}
}

// walkSchemaBlock calls check for every credential-named attribute of a
// block, its nested attributes and its nested blocks.
func walkSchemaBlock(path string, b *tfprotov6.SchemaBlock, check func(path string, sensitive bool)) {
	if b == nil {
		return
	}
	for _, a := range b.Attributes {
		walkSchemaAttribute(path+"."+a.Name, a, false, check)
	}
	for _, nb := range b.BlockTypes {
		walkSchemaBlock(path+"."+nb.TypeName, nb.Block, check)
	}
}

// walkSchemaAttribute: an attribute inside a sensitive one is hidden with it.
func walkSchemaAttribute(path string, a *tfprotov6.SchemaAttribute, parentSensitive bool, check func(path string, sensitive bool)) {
	sensitive := parentSensitive || a.Sensitive
	if secretName.MatchString(a.Name) {
		check(path, sensitive)
	}
	if a.NestedType != nil {
		for _, na := range a.NestedType.Attributes {
			walkSchemaAttribute(path+"."+na.Name, na, sensitive, check)
		}
	}
}

// echoServer stands in front of the sandboxes like a hostile or careless
// server: logins and token requests reach the sandboxes, every other request
// is refused with a message that quotes the request's headers and body,
// quotes the DirectLogin token as OBP-20003 does, and carries terminal
// escape sequences. Below /refuse-login even the login is refused that way.
func (h *hygiene) echoServer(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/refuse-login/"):
			echoRefusal(w, r, http.StatusUnauthorized, "OBP-20004: Invalid login credentials.")
		case strings.HasSuffix(r.URL.Path, "/my/logins/direct"), strings.HasSuffix(r.URL.Path, "/connect/token"):
			h.env.all.ServeHTTP(w, r)
		default:
			tok := strings.TrimPrefix(r.Header.Get("DirectLogin"), "token=")
			echoRefusal(w, r, http.StatusBadRequest, "OBP-20003: This DirectLogin token is invalid or expired: "+tok)
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

// echoRefusal answers status with a message every API's error decoder reads.
func echoRefusal(w http.ResponseWriter, r *http.Request, status int, message string) {
	body, _ := io.ReadAll(r.Body)
	var headers []string
	for name, values := range r.Header {
		headers = append(headers, name+": "+strings.Join(values, ", "))
	}
	sort.Strings(headers)
	message += " \x1b[2J\x1b]0;owned\x07\x1b[31mheaders: " + strings.Join(headers, "; ") + "\r\nbody: " + string(body) + "\x1b[0m"
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"code": status, "message": message, "type": "https://errors.example.com/#echo", "title": "Echo", "detail": message,
	})
}

// runEcho plans a configuration whose every request the echo server
// refuses, and keeps what terraform printed and logged: the errors must
// quote neither a credential nor an escape sequence.
func (h *hygiene) runEcho(r *hygieneRun, echoURL string) error {
	dir, err := os.MkdirTemp("", "secret-hygiene-echo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(h.echoConfig(echoURL)), 0o600); err != nil {
		return err
	}
	cliConfig := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		return err
	}
	environ := h.environ(r, cliConfig)
	for _, step := range []struct {
		name string
		args []string
	}{
		{"init", []string{"init", "-input=false", "-no-color", "-plugin-dir=" + h.pluginDir}},
		{"plan", []string{"plan", "-input=false", "-no-color"}},
	} {
		logFile := filepath.Join(dir, step.name+".log")
		cmd := exec.Command(h.tf, step.args...)
		cmd.Dir = dir
		cmd.Env = slices.Concat(environ, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile})
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		runErr := cmd.Run()
		logData, _ := os.ReadFile(logFile)
		r.artifacts = append(r.artifacts,
			artifact{name: "the TF_LOG file of terraform " + step.name, content: logData},
			artifact{name: "stdout of terraform " + step.name, content: stdout.Bytes(), terminal: true},
			artifact{name: "stderr of terraform " + step.name, content: stderr.Bytes(), terminal: true},
		)
		if step.name == "init" && runErr != nil {
			return fmt.Errorf("terraform init: %w\n%s", runErr, stderr.String())
		}
		if step.name == "plan" {
			return checkEchoPlan(runErr, stderr.String())
		}
	}
	return nil
}

// checkEchoPlan: the plan failed with the servers' messages shown redacted.
// The echo server refuses the DirectLogin, which stops the plan at Configure
// before the account APIs are called; their echoes are covered by the client
// tests (TestErrorsCarryNoSecretOrEscape).
func checkEchoPlan(runErr error, stderr string) error {
	if runErr == nil {
		return errors.New("terraform plan succeeded against the echo server")
	}
	for _, want := range []string{"OBP-20004", "[redacted]"} {
		if !strings.Contains(strings.ToLower(stderr), strings.ToLower(want)) {
			return fmt.Errorf("terraform plan's errors do not mention %q:\n%s", want, stderr)
		}
	}
	return nil
}

// echoConfig reads through every credential the provider has from the echo server.
func (h *hygiene) echoConfig(u string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    openbanking = {
      source = "openbanking/openbanking"
    }
  }
}

provider "openbanking" {
  obp {
    url          = "%[1]s/refuse-login"
    username     = %[2]q
    password     = %[3]q
    consumer_key = %[4]q
  }
  thredd {
    url          = "%[1]s%[5]s"
    client_id    = %[6]q
    bearer_token = %[7]q
  }
  truelayer {
    api_url       = "%[1]s%[8]s"
    auth_url      = "%[1]s%[8]s"
    client_id     = %[9]q
    client_secret = %[10]q
  }
  cdr {
    url          = "%[1]s%[11]s"
    bearer_token = %[12]q
  }
  ivy {
    url     = "%[1]s%[13]s"
    api_key = %[14]q
  }
}

provider "openbanking" {
  alias = "login"
  obp {
    url          = %[1]q
    username     = %[2]q
    password     = %[3]q
    consumer_key = %[4]q
  }
}

provider "openbanking" {
  alias = "token"
  obp {
    url   = %[1]q
    token = %[15]q
  }
}

provider "openbanking" {
  alias = "bearer"
  obp {
    url          = %[1]q
    bearer_token = %[16]q
  }
}

data "openbanking_current_user" "refused" {}

data "openbanking_current_user" "login" {
  provider = openbanking.login
}

data "openbanking_current_user" "token" {
  provider = openbanking.token
}

data "openbanking_current_user" "bearer" {
  provider = openbanking.bearer
}

data "openbanking_thredd_accounts" "all" {
  customer_id = %[17]q
}

data "openbanking_truelayer_accounts" "all" {
  connection_id = %[18]q
}

data "openbanking_cdr_accounts" "all" {}

data "openbanking_ivy_accounts" "all" {}
`, u, obpsandbox.AdminUsername, obpsandbox.AdminPassword, obpsandbox.ConsumerKey,
		sandbox.ThreddPrefix, sbthredd.ClientID, sbthredd.BearerToken,
		sandbox.TrueLayerPrefix, sbtruelayer.ClientID, sbtruelayer.ClientSecret,
		sandbox.CDRPrefix, sbcdr.BearerToken, sandbox.IvyPrefix, sbivy.APIKey,
		h.obpToken, h.obpBearerToken, sbthredd.CustomerID, sbtruelayer.ConnectionID)
}
