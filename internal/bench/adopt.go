package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/client/obp"
	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// adoptExample is the configuration the adoption run applies.
const adoptExample = "examples/adopt/main.tf"

// adoptResult is one adoption of a bank of N customers with an address, a
// tax residence and an attribute each: the apply that imports everything,
// and the plan after it.
type adoptResult struct {
	customers int
	apply     measurement
	plan      measurement
}

// objects is what the apply adopts.
func (a adoptResult) objects() int { return 4 * a.customers }

// writes counts the requests of the apply other than reads and logins.
func (a adoptResult) writes() int {
	n := 0
	for endpoint, count := range a.apply.requests {
		if !strings.HasPrefix(endpoint, "GET ") && endpoint != loginEndpoint {
			n += count
		}
	}
	return n
}

// measureAdoption fills a fresh sandbox's bank and applies examples/adopt to it.
func measureAdoption(o options, customers int) (adoptResult, error) {
	r := adoptResult{customers: customers}
	srv, err := startSandbox(0)
	if err != nil {
		return r, err
	}
	defer srv.close()
	start := time.Now()
	if err := fillBank(srv.url, customers); err != nil {
		return r, err
	}
	logf("N=%d adopt: filled the bank in %s", customers, formatSeconds(time.Since(start)))
	tf, err := adoptTerraform(o, customers, srv.url)
	if err != nil {
		return r, err
	}
	if err := tf.init(); err != nil {
		return r, err
	}
	for _, step := range []struct {
		run  func() (cmdResult, error)
		into *measurement
	}{{tf.apply, &r.apply}, {tf.plan, &r.plan}} {
		srv.reset()
		res, err := step.run()
		if err != nil {
			return r, err
		}
		*step.into = newMeasurement(res, srv)
	}
	logf("N=%d adopt: apply %s, %d requests, %d writes; plan %s, changes %v",
		customers, formatSeconds(r.apply.wall), r.apply.totalRequests(), r.writes(), formatSeconds(r.plan.wall), r.plan.changes)
	return r, nil
}

func adoptTerraform(o options, customers int, url string) (*terraform, error) {
	example, err := os.ReadFile(adoptExample)
	if err != nil {
		return nil, fmt.Errorf("%w: run the bench from the repository root", err)
	}
	dir, err := filepath.Abs(filepath.Join(o.workDir, strconv.Itoa(customers), "adopt"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{"main.tf": string(example), "terraform.tfvars": fmt.Sprintf("bank_id = %q\n", obpsandbox.DefaultBankID)}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return nil, err
		}
	}
	pluginDir, err := filepath.Abs(o.pluginDir)
	if err != nil {
		return nil, err
	}
	rc, err := filepath.Abs(filepath.Join(o.workDir, "terraformrc"))
	if err != nil {
		return nil, err
	}
	env, err := terraformEnv(os.Environ(), url, rc)
	if err != nil {
		return nil, err
	}
	return &terraform{bin: o.terraform, dir: dir, pluginDir: pluginDir, env: env, parallelism: o.parallelism}, nil
}

// fillBank creates the customers and their children through the API.
func fillBank(url string, customers int) error {
	c, err := obp.New(obp.Config{URL: url, Username: obpsandbox.AdminUsername, Password: obpsandbox.AdminPassword, ConsumerKey: obpsandbox.ConsumerKey})
	if err != nil {
		return err
	}
	ctx := context.Background()
	bank := obpsandbox.DefaultBankID
	for i := range customers {
		cust, err := c.CreateCustomer(ctx, bank, obp.CreateCustomerRequest{LegalName: fmt.Sprintf("Customer %05d", i),
			MobilePhoneNumber: "+44 7700 900000", CustomerNumber: fmt.Sprintf("ADOPT-%05d", i), DobOfDependants: []obp.Time{}})
		if err != nil {
			return err
		}
		if _, err := c.CreateAddress(ctx, bank, cust.CustomerID, obp.Address{Line1: fmt.Sprintf("%d Adopt Street", i), City: "Leeds", CountryCode: "GB", Tags: []string{}}); err != nil {
			return err
		}
		if _, err := c.CreateTaxResidence(ctx, bank, cust.CustomerID, obp.TaxResidence{Domain: "GB", TaxNumber: fmt.Sprintf("TX%05d", i)}); err != nil {
			return err
		}
		if _, err := c.CreateCustomerAttribute(ctx, bank, cust.CustomerID, obp.CustomerAttributeRequest{Name: "SEGMENT", Type: "STRING", Value: "retail"}); err != nil {
			return err
		}
	}
	return nil
}

// writeAdoptTable prints one row per adopted bank.
func writeAdoptTable(w io.Writer, results []adoptResult) {
	writeRow(w, "N", "objects adopted", "apply", "requests", "writes", "logins / processes", "plan after", "changes after")
	writeRow(w, "--:", "--:", "--:", "--:", "--:", "--:", "--:", "---")
	for _, r := range results {
		writeRow(w, fmt.Sprint(r.customers), fmt.Sprint(r.objects()), formatSeconds(r.apply.wall), fmt.Sprint(r.apply.totalRequests()),
			fmt.Sprint(r.writes()), fmt.Sprintf("%d / %d", r.apply.logins, r.apply.processes()),
			formatSeconds(r.plan.wall), map[bool]string{true: "yes", false: "none"}[r.plan.changes])
	}
}
