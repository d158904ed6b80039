package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func get(t *testing.T, path string) (int, string) {
	t.Helper()
	response := httptest.NewRecorder()
	newServer().ServeHTTP(response, httptest.NewRequest(http.MethodGet, path, nil))
	body, err := io.ReadAll(response.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return response.Code, string(body)
}

func TestGreeting(t *testing.T) {
	if code, body := get(t, "/"); code != http.StatusOK || body != "Hello from GoTemplate!\n" {
		t.Fatalf("GET / = %d %q", code, body)
	}
}

func TestHealth(t *testing.T) {
	if code, body := get(t, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("GET /healthz = %d %q", code, body)
	}
}

func TestUnknownPath(t *testing.T) {
	if code, _ := get(t, "/nothing"); code != http.StatusNotFound {
		t.Fatalf("GET /nothing = %d", code)
	}
}
