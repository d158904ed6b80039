// Package handler holds the GoTemplate functions: each exported func(http.ResponseWriter, *http.Request) of a file
// under api/ answers the route of its file (api/index.go: /api, api/greet.go: /api/greet), as on Vercel.
package handler

import (
	"fmt"
	"net/http"
)

// Handler answers /api.
func Handler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "Hello from GoTemplate!")
}
