// Command functions-analyzer is GoPack.Sdk's reader of function projects (Vercel's api/**/*.go layout). It is built by
// GoPack with the project's own Go toolchain, once per toolchain, so go/parser reads exactly the language that
// toolchain compiles, and go/build applies the same build constraints go build will.
//
// Usage: functions-analyzer -root DIR -files LIST -o OUT [-tags a,b]
//
// LIST holds one slash-separated path per line, relative to DIR. OUT receives a JSON document: for each file, its
// package name and where it is, whether build constraints exclude it, the first exported function with the
// signature of an http.HandlerFunc, the exported functions that look like handlers but have another signature, or
// the first syntax error. The tool decides nothing else: routes and errors are GoPack's (C#) business.
//
// It must compile with every Go release GoPack may be asked to use (1.16 and later): no generics, no newer APIs.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"io/ioutil"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// formatVersion changes whenever the JSON changes shape; GoPack refuses a document of another version.
const formatVersion = 1

type function struct {
	Name      string `json:"name"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Signature string `json:"signature,omitempty"`
	Problem   string `json:"problem,omitempty"`
}

type syntaxError struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type fileResult struct {
	Path          string       `json:"path"`
	Excluded      bool         `json:"excluded,omitempty"`
	Package       string       `json:"package,omitempty"`
	PackageLine   int          `json:"packageLine,omitempty"`
	PackageColumn int          `json:"packageColumn,omitempty"`
	PackageOffset int          `json:"packageOffset,omitempty"`
	Handler       *function    `json:"handler,omitempty"`
	Invalid       []function   `json:"invalid,omitempty"`
	Error         *syntaxError `json:"error,omitempty"`
}

type result struct {
	Version int          `json:"version"`
	Files   []fileResult `json:"files"`
}

func main() {
	root := flag.String("root", "", "directory the listed paths are relative to")
	list := flag.String("files", "", "file holding the paths to analyse, one per line")
	out := flag.String("o", "", "where to write the JSON result")
	tags := flag.String("tags", "", "comma-separated build tags, as go build's -tags")
	flag.Parse()
	if *root == "" || *list == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: functions-analyzer -root DIR -files LIST -o OUT [-tags a,b]")
		os.Exit(2)
	}

	paths, err := readList(*list)
	if err != nil {
		fail(err)
	}

	ctxt := build.Default
	ctxt.BuildTags = splitTags(*tags)

	res := result{Version: formatVersion, Files: []fileResult{}}
	for _, path := range paths {
		res.Files = append(res.Files, analyze(&ctxt, *root, path))
	}

	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := ioutil.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "functions-analyzer:", err)
	os.Exit(1)
}

func readList(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var paths []string
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if line := strings.TrimSpace(lines.Text()); line != "" {
			paths = append(paths, line)
		}
	}
	return paths, lines.Err()
}

func splitTags(text string) []string {
	var tags []string
	for _, tag := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' }) {
		tags = append(tags, tag)
	}
	return tags
}

func analyze(ctxt *build.Context, root, path string) fileResult {
	res := fileResult{Path: path}
	full := filepath.Join(root, filepath.FromSlash(path))

	// The build constraints (//go:build lines, _GOOS/_GOARCH file names, cgo) go build will apply.
	match, err := ctxt.MatchFile(filepath.Dir(full), filepath.Base(full))
	if err == nil && !match {
		res.Excluded = true
		return res
	}

	src, err := ioutil.ReadFile(full)
	if err != nil {
		res.Error = &syntaxError{Line: 1, Column: 1, Message: err.Error()}
		return res
	}

	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, full, src, 0)
	if err != nil {
		res.Error = &syntaxError{Line: 1, Column: 1, Message: err.Error()}
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			res.Error = &syntaxError{Line: list[0].Pos.Line, Column: list[0].Pos.Column, Message: list[0].Msg}
		}
		return res
	}

	name := fset.Position(file.Name.Pos())
	res.Package = file.Name.Name
	res.PackageLine = name.Line
	res.PackageColumn = name.Column
	res.PackageOffset = name.Offset

	http := httpImportNames(file)
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || !fn.Name.IsExported() {
			continue
		}
		problem := handlerProblem(fn, src, fset, http)
		if problem == "" {
			if res.Handler == nil {
				// The first handler of the file is its function, as on Vercel; later ones are ordinary exports.
				res.Handler = describe(fn, fset, "")
			}
			continue
		}
		if mentions(fn.Type.Params, http, "ResponseWriter") && mentions(fn.Type.Params, http, "Request") {
			// Takes both a ResponseWriter and a Request but is no HandlerFunc: most likely a handler with a mistake.
			res.Invalid = append(res.Invalid, *describe(fn, fset, problem))
		}
	}
	if res.Handler != nil {
		res.Invalid = nil
	}
	return res
}

// httpNames says how a file refers to net/http: the names it is imported under, and whether it is dot-imported.
type httpNames struct {
	names map[string]bool
	dot   bool
}

func httpImportNames(file *ast.File) httpNames {
	names := httpNames{names: map[string]bool{}}
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil || path != "net/http" {
			continue
		}
		switch {
		case spec.Name == nil:
			names.names["http"] = true
		case spec.Name.Name == ".":
			names.dot = true
		case spec.Name.Name != "_":
			names.names[spec.Name.Name] = true
		}
	}
	return names
}

// isHTTPType reports whether expr names net/http's type called typeName.
func isHTTPType(expr ast.Expr, http httpNames, typeName string) bool {
	switch t := expr.(type) {
	case *ast.SelectorExpr:
		id, ok := t.X.(*ast.Ident)
		return ok && http.names[id.Name] && t.Sel.Name == typeName
	case *ast.Ident:
		return http.dot && t.Name == typeName
	}
	return false
}

// handlerProblem is empty when fn can be used as an http.HandlerFunc, else why not.
func handlerProblem(fn *ast.FuncDecl, src []byte, fset *token.FileSet, http httpNames) string {
	// Type parameters sit between the name and the parameter list (read from the source: ast.FuncType.TypeParams
	// does not exist before Go 1.18).
	between := src[fset.Position(fn.Name.End()).Offset:fset.Position(fn.Type.Params.Opening).Offset]
	if bytes.Contains(between, []byte("[")) {
		return "it has type parameters"
	}
	var types []ast.Expr
	for _, field := range fn.Type.Params.List {
		count := len(field.Names)
		if count == 0 {
			count = 1
		}
		for i := 0; i < count; i++ {
			types = append(types, field.Type)
		}
	}
	if len(types) != 2 || !isHTTPType(types[0], http, "ResponseWriter") || !isRequestPointer(types[1], http) {
		return "its parameters must be (http.ResponseWriter, *http.Request)"
	}
	if fn.Type.Results != nil && len(fn.Type.Results.List) > 0 {
		return "it returns a result"
	}
	return ""
}

func isRequestPointer(expr ast.Expr, http httpNames) bool {
	star, ok := expr.(*ast.StarExpr)
	return ok && isHTTPType(star.X, http, "Request")
}

// mentions reports whether any parameter type refers to net/http's typeName (also behind *, [], ...).
func mentions(params *ast.FieldList, http httpNames, typeName string) bool {
	found := false
	ast.Inspect(params, func(node ast.Node) bool {
		if expr, ok := node.(ast.Expr); ok && isHTTPType(expr, http, typeName) {
			found = true
		}
		return !found
	})
	return found
}

func describe(fn *ast.FuncDecl, fset *token.FileSet, problem string) *function {
	pos := fset.Position(fn.Name.Pos())
	var signature bytes.Buffer
	if err := printer.Fprint(&signature, fset, fn.Type); err != nil {
		signature.Reset()
	}
	text := signature.String()
	if strings.HasPrefix(text, "func") {
		text = "func " + fn.Name.Name + strings.TrimPrefix(text, "func")
	}
	return &function{Name: fn.Name.Name, Line: pos.Line, Column: pos.Column, Signature: text, Problem: problem}
}
