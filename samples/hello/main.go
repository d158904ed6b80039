// Command hello is a small HTTP service: the GoPack.Sdk sample.
//
//	hello                 serve on :8080 (or :$PORT)
//	hello -version        print the version, commit and build date and exit (--version works too)
//	hello -selftest       serve one request on a loopback port, print the answer and exit
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
)

// dotnet publish stamps these at link time, the goreleaser way:
// -ldflags "-X main.version=$(Version) -X main.commit=<commit> -X main.date=<commit time>".
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

func handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from Go, built by GoPack.Sdk")
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	return mux
}

func main() {
	showVersion := flag.Bool("version", false, "print the version, commit and build date and exit")
	selfTest := flag.Bool("selftest", false, "serve one request on a loopback port, print the answer and exit")
	addr := flag.String("addr", defaultAddr(), "address to listen on")
	flag.Parse()

	switch {
	case *showVersion:
		fmt.Printf("hello %s, commit %s, built at %s\n", version, commit, date)
	case *selfTest:
		if err := runSelfTest(); err != nil {
			fmt.Fprintln(os.Stderr, "selftest:", err)
			os.Exit(1)
		}
	default:
		log.Printf("listening on %s", *addr)
		log.Fatal(http.ListenAndServe(*addr, handler()))
	}
}

func defaultAddr() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8080"
}

func runSelfTest() error {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := &http.Server{Handler: handler()}
	go server.Serve(listener)
	defer server.Close()

	response, err := http.Get("http://" + listener.Addr().String() + "/healthz")
	if err != nil {
		return err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return err
	}
	fmt.Printf("selftest: %d %s", response.StatusCode, body)
	return nil
}
