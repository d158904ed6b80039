// Package shared is code every module of the GoTemplate workspace uses.
package shared

// Greeting returns a greeting for name.
func Greeting(name string) string {
	return "Hello, " + name + "!"
}
