using System.IO.Compression;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 7's diagnostics through real builds with the real go: each problem once, on a line the user can click,
/// saying what to do; and the advice followed where it can be.
/// </summary>
public sealed class DiagnosticsTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_dependency_that_needs_a_newer_go_is_one_GO2001_at_its_require_line_not_a_linker_error()
    {
        var proxy = ModuleProxy("example.com/dep", "v1.0.0", "go 1.21", ("dep.go", "package dep\n\nfunc Max() int { return max(1, 2) }\n"));
        var project = environment.CreateProject("newerdep").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/newerdep\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n");
        project.WriteFile("main.go", "package main\n\nimport \"example.com/dep\"\n\nfunc main() { println(dep.Max()) }\n");
        UseProxy(project, proxy);

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(5): error GO2001: example.com/dep requires Go 1.21 (its go.mod go line), but this build used Go {environment.RealGo.Version}", build.Output);
        Assert.Contains("set `-p:GoVersion=1.21`", build.Output);
        Assert.DoesNotContain("GO3000", build.Output);
        Assert.Contains("undefined: max", build.Output);
        Assert.Contains("2 Error(s)", build.Output);
    }

    [Fact]
    public void The_main_modules_own_note_points_at_its_go_line_after_the_GOPACK0018_warning()
    {
        var project = environment.CreateProject("newermain").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/newermain\n\ngo 1.21\n");
        project.WriteFile("main.go", "package main\n\nfunc main() { println(max(1, 2)) }\n");

        var build = project.Build($"-p:GoVersion={environment.RealGo.Version}");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("warning GOPACK0018:", build.Output);
        Assert.Contains($"{project.Path("go.mod")}(3): error GO2001: example.com/newermain requires Go 1.21", build.Output);
        Assert.DoesNotContain("GO3000", build.Output);
    }

    [Fact]
    public void A_module_that_cannot_be_downloaded_is_one_error_at_its_require_line_with_the_offline_hint()
    {
        var project = environment.CreateProject("unreachable").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/unreachable\n\ngo 1.16\n\nrequire example.com/x/y v1.2.4\n");
        project.WriteFile("go.sum", "example.com/x/y v1.2.4 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/x/y v1.2.4/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        project.WriteFile("main.go", "package main\n\nimport \"example.com/x/y\"\n\nfunc main() { y.Z() }\n");
        project.Environment["GOPROXY"] = "http://127.0.0.1:1";
        project.Environment["GOSUMDB"] = "off";
        project.Environment["GOMODCACHE"] = Path.Combine(project.Directory, ".modcache");
        project.Environment["GOFLAGS"] = "-modcacherw";

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(5): error GO2000: example.com/x/y@v1.2.4: Get \"http://127.0.0.1:1/", build.Output);
        Assert.Contains("run `go mod vendor` once online and commit vendor/", build.Output);
        Assert.Contains("1 Error(s)", build.Output);
    }

    [Fact]
    public void Duplicates_import_cycles_and_too_many_errors_are_reported_once_at_a_line_with_advice_that_works()
    {
        var project = environment.CreateProject("diag").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/diag\n\ngo 1.19\n");
        project.WriteFile("fs/a.go", "package fs\n");
        project.WriteFile("fs/b.go", "package other\n");
        project.WriteFile("main.go", "package main\n\nimport _ \"example.com/diag/fs\"\n\nfunc main() {}\n");

        var found = project.Build();

        Assert.NotEqual(0, found.ExitCode);
        Assert.Contains($"{project.Path("main.go")}(3,8): error GO2000: found packages fs (a.go) and other (b.go)", found.Output);
        Assert.Contains("1 Error(s)", found.Output);

        Directory.Delete(project.Path("fs"), recursive: true);
        project.WriteFile("p/p.go", "package p\n\nimport _ \"example.com/diag/q\"\n");
        project.WriteFile("q/q.go", "package q\n\nimport _ \"example.com/diag/p\"\n");
        project.WriteFile("main.go", "package main\n\nimport _ \"example.com/diag/p\"\n\nfunc main() {}\n");

        var cycle = project.Build();

        Assert.NotEqual(0, cycle.ExitCode);
        Assert.Contains($"{project.Path("q/q.go")}(3,10): error GO2000: package example.com/diag imports example.com/diag/p imports example.com/diag/q imports example.com/diag/p: import cycle not allowed", cycle.Output);
        Assert.Contains("1 Error(s)", cycle.Output);

        Directory.Delete(project.Path("p"), recursive: true);
        Directory.Delete(project.Path("q"), recursive: true);
        project.WriteFile("main.go", "package main\n\nfunc main() {\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"\tundefined{i}()\n")) + "}\n");

        var many = project.Build();

        Assert.NotEqual(0, many.ExitCode);
        Assert.Contains("message GO1001: too many errors: the compiler stopped after 10 errors; pass -p:GoGcFlags=-e to see them all", many.Output);

        var all = project.Build("-p:GoGcFlags=-e");

        Assert.Contains("undefined: undefined12", all.Output);
        Assert.DoesNotContain("GO1001", all.Output);
        Assert.Contains("12 Error(s)", all.Output);
    }

    private void UseProxy(TestProject project, string proxy)
    {
        project.Environment["GOPROXY"] = new Uri(proxy).AbsoluteUri;
        project.Environment["GOSUMDB"] = "off";
        project.Environment["GOMODCACHE"] = Path.Combine(project.Directory, ".modcache");
        project.Environment["GOFLAGS"] = "-mod=mod -modcacherw";
    }

    /// <summary>A file:// GOPROXY serving one module version, as go reads it (list, .info, .mod, .zip).</summary>
    private string ModuleProxy(string module, string version, string goLine, params (string Name, string Content)[] files)
    {
        var root = Directory.CreateDirectory(Path.Combine(environment.Root, "proxy-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var at = Directory.CreateDirectory(Path.Combine(root, module, "@v")).FullName;
        var mod = $"module {module}\n\n{goLine}\n";
        File.WriteAllText(Path.Combine(at, "list"), version + "\n");
        File.WriteAllText(Path.Combine(at, version + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}");
        File.WriteAllText(Path.Combine(at, version + ".mod"), mod);
        using var zip = ZipFile.Open(Path.Combine(at, version + ".zip"), ZipArchiveMode.Create);
        foreach (var (name, content) in files.Append(("go.mod", mod)))
        {
            using var writer = new StreamWriter(zip.CreateEntry($"{module}@{version}/{name}").Open());
            writer.Write(content);
        }

        return root;
    }
}
