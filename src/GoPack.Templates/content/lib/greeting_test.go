package gopacktemplatepkg

import (
	"fmt"
	"testing"
)

func TestGreet(t *testing.T) {
	if got := Greet("Go"); got != "Hello, Go!" {
		t.Fatalf("Greet(\"Go\") = %q", got)
	}
}

func ExampleGreet() {
	fmt.Println(Greet("GoTemplate"))
	// Output: Hello, GoTemplate!
}
