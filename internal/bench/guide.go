package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
	steps := []struct{ command, flag string }{
		{"apply", ""}, {"plan", ""}, {"plan", "-refresh=false"}, {"plan", "-parallelism=30"},
	}
	for _, s := range steps {
		if err := g.run(tf, g.n, guideVariable, s.command, s.flag); err != nil {
			return err
		}
	}
	config := shapedConfig(g.n, obpsandbox.DefaultBankID, shape{})
	if err := os.WriteFile(filepath.Join(tf.dir, "main.tf"), []byte(config), 0o644); err != nil {
		return err
	}
	return g.run(tf, g.n, guideParent, "plan", "")
}

func (g *guideRun) applyAndPlan(name string, customers int, s shape, label string) error {
	tf, err := g.terraform(name, customers, s)
	if err != nil {
		return err
	}
	if err := g.run(tf, customers, label, "apply", ""); err != nil {
		return err
	}
	return g.run(tf, customers, label, "plan", "")
}

func (g *guideRun) terraform(name string, customers int, s shape) (*terraform, error) {
	dir := filepath.Join(g.o.workDir, "guide", strconv.Itoa(g.n), name)
	tf, err := setupTerraform(g.o, dir, g.o.pluginDir, shapedConfig(customers, obpsandbox.DefaultBankID, s), g.url)
	if err != nil {
		return nil, err
	}
	return tf, tf.init()
}

// run times one command; flag replaces the default parallelism when it sets
// one and is added otherwise. A plan must find nothing to change.
func (g *guideRun) run(tf *terraform, customers int, label, command, flag string) error {
	args := []string{command, "-input=false", "-no-color"}
	switch command {
	case "apply":
		args = append(args, "-auto-approve")
	case "plan":
		args = append(args, "-detailed-exitcode")
	}
	if flag != "" {
		args = append(args, flag)
	}
	if !strings.HasPrefix(flag, "-parallelism=") {
		args = append(args, tf.parallelismFlag())
	}
	res, err := tf.command(command, args, 2)
	if err != nil {
		return err
	}
	if command == "plan" && res.exitCode == 2 {
		return fmt.Errorf("%s: the plan has changes (see %s)", label, filepath.Join(tf.dir, "plan.log"))
	}
	cmdText := "terraform " + command
	if flag != "" {
		cmdText += " " + flag
	}
	row := guideRow{customers: g.n, resources: customers * resourcesPerCustomer, config: label, command: cmdText, res: res}
	logf("N=%d guide: %s, %s: %s, provider CPU %s", g.n, label, cmdText, formatSeconds(res.wall), row.providerCPU())
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
