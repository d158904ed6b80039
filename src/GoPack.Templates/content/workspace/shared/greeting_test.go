package shared

import "testing"

func TestGreeting(t *testing.T) {
	if got := Greeting("Go"); got != "Hello, Go!" {
		t.Fatalf("Greeting(\"Go\") = %q", got)
	}
}
