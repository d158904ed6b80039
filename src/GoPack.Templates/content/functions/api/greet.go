package handler

import (
	"fmt"
	"net/http"
)

// Greet answers /api/greet?name=...
func Greet(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	fmt.Fprintf(w, "Hello, %s!\n", name)
}
