// Command ferretdb-launcher runs FerretDB 1.24 (SQLite backend) through its documented
// embeddable package. We do not `go install` FerretDB's own command: that binary panics at
// start-up because it reads a version file only FerretDB's release build generates
// (FerretDB issue 4001). Used by the test setup and the embedded demo database.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("data", "", "directory for the SQLite database files")
	lifeline := flag.Bool("exit-on-stdin-eof", false,
		"shut down when standard input reaches end of file: the parent's pipe, which the kernel closes however the parent exits")
	socket := flag.String("lifeline", "",
		"a Unix socket through which other processes share this server (see holders below); implies -exit-on-stdin-eof")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-data is required")
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		log.Fatal(err)
	}

	// Once the parent is gone, stderr may be a pipe nobody reads: a write to it must fail quietly
	// (EPIPE) rather than kill the server that other processes still use (SIGPIPE's default).
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	logs := &switchable{}
	logs.w.Store(&writer{os.Stderr})
	log.SetOutput(logs)

	var shared net.Listener
	if *socket != "" {
		*lifeline = true
		var err error
		if shared, err = claim(*dir, *socket); errors.Is(err, errBusy) {
			// Another launcher serves this directory (or is starting to): the parent shares it.
			fmt.Println("busy")
			os.Exit(0)
		} else if err != nil {
			log.Fatal(err)
		}
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
		Logger:   slog.New(slog.NewTextHandler(logs, nil)),
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
	h := &holders{stop: stop}
	if *lifeline {
		h.add()
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			// The parent has let go. If others still hold the server, say so on stdout (the parent
			// may be waiting for it) and stop writing to pipes the parent no longer reads.
			if h.release() {
				fmt.Println("released")
				logs.w.Store(&writer{io.Discard})
			}
		}()
	}
	if shared != nil {
		defer os.Remove(*socket)
		go h.serve(shared, f.MongoDBURI())
	}

	// The parent process waits for this line before it connects.
	fmt.Println("ready", f.MongoDBURI())
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

// One launcher per data directory: FerretDB caches which collections exist, so two servers over
// one directory would each miss what the other creates. The launcher that holds an exclusive lock
// on `<data>/launcher.lock` serves the directory (the kernel releases the lock however it exits);
// any other process of ours shares it through the lifeline socket.
var errBusy = errors.New("another launcher serves this directory")

func claim(dir, socket string) (net.Listener, error) {
	lock, err := os.OpenFile(filepath.Join(dir, "launcher.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	// Kept open (and so locked) until the process exits.
	if err := lockExclusive(lock); errors.Is(err, errBusy) {
		lock.Close()
		return nil, errBusy
	} else if err != nil {
		log.Printf("not shared with other processes: %v", err)
		lock.Close()
		return nil, nil
	}
	// Holding the lock, any socket file left is a dead launcher's.
	_ = os.Remove(socket)
	ln, err := net.Listen("unix", socket)
	if err != nil {
		// A file system without Unix sockets: serve this process alone, as before sharing, and let
		// the others start their own rather than wait for a socket that will never answer.
		log.Printf("not shared with other processes: %v", err)
		lock.Close()
		return nil, nil
	}
	_ = os.Chmod(socket, 0o600)
	return ln, nil
}

// holders counts the processes using this server: the parent (through stdin) and each open
// lifeline connection. When the last lets go the server shuts down, and a connection that comes
// after that is closed unanswered, so its process starts a launcher of its own.
type holders struct {
	mu      sync.Mutex
	count   int
	closing bool
	stop    func()
}

func (h *holders) add() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing {
		return false
	}
	h.count++
	return true
}

// release drops one holder and reports whether others remain; with none, it stops the server.
func (h *holders) release() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.count--
	if h.count > 0 {
		return true
	}
	h.closing = true
	h.stop()
	return false
}

// serve answers each connection with "ok <uri>" and holds the server for it until it closes.
func (h *holders) serve(ln net.Listener, uri string) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			if !h.add() {
				return
			}
			if _, err := fmt.Fprintf(conn, "ok %s\n", uri); err == nil {
				_, _ = io.Copy(io.Discard, bufio.NewReader(conn))
			}
			h.release()
		}()
	}
}

// switchable is the log output: stderr, then nothing once the parent has gone.
type writer struct{ io.Writer }
type switchable struct{ w atomic.Pointer[writer] }

func (s *switchable) Write(p []byte) (int, error) {
	_, _ = s.w.Load().Write(p)
	return len(p), nil
}
