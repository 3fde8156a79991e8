package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	obpsandbox "github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
)

// guideRow is one timed command of the large-configuration measurements.
type guideRow struct {
	customers int
	resources int
	config    string
	command   string
	res       cmdResult
}

func (g guideRow) providerCPU() string {
	return formatSeconds(measurement{providers: g.res.providers}.providerCPU())
}

// guideRun measures the configurations and commands the large-configuration
// guide compares, for one size, against a sandbox without latency.
type guideRun struct {
	o    options
	n    int
	url  string
	rows []guideRow
}

// Names of the measured configurations.
const (
	guideVariable = "count, children take bank_id from a variable"
	guideParent   = "count, children take bank_id from their customer"
	guideForEach  = "for_each, children take bank_id from a variable"
	guideHalf     = "count, bank_id from a variable, half the customers (state split in two)"
)

func measureGuide(o options, n int) ([]guideRow, error) {
	srv, err := startSandbox(0)
	if err != nil {
		return nil, err
	}
	defer srv.close()
	g := &guideRun{o: o, n: n, url: srv.url}
	err = g.countShapes()
	if err == nil {
		err = g.applyAndPlan("for-each", n, shape{forEach: true, bankFromVariable: true}, guideForEach)
	}
	if err == nil {
		err = g.applyAndPlan("half", n/2, shape{bankFromVariable: true}, guideHalf)
	}
	return g.rows, err
}

// countShapes applies the count configuration with bank_id from a variable,
// plans it with the default flags, without refresh and with more
// parallelism, then plans the same objects with bank_id from the customer.
func (g *guideRun) countShapes() error {
	tf, err := g.terraform("count", g.n, shape{bankFromVariable: true})
	if err != nil {
		return err
	}
	wide := *tf
	wide.parallelism = 30
	steps := []struct {
		command string
		run     func() (cmdResult, error)
	}{
		{"terraform apply", tf.apply},
		{"terraform plan", tf.plan},
		{"terraform plan -refresh=false", func() (cmdResult, error) { return tf.planWith("-refresh=false") }},
		{"terraform plan -parallelism=30", wide.plan},
	}
	for _, s := range steps {
		if err := g.run(tf, g.n, guideVariable, s.command, s.run); err != nil {
			return err
		}
	}
	config := shapedConfig(g.n, obpsandbox.DefaultBankID, shape{})
	if err := os.WriteFile(filepath.Join(tf.dir, "main.tf"), []byte(config), 0o644); err != nil {
		return err
	}
	return g.run(tf, g.n, guideParent, "terraform plan", tf.plan)
}

func (g *guideRun) applyAndPlan(name string, customers int, s shape, label string) error {
	tf, err := g.terraform(name, customers, s)
	if err != nil {
		return err
	}
	if err := g.run(tf, customers, label, "terraform apply", tf.apply); err != nil {
		return err
	}
	return g.run(tf, customers, label, "terraform plan", tf.plan)
}

func (g *guideRun) terraform(name string, customers int, s shape) (*terraform, error) {
	dir := filepath.Join(g.o.workDir, "guide", strconv.Itoa(g.n), name)
	tf, err := setupTerraform(g.o, dir, g.o.pluginDir, shapedConfig(customers, obpsandbox.DefaultBankID, s), g.url)
	if err != nil {
		return nil, err
	}
	return tf, tf.init()
}

// run times one command, given as the user would type it. A plan must find
// nothing to change.
func (g *guideRun) run(tf *terraform, customers int, label, command string, do func() (cmdResult, error)) error {
	res, err := do()
	if err != nil {
		return err
	}
	if res.exitCode == 2 {
		return fmt.Errorf("%s: the plan has changes (see %s)", label, filepath.Join(tf.dir, "plan.log"))
	}
	row := guideRow{customers: g.n, resources: customers * resourcesPerCustomer, config: label, command: command, res: res}
	logf("N=%d guide: %s, %s: %s, provider CPU %s", g.n, label, command, formatSeconds(res.wall), row.providerCPU())
	g.rows = append(g.rows, row)
	return nil
}

func writeGuideTable(w io.Writer, rows []guideRow) {
	writeRow(w, "N", "resources", "configuration", "command", "wall", "provider CPU")
	writeRow(w, "--:", "--:", "---", "---", "--:", "--:")
	for _, r := range rows {
		writeRow(w, fmt.Sprint(r.customers), fmt.Sprint(r.resources), r.config, "`"+r.command+"`",
			formatSeconds(r.res.wall), r.providerCPU())
	}
}
