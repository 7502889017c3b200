// Command ferretdb-launcher runs FerretDB 1.24 (SQLite backend) through its documented
// embeddable package. We do not `go install` FerretDB's own command: that binary panics at
// start-up because it reads a version file only FerretDB's release build generates
// (FerretDB issue 4001). Used by the test setup and the embedded demo database.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("data", "", "directory for the SQLite database files")
	lifeline := flag.Bool("exit-on-stdin-eof", false,
		"shut down when standard input reaches end of file: the parent's pipe, which the kernel closes however the parent exits")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-data is required")
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		log.Fatal(err)
	}

	// Reading a collection allocates a lot per document, and at the default GOGC=100 the garbage
	// collector took a quarter of FerretDB's CPU. The heap is small (a batch at a time), so collect
	// less often unless GOGC says otherwise.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *addr},
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL (SQLite's advice for WAL): a commit no longer waits for an
		// fsync, only a checkpoint does. Every commit of FerretDB's default (FULL) fsynced, and on
		// a slow disk one fsync of several seconds during a collection's or index's creation held
		// the lock every command takes, ping included (the scheduler tests' CI timeouts). A process
		// crash loses nothing; a power loss can roll back the last commits, never corrupt the file.
		SQLiteURL: "file:" + *dir + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		log.Fatal(err)
	}

	// FERRETDB_CPUPROFILE=<file> writes a Go CPU profile of the whole run, for `go tool pprof`
	// (how the signals backfill's share of FerretDB was split; see tools/ferretdb/patches.json).
	if path := os.Getenv("FERRETDB_CPUPROFILE"); path != "" {
		out, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	// A parent killed before it could stop us (SIGKILL, a signal's default action, a crash) would
	// leave this process holding the data directory; its end of our stdin closes as it dies.
	if *lifeline {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// The parent process waits for this line before it connects.
	fmt.Println("ready", f.MongoDBURI())
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
