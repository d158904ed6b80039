package main

import "testing"

// dotnet test on the solution runs Go's tests too (cgo test files can't import "C" themselves: call through Go).
func TestFibonacci(t *testing.T) {
	if got := Fibonacci(10); got != 55 {
		t.Fatalf("Fibonacci(10) = %d, want 55", got)
	}
}
