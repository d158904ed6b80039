// The GoTemplate service: an HTTP server on $PORT (8080 by default).
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Printf("GoTemplate listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, newServer()))
}
