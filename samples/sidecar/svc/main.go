// Command sidecar is the Go half of the sample: an HTTP service the C# app starts next to itself.
//
//	sidecar    listen on a free loopback port, print "listening on http://<address>", serve /greet?name=&lang=
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"runtime"
)

func greet(w http.ResponseWriter, r *http.Request) {
	greeting, ok := greetings[r.URL.Query().Get("lang")]
	if !ok {
		greeting = greetings["en"]
	}
	fmt.Fprintf(w, "%s, %s! (from the Go sidecar, %s/%s)\n", greeting, r.URL.Query().Get("name"), runtime.GOOS, runtime.GOARCH)
}

func main() {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	http.HandleFunc("/greet", greet)
	log.Fatal(http.Serve(listener, nil))
}
