using GoPack.Sdk.Diagnostics;

namespace GoPack.Sdk.Tests.Unit;

// Unless a test says otherwise, the outputs below are what Go 1.19.8 (linux/amd64) printed for small broken modules
// under /tmp/gocap, copied verbatim.
public class GoOutputParserTests
{
    private static string Full(string workingDirectory, string relative) => Path.GetFullPath(Path.Combine(workingDirectory, relative));

    private static IReadOnlyList<GoOutputEntry> ParseEntries(string workingDirectory, string output, string? moduleFile = null)
    {
        var entries = new GoOutputParser(workingDirectory, moduleFile).Parse(output.Split('\n'));

        // MSBuild shows one line per diagnostic.
        foreach (var entry in entries)
        {
            Assert.True((entry.Diagnostic is null) != (entry.Text is null));
            Assert.DoesNotContain('\n', entry.Diagnostic?.Message ?? string.Empty);
        }

        return entries;
    }

    private static GoDiagnostic[] Parse(string workingDirectory, string output, string? moduleFile = null) =>
        ParseEntries(workingDirectory, output, moduleFile).Where(e => e.Diagnostic is not null).Select(e => e.Diagnostic!).ToArray();

    [Fact]
    public void CompilerErrorsGetFileLineColumnAndPackage()
    {
        const string wd = "/tmp/gocap/c1";
        const string output = """
            # example.com/c1
            ./main.go:6:2: x declared but not used
            ./main.go:7:14: undefined: y
            ./main.go:8:17: cannot use 5 (untyped int constant) as string value in variable declaration
            ./main.go:9:2: not enough arguments in call to f
            	have ()
            	want (int)
            """;

        var entries = ParseEntries(wd, output);
        var diagnostics = entries.Select(e => e.Diagnostic).OfType<GoDiagnostic>().ToArray();

        var main = Full(wd, "main.go");
        Assert.Equal("# example.com/c1", entries[0].Text);
        Assert.Equal(
            new[]
            {
                new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "x declared but not used", main, 6, 2, "example.com/c1"),
                new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "undefined: y", main, 7, 14, "example.com/c1"),
                new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "cannot use 5 (untyped int constant) as string value in variable declaration", main, 8, 17, "example.com/c1"),
                new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "not enough arguments in call to f; have (); want (int)", main, 9, 2, "example.com/c1"),
            },
            diagnostics);
        Assert.Equal(5, entries.Count);
    }

    [Fact]
    public void TooManyErrorsIsAMessageAndEachHeaderSetsThePackage()
    {
        const string wd = "/tmp/gocap/c2";
        const string output = """
            # example.com/c2/sub
            sub/sub.go:3:23: cannot use "s" (untyped string constant) as int value in return statement
            # example.com/c2
            ./main.go:4:6: undefined: undefinedVar1
            ./main.go:5:6: undefined: undefinedVar2
            ./main.go:6:6: undefined: undefinedVar3
            ./main.go:7:6: undefined: undefinedVar4
            ./main.go:8:6: undefined: undefinedVar5
            ./main.go:9:6: undefined: undefinedVar6
            ./main.go:10:6: undefined: undefinedVar7
            ./main.go:11:6: undefined: undefinedVar8
            ./main.go:12:6: undefined: undefinedVar9
            ./main.go:13:6: undefined: undefinedVar10
            ./main.go:13:6: too many errors
            """;

        var diagnostics = Parse(wd, output);

        Assert.Equal(12, diagnostics.Length);
        Assert.Equal(new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "cannot use \"s\" (untyped string constant) as int value in return statement", Full(wd, "sub/sub.go"), 3, 23, "example.com/c2/sub"), diagnostics[0]);
        Assert.All(diagnostics.Skip(1), d => Assert.Equal("example.com/c2", d.Package));
        Assert.All(diagnostics.Take(11), d => Assert.Equal(("GO1000", GoDiagnosticSeverity.Error), (d.Code, d.Severity)));
        Assert.Equal(new GoDiagnostic(GoDiagnosticSeverity.Message, "GO1001", "too many errors", Full(wd, "main.go"), 13, 6, "example.com/c2"), diagnostics[11]);
    }

    [Fact]
    public void TooManyErrorsWithoutPositionIsAMessage()
    {
        // Older compilers printed the note on its own line.
        var d = Assert.Single(Parse("/src", "# example.com/x\ntoo many errors"));

        Assert.Equal(("GO1001", GoDiagnosticSeverity.Message, "example.com/x"), (d.Code, d.Severity, d.Package));
    }

    [Fact]
    public void MissingModuleForImportIsAModuleErrorAtTheImport()
    {
        const string wd = "/tmp/gocap/c3";
        const string output = """
            main.go:3:8: no required module provides package github.com/foo/bar; to add it:
            	go get github.com/foo/bar
            """;

        var d = Assert.Single(Parse(wd, output, "go.mod"));

        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO2000", "no required module provides package github.com/foo/bar; to add it: go get github.com/foo/bar", Full(wd, "main.go"), 3, 8, null),
            d);
    }

    [Theory]
    [InlineData("main.go:3:8: missing go.sum entry for module providing package example.com/lib (imported by example.com/c10); to add:\n\tgo get example.com/c10", "missing go.sum entry for module providing package example.com/lib (imported by example.com/c10); to add: go get example.com/c10")]
    [InlineData("main.go:3:8: package notexist/pkg is not in GOROOT (/usr/lib/go-1.19/src/notexist/pkg)", "package notexist/pkg is not in GOROOT (/usr/lib/go-1.19/src/notexist/pkg)")]
    [InlineData("main.go:3:8: cannot find module providing package example.com/lib: import lookup disabled by -mod=readonly", "cannot find module providing package example.com/lib: import lookup disabled by -mod=readonly")]
    [InlineData("main.go:3:8: example.com/nolib@v1.0.0: reading file:///tmp/gocap/proxy/example.com/nolib/@v/v1.0.0.zip: no such file or directory", "example.com/nolib@v1.0.0: reading file:///tmp/gocap/proxy/example.com/nolib/@v/v1.0.0.zip: no such file or directory")]
    public void PackageLoadingErrorsAtAnImportAreModuleErrors(string output, string message)
    {
        var d = Assert.Single(Parse("/tmp/gocap/c10", output, "go.mod"));

        Assert.Equal(("GO2000", message, Full("/tmp/gocap/c10", "main.go"), 3, 8), (d.Code, d.Message, d.File, d.Line, d.Column));
    }

    [Fact]
    public void LoaderSyntaxErrorsOutsideAPackageHeaderAreCompilerErrors()
    {
        var diagnostics = Parse("/tmp/gocap/s1", "main.go:1:1: expected 'package', found 'func'\nmain.go:3:8: string literal not terminated");

        Assert.Equal(new[] { "GO1000", "GO1000" }, diagnostics.Select(d => d.Code));
        Assert.Equal((1, 1, (string?)null), (diagnostics[0].Line, diagnostics[0].Column, diagnostics[0].Package));
    }

    [Fact]
    public void GoModUnknownDirectiveIsReportedAtTheGoModLine()
    {
        // Go 1.19 does not know "toolchain" and names go.mod by its absolute path.
        const string output = """
            go: errors parsing go.mod:
            /tmp/gocap/c4/go.mod:5: unknown directive: toolchain
            """;

        var entries = ParseEntries("/tmp/gocap/c4", output, "/tmp/gocap/c4/go.mod");

        Assert.Equal("go: errors parsing go.mod:", entries[0].Text);
        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO2000", "unknown directive: toolchain", Path.GetFullPath("/tmp/gocap/c4/go.mod"), 5, 0, null),
            entries[1].Diagnostic);
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void GoModSyntaxErrorIsReportedAtTheGoModLine()
    {
        const string output = "go: errors parsing go.mod:\n/tmp/gocap/c11/go.mod:7: syntax error (unterminated block started at /tmp/gocap/c11/go.mod:5:1)";

        var d = Assert.Single(Parse("/tmp/gocap/c11", output));

        Assert.Equal(("GO2000", 7, 0, "syntax error (unterminated block started at /tmp/gocap/c11/go.mod:5:1)"), (d.Code, d.Line, d.Column, d.Message));
    }

    [Fact]
    public void GoWorkErrorsKeepTheirPositionAfterTheReadingPrefix()
    {
        var d = Assert.Single(Parse("/tmp/gocap/w1", "reading go.work: /tmp/gocap/w1/go.work:4: unknown directive: foo", "/tmp/gocap/w1/go.work"));

        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO2000", "unknown directive: foo", Path.GetFullPath("/tmp/gocap/w1/go.work"), 4, 0, null),
            d);
    }

    [Fact]
    public void GoErrorsWithoutAFileAreAnchoredToTheModuleFile()
    {
        const string wd = "/tmp/gocap/c5";
        const string output = """
            go: cannot find main module, but found .git/config in /tmp/gocap/c5
            	to create a module there, run:
            	go mod init
            """;

        var d = Assert.Single(Parse(wd, output, "go.mod"));

        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO2000", "cannot find main module, but found .git/config in /tmp/gocap/c5; to create a module there, run: go mod init", Full(wd, "go.mod"), 0, 0, null),
            d);
    }

    [Fact]
    public void GoErrorsWithoutAModuleFileHaveNoFile()
    {
        var d = Assert.Single(Parse("/tmp/gocap/c5", "go: go.mod file not found in current directory or any parent directory; see 'go help modules'"));

        Assert.Equal(("GO2000", "go.mod file not found in current directory or any parent directory; see 'go help modules'", (string?)null, 0), (d.Code, d.Message, d.File, d.Line));
    }

    [Fact]
    public void GoWorkUseOfMissingModuleIsAnchoredToGoWork()
    {
        var d = Assert.Single(Parse("/tmp/gocap/w1", "go: open /tmp/gocap/w1/b/go.mod: no such file or directory", "/tmp/gocap/w1/go.work"));

        Assert.Equal(("GO2000", Path.GetFullPath("/tmp/gocap/w1/go.work")), (d.Code, d.File));
    }

    [Theory]
    [InlineData("no Go files in /tmp/gocap/c8/empty")]
    [InlineData("stat /tmp/gocap/c8/nope: directory not found")]
    [InlineData("pattern ./...: directory prefix . does not contain main module or its selected dependencies")]
    [InlineData("found packages main (a.go) and foo (b.go) in /tmp/gocap/i2")]
    [InlineData("package example.com/i2: build constraints exclude all Go files in /tmp/gocap/i2")]
    [InlineData("go: example.com/lib@v9.0.0: reading file:///tmp/gocap/proxy/example.com/lib/@v/v9.0.0.info: no such file or directory")]
    [InlineData("go: module example.com/lib: not a known dependency")]
    [InlineData("can't load package: package ./x: no Go files")]
    [InlineData("go build example.com/a1: mkdir /proc/nope/: no such file or directory")]
    public void PackageResolutionLinesWithoutPositionAreModuleErrors(string line)
    {
        var d = Assert.Single(Parse("/tmp/gocap/c8", line, "/tmp/gocap/c8/go.mod"));

        Assert.Equal(("GO2000", GoDiagnosticSeverity.Error, Path.GetFullPath("/tmp/gocap/c8/go.mod"), 0), (d.Code, d.Severity, d.File, d.Line));
        Assert.Equal(line.StartsWith("go: ", StringComparison.Ordinal) ? line.Substring(4) : line, d.Message);
    }

    [Fact]
    public void UnpositionedMissingModuleWithContinuation()
    {
        var d = Assert.Single(Parse("/tmp/gocap/c8", "no required module provides package example.com/c8/zzz; to add it:\n\tgo get example.com/c8/zzz"));

        Assert.Equal(("GO2000", "no required module provides package example.com/c8/zzz; to add it: go get example.com/c8/zzz"), (d.Code, d.Message));
    }

    [Fact]
    public void ImportChainsAreFoldedIntoOneError()
    {
        const string cycle = """
            package example.com/i1/a
            	imports example.com/i1/b
            	imports example.com/i1/a: import cycle not allowed
            """;
        const string tidy = """
            go: finding module for package example.com/nolib
            example.com/c11 imports
            	example.com/nolib: cannot find module providing package example.com/nolib: module example.com/nolib: reading file:///tmp/gocap/proxy/example.com/nolib/@v/list: no such file or directory
            """;

        var cycleError = Assert.Single(Parse("/tmp/gocap/i1", cycle));
        var tidyEntries = ParseEntries("/tmp/gocap/c11", tidy);

        Assert.Equal(("GO2000", "package example.com/i1/a imports example.com/i1/b imports example.com/i1/a: import cycle not allowed"), (cycleError.Code, cycleError.Message));
        Assert.Equal("go: finding module for package example.com/nolib", tidyEntries[0].Text);
        Assert.Equal(
            "example.com/c11 imports example.com/nolib: cannot find module providing package example.com/nolib: module example.com/nolib: reading file:///tmp/gocap/proxy/example.com/nolib/@v/list: no such file or directory",
            Assert.Single(tidyEntries, e => e.Diagnostic is not null).Diagnostic!.Message);
    }

    [Fact]
    public void ProgressLinesAreText()
    {
        const string output = """
            go: downloading example.com/lib v1.0.0
            go: finding module for package example.com/lib
            go: found example.com/lib in example.com/lib v1.0.0
            go: added example.com/lib v1.0.0
            go: to add module requirements and sums:
            	go mod tidy
            example.com/c2/sub
            command-line-arguments
            """;

        var entries = ParseEntries("/src", output);

        Assert.All(entries, e => Assert.Null(e.Diagnostic));
        Assert.Equal(8, entries.Count);
    }

    [Fact]
    public void GoWarningIsAWarning()
    {
        var d = Assert.Single(Parse("/tmp/gocap/c8", "go: warning: \"./empty/...\" matched no packages\nno Go files in /tmp/gocap/c8/empty"), x => x.Severity == GoDiagnosticSeverity.Warning);

        Assert.Equal(("GO2000", "\"./empty/...\" matched no packages"), (d.Code, d.Message));
    }

    [Fact]
    public void ChecksumMismatchAndItsSecurityNoticeAreOneError()
    {
        const string output = """
            go: downloading example.com/lib v1.0.0
            verifying example.com/lib@v1.0.0: checksum mismatch
            	downloaded: h1:a5XcAh98jQ4kF2ObAnwbuTXf2xlyhMANhiV4fdZh5bM=
            	go.sum:     h1:A5XcAh98jQ4kF2ObAnwbuTXf2xlyhMANhiV4fdZh5bM=

            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.
            """;

        var d = Assert.Single(Parse("/tmp/gocap/c10", output, "go.mod"));

        Assert.Equal("GO2000", d.Code);
        Assert.Equal(Full("/tmp/gocap/c10", "go.mod"), d.File);
        Assert.Equal(
            "verifying example.com/lib@v1.0.0: checksum mismatch; downloaded: h1:a5XcAh98jQ4kF2ObAnwbuTXf2xlyhMANhiV4fdZh5bM=; go.sum: h1:A5XcAh98jQ4kF2ObAnwbuTXf2xlyhMANhiV4fdZh5bM=; SECURITY ERROR: This download does NOT match an earlier download recorded in go.sum. The bits may have been replaced on the origin server, or an attacker may have intercepted the download attempt. For more information, see 'go help module-auth'.",
            d.Message);
    }

    [Fact]
    public void PathsWithSpacesAreResolved()
    {
        const string fromParent = """
            # command-line-arguments
            my app/main.go:4:14: cannot use "a" (untyped string constant) as int value in variable declaration
            """;
        const string fromSibling = """
            # command-line-arguments
            ../dir with spaces/my app/main.go:4:14: cannot use "a" (untyped string constant) as int value in variable declaration
            """;
        const string goMod = """
            go: errors parsing go.mod:
            /tmp/gocap/dir with spaces/my app/go.mod:5: unknown directive: toolchain
            """;

        var a = Assert.Single(Parse("/tmp/gocap/dir with spaces", fromParent));
        var b = Assert.Single(Parse("/tmp/gocap/other", fromSibling));
        var c = Assert.Single(Parse("/tmp/gocap/dir with spaces/my app", goMod));

        var main = Path.GetFullPath("/tmp/gocap/dir with spaces/my app/main.go");
        Assert.Equal((main, 4, 14, "command-line-arguments"), (a.File, a.Line, a.Column, a.Package));
        Assert.Equal((main, 4, 14), (b.File, b.Line, b.Column));
        Assert.Equal((Path.GetFullPath("/tmp/gocap/dir with spaces/my app/go.mod"), 5, "unknown directive: toolchain"), (c.File, c.Line, c.Message));
    }

    [Fact]
    public void WindowsPathsWithSpacesAndDriveLetters()
    {
        // What Go prints on Windows; not captured here, the format is the same with a drive letter and backslashes.
        var d = Assert.Single(Parse(@"C:\src", "# example.com/app\n" + @"C:\src\my app\main.go:7:2: undefined: x"));

        Assert.Equal((@"C:\src\my app\main.go", 7, 2, "undefined: x"), (d.File, d.Line, d.Column, d.Message));
    }

    [Fact]
    public void PositionWithoutColumnHasColumnZero()
    {
        const string output = """
            # example.com/a1
            ./add_amd64.s:4: unrecognized instruction "BOGUS"
            asm: assembly of ./add_amd64.s failed
            """;

        var entries = ParseEntries("/tmp/gocap/a1", output);

        var d = Assert.Single(entries, e => e.Diagnostic is not null).Diagnostic!;
        Assert.Equal(new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "unrecognized instruction \"BOGUS\"", Full("/tmp/gocap/a1", "add_amd64.s"), 4, 0, "example.com/a1"), d);
        Assert.Equal("asm: assembly of ./add_amd64.s failed", entries[2].Text);
    }

    [Fact]
    public void VetFindingsUseTheSamePositions()
    {
        const string wd = "/tmp/gocap/v1";
        const string analyzers = """
            # example.com/v1
            ./main.go:8:2: self-assignment of x to x
            ./main.go:6:2: fmt.Printf format %d has arg "s" of wrong type string
            """;
        const string typeCheck = """
            # example.com/s1
            vet: ./main.go:5:23: not enough arguments in call to os.Exit
            	have ()
            	want (int)
            """;

        var findings = Parse(wd, analyzers);
        var typeError = Assert.Single(Parse("/tmp/gocap/s1", typeCheck));

        Assert.Equal(new[] { (8, 2), (6, 2) }, findings.Select(d => (d.Line, d.Column)));
        Assert.All(findings, d => Assert.Equal(("GO1000", Full(wd, "main.go")), (d.Code, d.File)));
        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO1000", "not enough arguments in call to os.Exit; have (); want (int)", Full("/tmp/gocap/s1", "main.go"), 5, 23, "example.com/s1"),
            typeError);
    }

    [Fact]
    public void TestBuildFailureKeepsTheTestPackageAndSummaryLinesAreText()
    {
        const string output = """
            # example.com/c1 [example.com/c1.test]
            ./main.go:6:2: x declared but not used
            ./main_test.go:3:39: cannot use "" (untyped string constant) as int value in variable declaration
            FAIL	example.com/c1 [build failed]
            FAIL
            """;

        var entries = ParseEntries("/tmp/gocap/c1", output);

        Assert.Equal(2, entries.Count(e => e.Diagnostic is not null));
        Assert.All(entries.Where(e => e.Diagnostic is not null), e => Assert.Equal("example.com/c1 [example.com/c1.test]", e.Diagnostic!.Package));
        Assert.Equal(new[] { "FAIL\texample.com/c1 [build failed]", "FAIL" }, entries.Skip(3).Select(e => e.Text));
    }

    [Fact]
    public void CgoMissingHeaderDropsGccSourceContext()
    {
        const string output = """
            # example.com/cg1
            ./main.go:3:11: fatal error: nothere.h: No such file or directory
                3 | // #include <nothere.h>
                  |           ^~~~~~~~~~~
            compilation terminated.
            """;

        var entries = ParseEntries("/tmp/gocap/cg1", output);

        Assert.Equal(2, entries.Count);
        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO4000", "nothere.h: No such file or directory", Full("/tmp/gocap/cg1", "main.go"), 3, 11, "example.com/cg1"),
            entries[1].Diagnostic);
    }

    [Fact]
    public void CCompilerErrorsWarningsAndNotes()
    {
        const string wd = "/tmp/gocap/cg2";
        const string output = """
            # example.com/cg2
            impl.c: In function ‘f’:
            impl.c:3:11: warning: initialization of ‘int’ from ‘char *’ makes integer from pointer without a cast [-Wint-conversion]
                3 |   int x = "s";
                  |           ^~~
            impl.c:4:10: error: ‘undefined_thing’ undeclared (first use in this function)
                4 |   return undefined_thing;
                  |          ^~~~~~~~~~~~~~~
            impl.c:4:10: note: each undeclared identifier is reported only once for each function it appears in
            """;

        var entries = ParseEntries(wd, output);

        var impl = Full(wd, "impl.c");
        Assert.Equal(new[] { "# example.com/cg2", "impl.c: In function ‘f’:" }, entries.Take(2).Select(e => e.Text));
        Assert.Equal(
            new[]
            {
                new GoDiagnostic(GoDiagnosticSeverity.Warning, "GO4001", "initialization of ‘int’ from ‘char *’ makes integer from pointer without a cast [-Wint-conversion]", impl, 3, 11, "example.com/cg2"),
                new GoDiagnostic(GoDiagnosticSeverity.Error, "GO4000", "‘undefined_thing’ undeclared (first use in this function); note: each undeclared identifier is reported only once for each function it appears in", impl, 4, 10, "example.com/cg2"),
            },
            entries.Skip(2).Select(e => e.Diagnostic));
    }

    [Fact]
    public void GccIncludeChainIsText()
    {
        const string output = """
            # example.com/cg3
            In file included from ./outer.h:1,
                             from ./main.go:3:
            ./inner.h:1:13: error: expected declaration specifiers or ‘...’ before ‘{’ token
                1 | int broken( {
                  |             ^
            """;

        var entries = ParseEntries("/tmp/gocap/cg3", output);

        Assert.Equal(4, entries.Count);
        var d = Assert.Single(entries, e => e.Diagnostic is not null).Diagnostic!;
        Assert.Equal(("GO4000", Full("/tmp/gocap/cg3", "inner.h"), 1, 13), (d.Code, d.File, d.Line, d.Column));
    }

    [Fact]
    public void LastIncludeOfAChainIsNotAPosition()
    {
        // With one level gcc ends the chain line with ":" instead of ",", which reads exactly like a position.
        var entries = ParseEntries("/src", "# example.com/x\nIn file included from ./main.go:3:\n./inner.h:1:13: error: boom");

        Assert.Equal("In file included from ./main.go:3:", entries[1].Text);
        Assert.Equal("GO4000", entries[2].Diagnostic!.Code);
    }

    [Fact]
    public void WarningsAsErrorsSummaryIsTextAfterTheErrors()
    {
        const string output = """
            # example.com/cg2
            impl.c: In function ‘f’:
            impl.c:3:7: error: unused variable ‘unused’ [-Werror=unused-variable]
                3 |   int unused;
                  |       ^~~~~~
            cc1: all warnings being treated as errors
            """;

        var entries = ParseEntries("/tmp/gocap/cg2", output);

        var d = Assert.Single(entries, e => e.Diagnostic is not null).Diagnostic!;
        Assert.Equal(("GO4000", "unused variable ‘unused’ [-Werror=unused-variable]", 3, 7), (d.Code, d.Message, d.Line, d.Column));
        Assert.Equal("cc1: all warnings being treated as errors", entries.Last().Text);
    }

    [Fact]
    public void MissingCCompilerIsACgoError()
    {
        const string output = """
            # runtime/cgo
            cgo: C compiler "nosuchgcc" not found: exec: "nosuchgcc": executable file not found in $PATH
            """;

        var d = Assert.Single(Parse("/tmp/gocap/cg1", output));

        Assert.Equal(
            new GoDiagnostic(GoDiagnosticSeverity.Error, "GO4000", "cgo: C compiler \"nosuchgcc\" not found: exec: \"nosuchgcc\": executable file not found in $PATH", null, 0, 0, "runtime/cgo"),
            d);
    }

    [Fact]
    public void LinkerErrorWithoutPositionUnderAHeader()
    {
        var d = Assert.Single(Parse("/tmp/gocap/l1", "# example.com/l1\nmain.main: relocation target main.nothere not defined"));

        Assert.Equal(new GoDiagnostic(GoDiagnosticSeverity.Error, "GO3000", "main.main: relocation target main.nothere not defined", null, 0, 0, "example.com/l1"), d);
    }

    [Fact]
    public void ExternalLinkerOutputIsFoldedIntoTheLinkError()
    {
        // The "main.cgo2.c:52" position is in a deleted temporary file: part of the link error, not a C error.
        const string output = """
            # example.com/l2
            /usr/lib/go-1.19/pkg/tool/linux_amd64/link: running gcc failed: exit status 1
            /usr/bin/ld: /tmp/go-link-2371844408/000001.o: in function `_cgo_6c244e31acda_Cfunc_f':
            /tmp/go-build/main.cgo2.c:52: undefined reference to `f'
            collect2: error: ld returned 1 exit status

            """;

        var d = Assert.Single(Parse("/tmp/gocap/l2", output));

        Assert.Equal(("GO3000", (string?)null, "example.com/l2"), (d.Code, d.File, d.Package));
        Assert.Equal(
            "/usr/lib/go-1.19/pkg/tool/linux_amd64/link: running gcc failed: exit status 1; /usr/bin/ld: /tmp/go-link-2371844408/000001.o: in function `_cgo_6c244e31acda_Cfunc_f': /tmp/go-build/main.cgo2.c:52: undefined reference to `f'; collect2: error: ld returned 1 exit status",
            d.Message);
    }

    [Fact]
    public void CommandEchoesFromDashXAreText()
    {
        // go build -x -v: the "# import config" inside the here-document is not a package header.
        const string output = """
            WORK=/tmp/go-build720825305
            example.com/c2/sub
            mkdir -p $WORK/b014/
            cat >$WORK/b014/importcfg << 'EOF' # internal
            # import config
            EOF
            cd /tmp/gocap/c2
            /usr/lib/go-1.19/pkg/tool/linux_amd64/compile -o $WORK/b014/_pkg_.a -trimpath "$WORK/b014=>" -p example.com/c2/sub -lang=go1.19 -complete -buildid JKicrYQLl5LzD4znt547/JKicrYQLl5LzD4znt547 -goversion go1.19.8 -c=2 -nolocalimports -importcfg $WORK/b014/importcfg -pack ./sub/sub.go
            # example.com/c2/sub
            sub/sub.go:3:23: cannot use "s" (untyped string constant) as int value in return statement
            example.com/c2
            mkdir -p $WORK/b001/
            cat >$WORK/b001/importcfg << 'EOF' # internal
            # import config
            packagefile runtime=/usr/lib/go-1.19/pkg/linux_amd64/runtime.a
            EOF
            /usr/lib/go-1.19/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p main -lang=go1.19 -complete -buildid rH087s59T3WpQNnkBB4p/rH087s59T3WpQNnkBB4p -goversion go1.19.8 -c=2 -nolocalimports -importcfg $WORK/b001/importcfg -pack ./main.go
            # example.com/c2
            ./main.go:4:6: undefined: undefinedVar1
            ./main.go:13:6: too many errors
            """;

        var entries = ParseEntries("/tmp/gocap/c2", output);

        Assert.Equal(
            new[]
            {
                ("GO1000", "example.com/c2/sub"),
                ("GO1000", "example.com/c2"),
                ("GO1001", "example.com/c2"),
            },
            entries.Select(e => e.Diagnostic).OfType<GoDiagnostic>().Select(d => (d.Code, d.Package!)));
        Assert.Equal(output.Split('\n').Length, entries.Count);
    }

    [Fact]
    public void UnrecognisedOutputStaysText()
    {
        const string output = "hello from a go:generate tool\n    x_test.go:5: logged by a test\npanic: boom\n\tmain.go:12 +0x1d";

        var entries = ParseEntries("/src", output);

        Assert.All(entries, e => Assert.Null(e.Diagnostic));
        Assert.Equal(output.Split('\n'), entries.Select(e => e.Text));
    }

    [Fact]
    public void StateDoesNotLeakBetweenParseCalls()
    {
        var parser = new GoOutputParser("/tmp/gocap/l1");

        parser.Parse(new[] { "# example.com/l1" });
        var entries = parser.Parse(new[] { "main.main: relocation target main.nothere not defined" });

        Assert.Null(Assert.Single(entries).Diagnostic);
    }

    [Fact]
    public void CarriageReturnsFromWindowsOutputAreIgnored()
    {
        var d = Assert.Single(new GoOutputParser("/tmp/gocap/c1").Parse(new[] { "# example.com/c1\r", "./main.go:7:14: undefined: y\r" }).Select(e => e.Diagnostic).OfType<GoDiagnostic>());

        Assert.Equal(("undefined: y", 14, "example.com/c1"), (d.Message, d.Column, d.Package));
    }

    [Fact]
    public void RelativeModuleFileIsResolvedAgainstTheWorkingDirectory()
    {
        var d = Assert.Single(Parse("/tmp/gocap/c9", "go: github.com/foo/bar@v1.2.3: module lookup disabled by GOPROXY=off", "./sub/../go.mod"));

        Assert.Equal(Path.GetFullPath("/tmp/gocap/c9/go.mod"), d.File);
        Assert.Equal("github.com/foo/bar@v1.2.3: module lookup disabled by GOPROXY=off", d.Message);
    }
}
