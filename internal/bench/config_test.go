package main

import (
	"strings"
	"testing"
)

func TestWorkloadConfigs(t *testing.T) {
	for _, tc := range []struct {
		workload, kind string
		types          []string
	}{
		{workloadProvider, "openbanking_", []string{"openbanking_customer", "openbanking_customer_address", "openbanking_customer_attribute", "openbanking_tax_residence"}},
		{workloadBaseline, "terraform_data", []string{"terraform_data"}},
	} {
		config, err := workloadConfig(tc.workload, 7, "demo.bank.01")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(config, "\nresource ") + strings.Count(config[:9], "resource "); got != resourcesPerCustomer {
			t.Errorf("%s: %d resource blocks, want %d", tc.workload, got, resourcesPerCustomer)
		}
		if got := strings.Count(config, "count "); got != resourcesPerCustomer {
			t.Errorf("%s: %d count arguments, want %d", tc.workload, got, resourcesPerCustomer)
		}
		for _, want := range append(tc.types, "= 7\n", `"demo.bank.01"`, `format("BENCH-%05d", count.index)`) {
			if !strings.Contains(config, want) {
				t.Errorf("%s: config lacks %q:\n%s", tc.workload, want, config)
			}
		}
		if strings.Contains(config, "%!") {
			t.Errorf("%s: formatting error in config:\n%s", tc.workload, config)
		}
	}
}

func TestWorkloadConfigUnknown(t *testing.T) {
	if _, err := workloadConfig("nope", 1, "b"); err == nil {
		t.Fatal("want an error for an unknown workload")
	}
}

// TestShapedConfigs: every shape refers to the customer from each child once
// (bank_id from the variable) or twice, and repeats with count or for_each.
func TestShapedConfigs(t *testing.T) {
	for _, tc := range []struct {
		s          shape
		repeat     string
		parentRefs int
	}{
		{shape{}, "count = 3\n", 6},
		{shape{bankFromVariable: true}, "count = 3\n", 3},
		{shape{forEach: true, bankFromVariable: true}, "for_each = local.customers\n", 3},
	} {
		config := shapedConfig(3, "demo.bank.01", tc.s)
		if got := strings.Count(config, tc.repeat); got != resourcesPerCustomer {
			t.Errorf("%+v: %d × %q, want %d", tc.s, got, tc.repeat, resourcesPerCustomer)
		}
		if got := strings.Count(config, "= openbanking_customer.c["); got != tc.parentRefs {
			t.Errorf("%+v: %d references to the customer, want %d:\n%s", tc.s, got, tc.parentRefs, config)
		}
		if strings.Contains(config, "%!") || strings.Contains(config, "INDEX") {
			t.Errorf("%+v: formatting error:\n%s", tc.s, config)
		}
	}
}
