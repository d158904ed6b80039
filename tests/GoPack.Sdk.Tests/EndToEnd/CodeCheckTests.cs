using GoPack.Sdk.Execution;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>go vet, gofmt and linters after GoBuild: warnings at their positions, only when sources changed.</summary>
public sealed class CodeCheckTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string Unformatted = "package fmtme\n\nfunc  Bad( ) int {\nreturn 1 }\n";

    [Fact]
    public void Vet_findings_are_warnings_at_their_position_checked_only_when_sources_change_and_NoWarn_and_WarningsAsErrors_apply()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("vet").WritePassingModule();
        var vetFile = project.Path("vetme/vetme.go");
        var warning = $"{vetFile}(4,2): warning GOVET-assign: self-assignment of x to x [{project.ProjectFile}]";

        var first = project.Build(go.GoRootProperty);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(warning, first.Output);
        Assert.Contains("1 Warning(s)", first.Output);
        Assert.Single(go.Invocations, i => i.StartsWith("vet -json", StringComparison.Ordinal));

        // A no-op build starts nothing, vet included.
        var before = go.Invocations.Count;
        var noop = project.Build(go.GoRootProperty);
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Equal(before, go.Invocations.Count);

        // A changed test file is a changed source for vet (go build ignores it).
        project.WriteFile("calc/more_test.go", "package calc\n\nimport \"testing\"\n\nfunc TestMore(t *testing.T) {}\n");
        var changed = project.Build(go.GoRootProperty, "-p:NoWarn=GOVET-assign");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.DoesNotContain("GOVET-assign", changed.Output);
        Assert.Equal(2, go.Invocations.Count(i => i.StartsWith("vet -json", StringComparison.Ordinal)));

        // A warning made an error fails the build, and keeps failing it until it is fixed.
        var asError = project.Build(go.GoRootProperty, "-p:TreatWarningsAsErrors=true");
        Assert.NotEqual(0, asError.ExitCode);
        Assert.Contains($"{vetFile}(4,2): error GOVET-assign: self-assignment of x to x", asError.Output);
        var stillError = project.Build(go.GoRootProperty, "-p:WarningsAsErrors=GOVET-assign");
        Assert.NotEqual(0, stillError.ExitCode);
        Assert.Contains($"{vetFile}(4,2): error GOVET-assign", stillError.Output);

        project.WriteFile("vetme/vetme.go", "package vetme\n\n// Self returns x.\nfunc Self(x int) int {\n\treturn x\n}\n");
        var fixedBuild = project.Build(go.GoRootProperty, "-p:TreatWarningsAsErrors=true");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Contains("0 Warning(s)", fixedBuild.Output);

        before = go.Invocations.Count;
        var off = project.Build(go.GoRootProperty, "-p:GoVet=false", "--no-incremental");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain(go.Invocations.Skip(before), i => i.StartsWith("vet", StringComparison.Ordinal));
    }

    [Fact]
    public void GoFormatCheck_warns_at_unformatted_files_and_GoFormat_rewrites_them()
    {
        var project = environment.CreateProject("fmt").WritePassingModule("<PropertyGroup><GoFormatCheck>true</GoFormatCheck><GoVet>false</GoVet></PropertyGroup>");
        project.WriteFile("fmtme/fmtme.go", Unformatted);

        var check = project.Build();
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains($"{project.Path("fmtme/fmtme.go")} : warning GOFMT0001: The file is not formatted as gofmt formats it. Run `dotnet build -t:GoFormat`", check.Output);
        Assert.Contains("1 Warning(s)", check.Output);

        var format = project.Dotnet("build", project.ProjectFile, "-t:GoFormat");
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Contains("Formatted " + project.Path("fmtme/fmtme.go"), format.Output);
        Assert.Equal("package fmtme\n\nfunc Bad() int {\n\treturn 1\n}\n", File.ReadAllText(project.Path("fmtme/fmtme.go")));

        var again = project.Build();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 Warning(s)", again.Output);

        // A source the build reads changes back with an older time stamp (as a branch switch leaves it): the check,
        // which sees the build's sources through the build's inputs cache, runs again.
        project.WriteFile("fmtme/fmtme.go", Unformatted);
        File.SetLastWriteTimeUtc(project.Path("fmtme/fmtme.go"), DateTime.UtcNow.AddDays(-30));
        var older = project.Build();
        Assert.True(older.ExitCode == 0, older.ToString());
        Assert.Contains($"{project.Path("fmtme/fmtme.go")} : warning GOFMT0001", older.Output);
    }

    [Fact]
    public void GoLint_runs_staticcheck_and_warns_when_no_linter_is_installed()
    {
        var project = environment.CreateProject("lint").WritePassingModule("<PropertyGroup><GoLint>true</GoLint><GoVet>false</GoVet></PropertyGroup>");

        // No linter anywhere: a warning that says how to get one, not a failure.
        var missing = project.Build("-p:GoLintTool=staticcheck-not-installed");
        Assert.True(missing.ExitCode == 0, missing.ToString());
        Assert.Contains("warning GOPACK0043: GoLint=true, but staticcheck-not-installed was not found", missing.Output);

        // build.sh installs Debian's go-staticcheck; its findings are warnings at their positions.
        var staticcheck = ExecutableSearch.Find("staticcheck", Environment.GetEnvironmentVariable("PATH"))
            ?? ExecutableSearch.Find("go-staticcheck", Environment.GetEnvironmentVariable("PATH"));
        Assert.True(staticcheck != null, "staticcheck is not installed: run build.sh, which installs Debian's go-staticcheck");
        var lint = project.Build($"-p:GoLintTool={staticcheck}");
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Contains($"{project.Path("vetme/vetme.go")}(4,2): warning GOLINT-SA4018: self-assignment of x to x", lint.Output);
    }
}
