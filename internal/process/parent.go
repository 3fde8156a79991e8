package process

import (
	"context"
	"log"
	"os"
	"time"
)

// parentCheckInterval is how often the provider looks for its parent.
const parentCheckInterval = time.Second

// ExitWhenOrphaned ends the process soon after terraform, its parent, has
// died: a provider whose terraform was killed has nobody to answer, and
// otherwise keeps running, and holding connections, for many minutes.
func ExitWhenOrphaned() {
	go watchParent(context.Background(), os.Getppid, parentCheckInterval, func() {
		log.Printf("[ERROR] terraform, the parent process, has exited: the provider stops")
		os.Exit(1)
	})
}

// watchParent calls orphaned once getppid answers another parent than at the
// start (the process was re-parented because its parent died). A process
// started by init has no parent to lose and is not watched.
func watchParent(ctx context.Context, getppid func() int, every time.Duration, orphaned func()) {
	parent := getppid()
	if parent <= 1 {
		return
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if getppid() != parent {
				orphaned()
				return
			}
		}
	}
}
