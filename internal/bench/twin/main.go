// Command twin serves a provider with the openbanking provider's name,
// resource types and schemas whose operations do no I/O. It is the floor any
// terraform-plugin-framework provider with these schemas costs terraform;
// make bench measures the provider against it. It runs with the provider's
// process settings and protocol server.
package main

import (
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/openbanking/terraform-provider-openbanking/internal/process"
	"github.com/openbanking/terraform-provider-openbanking/internal/provider"
)

func main() {
	process.QuietLogsUnlessAsked()
	process.ExitWhenOrphaned()
	process.TuneGC()
	stop := process.StartProfiles(os.Getenv(process.ProfileDirEnv))
	err := serve()
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// serve serves the twin until terraform stops it.
func serve() error {
	server, err := provider.ReleasingServer(newTwin())()
	if err != nil {
		return err
	}
	return tf6server.Serve("registry.terraform.io/openbanking/openbanking",
		func() tfprotov6.ProviderServer { return server })
}
