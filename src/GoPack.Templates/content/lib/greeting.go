// Package gopacktemplatepkg is the GoTemplate library.
package gopacktemplatepkg

// Greet returns a greeting for name.
func Greet(name string) string {
	return "Hello, " + name + "!"
}
