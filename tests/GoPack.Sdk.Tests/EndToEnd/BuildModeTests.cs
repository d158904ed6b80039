using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>GoBuildMode: C libraries (c-shared, c-archive) and what GoPack says when one can't be built as asked.</summary>
public sealed class BuildModeTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string ExportedAdd = """
        package main

        import "C"

        //export Add
        func Add(a, b C.int) C.int { return a + b }

        func main() {}
        """;

    [Fact]
    public void A_c_archive_is_a_static_library_with_its_header_and_an_unchanged_rebuild_starts_no_go()
    {
        var project = environment.CreateProject("goarchive");
        project.WriteFile("go.mod", "module example.com/goarchive\n\ngo 1.19\n");
        project.WriteFile("main.go", ExportedAdd);
        project.WriteProjectFile("<PropertyGroup><GoBuildMode>c-archive</GoBuildMode></PropertyGroup>");
        var go = new CountingGo(environment);

        var build = project.Build(go.GoRootProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        var library = project.Path("bin/Debug/libgoarchive.a");
        Assert.Contains($"goarchive -> {library}", build.Output);
        Assert.StartsWith("!<arch>\n", File.ReadAllText(library)[..8]);
        Assert.Contains("extern int Add(int a, int b);", File.ReadAllText(project.Path("bin/Debug/libgoarchive.h")));
        Assert.Contains(go.Invocations, i => i.Contains("-buildmode=c-archive"));

        var noop = project.Build(go.GoRootProperty);
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Single(go.Builds);

        // A deleted header is an output missing: the next build writes it again.
        File.Delete(project.Path("bin/Debug/libgoarchive.h"));
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.True(File.Exists(project.Path("bin/Debug/libgoarchive.h")));
    }

    [Fact]
    public void A_c_shared_library_needs_cgo_and_one_main_package_each_GOPACK0131_says_how()
    {
        var project = environment.CreateProject("goshared");
        project.WriteFile("go.mod", "module example.com/goshared\n\ngo 1.19\n");
        project.WriteFile("cmd/lib/main.go", ExportedAdd);
        project.WriteFile("cmd/other/main.go", "package main\n\nfunc main() {}\n");

        project.WriteProjectFile("<PropertyGroup><GoBuildMode>plugin</GoBuildMode></PropertyGroup>");
        var plugin = project.Build();
        Assert.NotEqual(0, plugin.ExitCode);
        Assert.Contains("error GOPACK0131: GoBuildMode 'plugin' is not one GoPack builds: use one of exe, pie, c-shared, c-archive", plugin.Output);

        project.WriteProjectFile("<PropertyGroup><GoBuildMode>c-shared</GoBuildMode><CgoEnabled>false</CgoEnabled></PropertyGroup>");
        var noCgo = project.Build();
        Assert.NotEqual(0, noCgo.ExitCode);
        Assert.Contains("error GOPACK0131: GoBuildMode=c-shared builds a C library, which needs cgo, but the CgoEnabled property turns cgo off. Remove CgoEnabled=false", noCgo.Output);

        // Its advice, followed: now there are two main packages for one library.
        project.WriteProjectFile("<PropertyGroup><GoBuildMode>c-shared</GoBuildMode></PropertyGroup>");
        var two = project.Build();
        Assert.NotEqual(0, two.ExitCode);
        Assert.Contains("error GOPACK0131: GoBuildMode=c-shared builds one C library from one main package", two.Output);
        Assert.Contains("Set GoMainPackage to the package with the //export functions.", two.Output);

        // And that advice: the library is built, with cgo on although CGO_ENABLED=0 says otherwise.
        project.WriteProjectFile("<PropertyGroup><GoBuildMode>c-shared</GoBuildMode><GoMainPackage>./cmd/lib</GoMainPackage></PropertyGroup>");
        project.Environment["CGO_ENABLED"] = "0";
        var built = project.Build("-v:n");
        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Contains("CGO_ENABLED=0 is not used: GoBuildMode=c-shared builds a C library, which needs cgo.", built.Output);
        Assert.True(File.Exists(project.Path("bin/Debug/libgoshared.so")));
        Assert.True(File.Exists(project.Path("bin/Debug/libgoshared.h")));

        // Nothing to run: a program loads a library.
        var run = project.Dotnet("run", "--project", project.ProjectFile);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error GOPACK0019: goshared builds a C library (GoBuildMode=c-shared), so there is nothing to run", run.Output);
    }

    [Fact]
    public void A_release_build_of_a_cgo_library_in_a_second_checkout_vets_without_a_warning()
    {
        // go caches what cgo generated per content: vet with -trimpath would read a deleted first checkout's files.
        var first = environment.CreateProject("govet1", "cgocopy");
        first.WriteFile("go.mod", "module example.com/cgocopy\n\ngo 1.19\n");
        first.WriteFile("main.go", ExportedAdd.Replace("a + b", "a + b + 0*" + Random.Shared.Next(1000, 9999)));
        first.WriteProjectFile("<PropertyGroup><GoBuildMode>c-shared</GoBuildMode></PropertyGroup>");
        Assert.Equal(0, first.Build("-c", "Release").ExitCode);
        var second = environment.CreateProject("govet2", "cgocopy");
        foreach (var file in new[] { "go.mod", "main.go", "govet1.gocsproj" })
        {
            File.Copy(first.Path(file), second.Path(file.Replace("govet1", "govet2")));
        }
        Directory.Delete(first.Directory, recursive: true);

        var build = second.Build("-c", "Release");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.True(File.Exists(second.Path("bin/Release/libgovet2.so")));
    }
}
