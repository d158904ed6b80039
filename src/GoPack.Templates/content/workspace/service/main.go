// The GoTemplate service: prints the shared module's greeting.
package main

import (
	"fmt"

	"example.com/gopack-template-module/shared"
)

func main() {
	fmt.Println(shared.Greeting("GoTemplate"))
}
