package handler

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func call(f http.HandlerFunc, target string) string {
	response := httptest.NewRecorder()
	f(response, httptest.NewRequest(http.MethodGet, target, nil))
	return response.Body.String()
}

func TestHandler(t *testing.T) {
	if got := call(Handler, "/api"); got != "Hello from GoTemplate!\n" {
		t.Fatalf("/api = %q", got)
	}
}

func TestGreet(t *testing.T) {
	if got := call(Greet, "/api/greet?name=Go"); got != "Hello, Go!\n" {
		t.Fatalf("/api/greet?name=Go = %q", got)
	}
	if got := call(Greet, "/api/greet"); got != "Hello, world!\n" {
		t.Fatalf("/api/greet = %q", got)
	}
}
