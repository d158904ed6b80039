using GoPack.Sdk.Functions;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// The functions analyzer's rules, checked on the real thing: the Go source in sdk/tools compiled with the real
/// toolchain, run on files written for each rule, its JSON read by GoPack's own reader.
/// </summary>
public sealed class FunctionsAnalyzerTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Finds_the_first_handler_of_each_file_with_go_parser_and_go_build_rules()
    {
        var root = Path.Combine(environment.Root, "analyzer-" + Guid.NewGuid().ToString("N")[..8]);
        var files = new Dictionary<string, string>
        {
            ["api/comments.go"] = """
                // Package handler starts with comments.
                package handler

                import "net/http"

                /* A block comment that looks like a handler:
                func Fake(w http.ResponseWriter, r *http.Request) {}
                */

                type server struct{}

                // ServeThis is a method, not a function.
                func (server) ServeThis(w http.ResponseWriter, r *http.Request) {}

                func lower(w http.ResponseWriter, r *http.Request) {}

                // First is the file's function.
                func First(w http.ResponseWriter, r *http.Request) {}

                func Second(w http.ResponseWriter, r *http.Request) {}
                """,
            ["api/alias.go"] = "package handler\n\nimport web \"net/http\"\n\nfunc Aliased(rw web.ResponseWriter, req *web.Request) {}\n",
            ["api/dot.go"] = "package handler\n\nimport . \"net/http\"\n\nfunc Dotted(w ResponseWriter, r *Request) {}\n",
            ["api/grouped.go"] = "package handler\n\nimport \"net/http\"\n\nfunc Grouped(w, x http.ResponseWriter) {}\n",
            ["api/mistakes.go"] = """
                package mistakes

                import "net/http"

                func WriteJSON(w http.ResponseWriter, v interface{}) {}

                func Value(w http.ResponseWriter, r http.Request) {}

                func Swapped(r *http.Request, w http.ResponseWriter) {}

                func Returns(w http.ResponseWriter, r *http.Request) error { return nil }

                func Generic[T any](w http.ResponseWriter, r *http.Request) {}

                func Extra(w http.ResponseWriter, r *http.Request, n int) {}
                """,
            ["api/main.go"] = "package main\n\nimport \"net/http\"\n\nfunc Handler(w http.ResponseWriter, r *http.Request) {}\n",
            ["api/ignored.go"] = "//go:build ignore\n\npackage handler\n\nimport \"net/http\"\n\nfunc Ignored(w http.ResponseWriter, r *http.Request) {}\n",
            ["api/tagged.go"] = "//go:build extra\n\npackage handler\n\nimport \"net/http\"\n\nfunc Tagged(w http.ResponseWriter, r *http.Request) {}\n",
            ["api/other_windows.go"] = "package handler\n\nimport \"net/http\"\n\nfunc OnWindows(w http.ResponseWriter, r *http.Request) {}\n",
            ["api/broken.go"] = "package handler\n\nfunc Broken(\n",
        };
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), content.ReplaceLineEndings("\n"));
        }

        var analyzer = Path.Combine(root, "functions-analyzer");
        var source = Path.Combine(environment.RepoRoot, "sdk", "tools", "functions-analyzer");
        var goEnvironment = new Dictionary<string, string?> { ["GOROOT"] = environment.RealGo.GoRoot, ["GOFLAGS"] = null, ["GOWORK"] = "off", ["CGO_ENABLED"] = "0" };
        var build = ProcessRunner.Run(environment.RealGo.GoExecutable, ["build", "-o", analyzer, "."], source, goEnvironment);
        Assert.True(build.ExitCode == 0, build.ToString());
        var list = Path.Combine(root, "list");
        File.WriteAllLines(list, files.Keys);

        FunctionAnalysis Analyse(params string[] extra)
        {
            var output = Path.Combine(root, "out.json");
            var run = ProcessRunner.Run(analyzer, ["-root", root, "-files", list, "-o", output, .. extra], root, goEnvironment);
            Assert.True(run.ExitCode == 0, run.ToString());
            return FunctionAnalysis.Parse(File.ReadAllText(output));
        }

        var byPath = Analyse().Files.ToDictionary(f => f.Path);
        Assert.Equal(files.Keys.Order(), byPath.Keys.Order());

        var comments = byPath["api/comments.go"];
        Assert.Equal(("handler", 2, 9), (comments.Package, comments.PackageLine, comments.PackageColumn));
        Assert.Equal(("First", 18, 6), (comments.Handler!.Name, comments.Handler.Line, comments.Handler.Column));
        Assert.Empty(comments.Invalid);
        Assert.Equal("Aliased", byPath["api/alias.go"].Handler?.Name);
        Assert.Equal("Dotted", byPath["api/dot.go"].Handler?.Name);
        Assert.Null(byPath["api/grouped.go"].Handler);
        Assert.Empty(byPath["api/grouped.go"].Invalid);

        var mistakes = byPath["api/mistakes.go"];
        Assert.Null(mistakes.Handler);
        Assert.Equal(
            [
                ("Value", "func Value(w http.ResponseWriter, r http.Request)", "its parameters must be (http.ResponseWriter, *http.Request)"),
                ("Swapped", "func Swapped(r *http.Request, w http.ResponseWriter)", "its parameters must be (http.ResponseWriter, *http.Request)"),
                ("Returns", "func Returns(w http.ResponseWriter, r *http.Request) error", "it returns a result"),
                ("Generic", "func Generic[T any](w http.ResponseWriter, r *http.Request)", "it has type parameters"),
                ("Extra", "func Extra(w http.ResponseWriter, r *http.Request, n int)", "its parameters must be (http.ResponseWriter, *http.Request)"),
            ],
            mistakes.Invalid.Select(f => (f.Name, f.Signature, f.Problem)));
        Assert.Equal((7, 6), (mistakes.Invalid[0].Line, mistakes.Invalid[0].Column));

        var main = byPath["api/main.go"];
        Assert.Equal(("main", 8), (main.Package, main.PackageOffset));
        Assert.Equal("Handler", main.Handler?.Name);

        Assert.True(byPath["api/ignored.go"].Excluded);
        Assert.True(byPath["api/tagged.go"].Excluded);
        Assert.Equal(!OperatingSystem.IsWindows(), byPath["api/other_windows.go"].Excluded);
        Assert.Equal((3, 14, "expected ')', found 'EOF'"), (byPath["api/broken.go"].Error!.Line, byPath["api/broken.go"].Error!.Column, byPath["api/broken.go"].Error!.Message));

        var tagged = Analyse("-tags", "extra").Files.Single(f => f.Path == "api/tagged.go");
        Assert.False(tagged.Excluded);
        Assert.Equal("Tagged", tagged.Handler?.Name);
    }
}
