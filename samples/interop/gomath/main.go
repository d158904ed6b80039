// Package main is a C shared library (GoBuildMode=c-shared): every //export function is a C function .NET can call.
package main

// #include <stdlib.h>
import "C"

import (
	"fmt"
	"unsafe"
)

//export Add
func Add(a, b C.int) C.int { return a + b }

//export Fibonacci
func Fibonacci(n C.int) C.longlong {
	a, b := C.longlong(0), C.longlong(1)
	for i := C.int(0); i < n; i++ {
		a, b = b, a+b
	}
	return a
}

// Greet returns a string allocated with C's malloc: the caller frees it with FreeString.
//
//export Greet
func Greet(name *C.char) *C.char {
	return C.CString(fmt.Sprintf("Hello, %s, from Go!", C.GoString(name)))
}

//export FreeString
func FreeString(s *C.char) { C.free(unsafe.Pointer(s)) }

// A c-shared library still needs a main function, which never runs.
func main() {}
