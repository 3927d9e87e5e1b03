// Command ferretdb runs FerretDB 1.24 embedded: the project's MongoDB-compatible database for
// development and tests. `go install` of FerretDB's own command panics at start (its version.txt
// is not in the module), so we embed the library instead (../../../shared/STACK.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // served only with -pprof, for the bench's profile of the database
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/db/", "SQLite URL of an existing folder")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL (handler postgresql)")
	listen := flag.String("listen", "127.0.0.1:27027", "TCP listen address")
	debug := flag.Bool("debug", false, "log every request")
	pprofAddr := flag.String("pprof", "", "serve Go's profiler on this address (e.g. 127.0.0.1:6060)")
	flag.Parse()

	if *pprofAddr != "" {
		go func() {
			if err := http.ListenAndServe(*pprofAddr, nil); err != nil {
				fmt.Fprintln(os.Stderr, "ferretdb: pprof:", err)
			}
		}()
	}

	// Fail fast with the port number instead of FerretDB's generic listener error.
	if ln, err := net.Listen("tcp", *listen); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: cannot listen on %s: %v\n", *listen, err)
		os.Exit(3)
	} else {
		ln.Close()
	}

	level := slog.LevelWarn
	if *debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Printf("ferretdb listening on %s (%s)\n", *listen, *handler)
	if err := f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}
