using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Modules;

namespace GoPack.Sdk.Tests.Unit;

// The outputs are what Go 1.19.8 printed (issue 7), copied verbatim.
public class GoDiagnosticRefinerTests
{
    private const string ModText = "module example.com/app\n\ngo 1.16\n\nrequire (\n\tgithub.com/x/y v1.2.4\n\texample.com/dep v1.0.0\n)\n";

    private static GoDiagnostic[] Refine(string workingDirectory, string output, GoModFile? mod, string? toolchain = "1.19.8") =>
        GoDiagnosticRefiner.Refine(
                new GoOutputParser(workingDirectory, mod?.FilePath).Parse(output.Split('\n')),
                new GoDiagnosticContext { MainModule = mod, ToolchainVersion = toolchain })
            .Select(e => e.Diagnostic).OfType<GoDiagnostic>().ToArray();

    [Fact]
    public void A_module_go_could_not_download_is_one_error_at_its_require_line_with_the_offline_hint()
    {
        const string output = """
            go: github.com/x/y@v1.2.4: Get "http://127.0.0.1:1/github.com/x/y/@v/v1.2.4.mod": dial tcp 127.0.0.1:1: connect: connection refused
            go: downloading github.com/x/y v1.2.4
            go: github.com/x/y@v1.2.4: Get "http://127.0.0.1:1/github.com/x/y/@v/v1.2.4.mod": dial tcp 127.0.0.1:1: connect: connection refused
            """;

        var d = Assert.Single(Refine("/src/app", output, GoModFile.Parse(ModText, "/src/app/go.mod")));

        Assert.Equal("GO2000", d.Code);
        Assert.Equal("/src/app/go.mod", d.File);
        Assert.Equal(6, d.Line);
        Assert.StartsWith("github.com/x/y@v1.2.4: Get \"http://127.0.0.1:1/", d.Message);
        Assert.EndsWith(GoDiagnosticRefiner.OfflineHint, d.Message);
        Assert.Contains("go mod vendor", d.Message);
    }

    [Fact]
    public void A_positioned_download_failure_keeps_its_import_position_and_gets_the_hint()
    {
        const string output = "main.go:3:8: github.com/x/y@v1.2.4: Get \"http://127.0.0.1:1/github.com/x/y/@v/v1.2.4.zip\": dial tcp 127.0.0.1:1: connect: connection refused";

        var d = Assert.Single(Refine("/src/app", output, GoModFile.Parse(ModText, "/src/app/go.mod")));

        Assert.Equal(("/src/app/main.go", 3, 8), (d.File, d.Line, d.Column));
        Assert.EndsWith(GoDiagnosticRefiner.OfflineHint, d.Message);
    }

    [Fact]
    public void Identical_diagnostics_are_reported_once()
    {
        const string output = """
            main.go:3:8: found packages fs (a.go) and other (b.go) in /tmp/p6/d/fs
            main.go:3:8: found packages fs (a.go) and other (b.go) in /tmp/p6/d/fs
            """;

        var d = Assert.Single(Refine("/tmp/p6/d", output, null));

        Assert.Equal(("/tmp/p6/d/main.go", 3, 8), (d.File, d.Line, d.Column));
    }

    [Fact]
    public void A_module_requires_note_is_one_GO2001_at_the_require_line_not_a_linker_error()
    {
        const string output = """
            # example.com/dep/sub
            /home/me/go/pkg/mod/example.com/dep@v1.0.0/sub/dep.go:3:23: undefined: max
            note: module requires Go 1.21
            # example.com/dep
            /home/me/go/pkg/mod/example.com/dep@v1.0.0/dep.go:3:23: undefined: max
            note: module requires Go 1.21
            """;

        var diagnostics = Refine("/src/app", output, GoModFile.Parse(ModText, "/src/app/go.mod"));

        Assert.DoesNotContain(diagnostics, d => d.Code == "GO3000");
        var note = Assert.Single(diagnostics, d => d.Code == "GO2001");
        Assert.Equal(("/src/app/go.mod", 7), (note.File, note.Line));
        Assert.Equal(
            "example.com/dep requires Go 1.21 (its go.mod go line), but this build used Go 1.19.8: the errors above come from Go 1.21 features. " +
            "Build with Go 1.21 or newer: set `-p:GoVersion=1.21` (GoPack downloads it, or install it and put it on PATH), " +
            "or remove an older GoVersion/GOVERSION setting so that the go line decides.",
            note.Message);
    }

    [Fact]
    public void The_main_modules_note_points_at_its_go_line()
    {
        const string output = "# example.com/app\n./main.go:5:14: undefined: max\nnote: module requires Go 1.21\n";

        var note = Assert.Single(Refine("/src/app", output, GoModFile.Parse(ModText, "/src/app/go.mod")), d => d.Code == "GO2001");

        Assert.Equal(("/src/app/go.mod", 3), (note.File, note.Line));
        Assert.StartsWith("example.com/app requires Go 1.21", note.Message);
    }

    [Fact]
    public void Too_many_errors_carries_the_gcflags_hint()
    {
        var d = Assert.Single(Refine("/src", "# example.com/x\n./main.go:13:6: too many errors", null));

        Assert.Equal("GO1001", d.Code);
        Assert.Equal("too many errors: " + GoDiagnosticRefiner.TooManyErrorsHint, d.Message);
        Assert.Contains("-p:GoGcFlags=-e", d.Message);
    }

    [Fact]
    public void An_import_cycle_is_anchored_at_an_import_line_of_the_cycle()
    {
        var root = Directory.CreateTempSubdirectory("gopack-cycle-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "p"));
            Directory.CreateDirectory(Path.Combine(root, "q"));
            File.WriteAllText(Path.Combine(root, "go.mod"), "module example.com/b\n\ngo 1.19\n");
            File.WriteAllText(Path.Combine(root, "q", "q.go"), "package q\n\n// import \"example.com/b/p\" in a comment\nimport _ \"example.com/b/p\"\n");
            const string output = """
                package example.com/b
                	imports example.com/b/p
                	imports example.com/b/q
                	imports example.com/b/p: import cycle not allowed
                package example.com/b
                	imports example.com/b/p
                	imports example.com/b/q
                	imports example.com/b/p: import cycle not allowed
                """;

            var d = Assert.Single(Refine(root, output, GoModFile.Load(Path.Combine(root, "go.mod"))));

            Assert.Equal("GO2000", d.Code);
            Assert.True(d.Line == 4, d.Message);
            Assert.Equal((Path.Combine(root, "q", "q.go"), 4, 10), (d.File, d.Line, d.Column));
            Assert.EndsWith("import cycle not allowed", d.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
