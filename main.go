// Command terraform-provider-openbanking serves the openbanking Terraform provider.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/openbanking/terraform-provider-openbanking/internal/process"
	"github.com/openbanking/terraform-provider-openbanking/internal/provider"
)

// version and commit are set at build time with
// -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "none"
	// processTuning "off" builds the provider without its process tuning
	// (garbage collector pacing, call contexts released after each call):
	// make bench measures what the tuning saves.
	processTuning = "on"
)

func main() {
	debug := flag.Bool("debug", false, "run the provider with support for debuggers like delve")
	printVersion := flag.Bool("version", false, "print the version and commit, then exit")
	flag.Parse()
	if *printVersion {
		fmt.Printf("terraform-provider-openbanking %s (commit %s)\n", version, commit)
		return
	}

	process.QuietLogsUnlessAsked()
	if !*debug {
		process.ExitWhenOrphaned()
	}
	tuned := processTuning != "off"
	if tuned {
		process.TuneGC()
	}
	stop := process.StartProfiles(os.Getenv(process.ProfileDirEnv))
	err := serve(*debug, tuned)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// serve serves the provider until terraform stops it; untuned, through the
// framework's own protocol server.
func serve(debug, tuned bool) error {
	newServer := provider.ProtocolServer(version)
	if !tuned {
		newServer = providerserver.NewProtocol6WithError(provider.New(version)())
	}
	server, err := newServer()
	if err != nil {
		return err
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve("registry.terraform.io/openbanking/openbanking",
		func() tfprotov6.ProviderServer { return server }, opts...)
}
