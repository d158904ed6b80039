package main

import (
	"testing"

	"example.com/gopack-template-module/shared"
)

func TestGreetingComesFromTheSharedModule(t *testing.T) {
	if got := shared.Greeting("service"); got != "Hello, service!" {
		t.Fatalf("Greeting = %q", got)
	}
}
