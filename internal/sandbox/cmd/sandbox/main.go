// Command sandbox runs the in-memory OBP-API and account-API sandboxes on a local address.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/cdr"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/faults"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/ivy"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/obp"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/thredd"
	"github.com/openbanking/terraform-provider-openbanking/internal/sandbox/truelayer"
)

const defaultAddr = "127.0.0.1:18080"

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	addr := flag.String("addr", envOr("SANDBOX_ADDR", defaultAddr), "listen address (env SANDBOX_ADDR)")
	faultSpec := flag.String("faults", os.Getenv("SANDBOX_FAULTS"),
		"faults to inject (env SANDBOX_FAULTS), e.g. latency=20ms,503=0.05,504=0.05,429=0.02,reset-before=0.01,reset-after=0.01,slow-body=50ms,expire-tokens=0.01,seed=1")
	generation := flag.String("obp-server", envOr("SANDBOX_OBP_SERVER", string(obp.Gen2026)),
		"OBP-API server generation to answer like, 2024 or 2026 (env SANDBOX_OBP_SERVER)")
	loginLimit := flag.Int("login-limit", envInt("SANDBOX_LOGIN_LIMIT"),
		"2026 server only: DirectLogins allowed per user and minute before 429 OBP-10061; 0 = no limit (env SANDBOX_LOGIN_LIMIT)")
	flag.Parse()
	cfg, err := faults.Parse(*faultSpec)
	if err != nil {
		return err
	}
	gen, err := obp.ParseGeneration(*generation)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	printBanner(url)

	all := sandbox.NewAll(obp.Options{Generation: gen, LoginLimitPerMinute: *loginLimit})
	all.Faults.Set(cfg)
	fmt.Println("obp server:   ", gen)
	if *loginLimit > 0 {
		fmt.Println("login limit:  ", *loginLimit, "per user and minute")
	}
	if *faultSpec != "" {
		fmt.Println("faults:       ", *faultSpec)
	}
	srv := &http.Server{Handler: all, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func printBanner(url string) {
	fmt.Println("OBP-API and account-API sandboxes (in-memory)")
	fmt.Println("url:          ", url)
	fmt.Println("api version:   v5.1.0 (v5.0.0 also served)")
	fmt.Println("bank:         ", obp.DefaultBankID)
	fmt.Println("consumer key: ", obp.ConsumerKey)
	fmt.Printf("admin:         username=%s password=%s\n", obp.AdminUsername, obp.AdminPassword)
	fmt.Printf("viewer:        username=%s password=%s\n", obp.NoRoleUsername, obp.NoRolePassword)
	fmt.Printf("thredd:        url=%s%s client_id=%s customer_id=%s\n", url, sandbox.ThreddPrefix, thredd.ClientID, thredd.CustomerID)
	fmt.Printf("truelayer:     url=%s%s client_id=%s client_secret=%s connection_id=%s\n",
		url, sandbox.TrueLayerPrefix, truelayer.ClientID, truelayer.ClientSecret, truelayer.ConnectionID)
	fmt.Printf("cdr:           url=%s%s bearer_token=%s\n", url, sandbox.CDRPrefix, cdr.BearerToken)
	fmt.Printf("ivy:           url=%s%s api_key=%s\n", url, sandbox.IvyPrefix, ivy.APIKey)
	fmt.Println("ready:", url)
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// envInt reads a whole number from the environment; unset or invalid is 0.
func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}
