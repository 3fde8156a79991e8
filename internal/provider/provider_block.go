package provider

import (
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// providerBlock declares one block of the provider configuration. The
// declaration drives the block's schema and docs, its environment fallbacks,
// whether the environment alone turns it on, and the errors naming its
// settings.
type providerBlock struct {
	name, desc string
	// switches are the settings whose environment variable, when set, turns
	// the block on without a block in the configuration.
	switches []string
	settings []setting
}

// setting is one attribute of a provider block: a string unless whole or
// boolean says otherwise.
type setting struct {
	attr, env, desc string
	// aliases are other names of env, read after it in this order.
	aliases    []string
	sensitive  bool
	whole      *wholeNumber
	boolean    bool
	validators []validator.String
}

func (b providerBlock) root() path.Path { return path.Root(b.name) }

func (b providerBlock) path(attr string) path.Path { return b.root().AtName(attr) }

// setting returns the declaration of attr; an undeclared attribute has no
// environment variable.
func (b providerBlock) setting(attr string) setting {
	for _, s := range b.settings {
		if s.attr == attr {
			return s
		}
	}
	return setting{attr: attr}
}

// env is the environment variable of attr.
func (b providerBlock) env(attr string) string { return b.setting(attr).env }

// ref names a setting and its environment variable for messages:
// "obp.url (OBP_URL)".
func (b providerBlock) ref(attr string) string {
	return fmt.Sprintf("%s.%s (%s)", b.name, attr, b.env(attr))
}

// configured: the block is used when present or when the environment
// variable of one of its switches is set.
func (b providerBlock) configured(present bool) bool {
	if present {
		return true
	}
	for _, attr := range b.switches {
		if b.setting(attr).getenv() != "" {
			return true
		}
	}
	return false
}

// notConfigured is the advice of a data source whose block is not configured.
func (b providerBlock) notConfigured() string {
	return fmt.Sprintf("add a %s block to the provider or set %s and its credentials in the environment.", b.name, b.env(b.switches[0]))
}

func (b providerBlock) schema() schema.SingleNestedBlock {
	attrs := map[string]schema.Attribute{}
	for _, s := range b.settings {
		attrs[s.attr] = s.schema()
	}
	return schema.SingleNestedBlock{MarkdownDescription: b.desc, Attributes: attrs}
}

func (s setting) schema() schema.Attribute {
	desc := s.desc + " " + s.envDoc()
	switch {
	case s.whole != nil:
		return schema.NumberAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.Number{*s.whole}}
	case s.boolean:
		return schema.BoolAttribute{Optional: true, MarkdownDescription: desc}
	}
	return schema.StringAttribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc, Validators: s.validators}
}

// getenv returns the first non-empty of the setting's variable and its aliases.
func (s setting) getenv() string {
	for _, name := range append([]string{s.env}, s.aliases...) {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// envDoc names the setting's environment variables for the docs.
func (s setting) envDoc() string {
	if len(s.aliases) == 0 {
		return fmt.Sprintf("Environment variable: `%s`.", s.env)
	}
	return fmt.Sprintf("Environment variable: `%s`, or else `%s` (the names OBP's own tools use), in that order.",
		s.env, strings.Join(s.aliases, "`, then `"))
}
