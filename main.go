// Command terraform-provider-openbanking serves the openbanking Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openbanking/terraform-provider-openbanking/internal/process"
	"github.com/openbanking/terraform-provider-openbanking/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	debug := flag.Bool("debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	process.QuietLogsUnlessAsked()
	stop := process.StartProfiles(os.Getenv(process.ProfileDirEnv))
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/openbanking/openbanking",
		Debug:   *debug,
	})
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
