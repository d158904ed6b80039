using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 12: what Visual Studio, Rider and VS Code see. The design-time targets they call on every project, run from
/// the command line as they run them (DesignTimeBuild, SkipCompilerExecution, ProvideCommandLineArgs), before and
/// after a build, with a go that counts its starts; the items Solution Explorer shows; the capabilities; the fast
/// up-to-date check's items; launch profiles for `dotnet run`.
/// </summary>
public sealed class IdeTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string DesignTimeTargets =
        "GetTargetFrameworks;GetTargetPath;GetCopyToOutputDirectoryItems;ResolveProjectReferences;ResolveAssemblyReferencesDesignTime;" +
        "ResolveProjectReferencesDesignTime;ResolveComReferencesDesignTime;CollectPackageReferences;CompileDesignTime;Compile;CoreCompile;" +
        "CollectUpToDateCheckInputDesignTime;CollectUpToDateCheckBuiltDesignTime;CollectUpToDateCheckOutputDesignTime";

    [Fact]
    public void Design_time_targets_answer_without_starting_go_and_show_the_go_files_the_capabilities_and_the_build_inputs_and_outputs()
    {
        var root = environment.CreateProject("ide");
        var tool = new TestProject(environment, root.Path("tool"), "tool").WriteHelloModule("tool", "example.com/tool");
        var svc = new TestProject(environment, root.Path("svc"), "svc").WriteProjectFile("""
            <ItemGroup><ProjectReference Include="../tool/tool.gocsproj" /></ItemGroup>
            """);
        svc.WriteFile("go.mod", "module example.com/svc\n\ngo 1.19\n");
        svc.WriteFile("go.sum", "");
        svc.WriteFile("static/index.html", "<p>hi</p>");
        svc.WriteFile("main.go", """
            package main

            import (
            	"embed"
            	"fmt"
            )

            //go:embed static
            var static embed.FS

            func main() {
            	page, _ := static.ReadFile("static/index.html")
            	fmt.Println(string(page))
            }
            """);
        svc.WriteFile("main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n");
        // What Microsoft.Managed.DesignTime.targets adds inside Visual Studio, imported at the same place.
        root.WriteFile("vs.targets", """
            <Project>
              <ItemGroup><ProjectCapability Include=".NET;AssemblyReferences;COMReferences;PackageReferences;DependenciesTree;LaunchProfiles" /></ItemGroup>
              <Target Name="CollectUpToDateCheckBuiltDesignTime" Returns="@(IntermediateAssembly)" />
            </Project>
            """);
        var go = new CountingGo(environment);

        // A fresh clone opened in the IDE, then the same after a build.
        var fresh = DesignTimeBuild(svc, go, root.Path("vs.targets"));
        Assert.Equal(Path.Combine(svc.Directory, "bin", "Debug", "svc"), Single(fresh, "GetTargetPath"));
        // Its ResolveProjectReferences didn't build the referenced Go project (nor returned it: it has no assembly).
        Assert.False(File.Exists(tool.OutputFile()));
        Assert.Empty(go.Invocations);
        var build = svc.Build(go.GoRootProperty);
        Assert.True(build.ExitCode == 0, build.ToString());
        var started = go.Invocations.Count;
        Assert.NotEqual(0, started);
        var built = DesignTimeBuild(svc, go, root.Path("vs.targets"));
        Assert.Equal(started, go.Invocations.Count);

        Assert.Equal("netstandard2.0", built.RootElement.GetProperty("Properties").GetProperty("TargetFramework").GetString());
        Assert.Equal(svc.OutputFile(), Single(built, "GetTargetPath"));

        var none = ItemNames(built, "None");
        Assert.Subset(new HashSet<string> { "main.go", "main_test.go", "go.mod", "go.sum" }, none.ToHashSet());

        var capabilities = ItemNames(built, "ProjectCapability").ToHashSet();
        Assert.Subset(capabilities, new HashSet<string> { "GoPack", "ProjectReferences", "OutputGroups", "LaunchProfiles", "DependenciesTree", ".NET" });
        Assert.DoesNotContain("AssemblyReferences", capabilities);
        Assert.DoesNotContain("COMReferences", capabilities);
        Assert.DoesNotContain("PackageReferences", capabilities);

        // The fast up-to-date check gets GoBuild's inputs and outputs, not the .NET assembly's.
        var inputs = Items(built, "CollectUpToDateCheckInputDesignTime").Select(p => Path.GetRelativePath(svc.Directory, p)).ToList();
        Assert.Contains("main.go", inputs);
        Assert.Contains("go.mod", inputs);
        Assert.Contains("go.sum", inputs);
        Assert.Contains(Path.Combine("static", "index.html"), inputs);
        Assert.Contains(Path.Combine("obj", "Debug", "svc.goinputs.cache"), inputs);
        Assert.DoesNotContain("main_test.go", inputs);
        Assert.Equal(
            [svc.OutputFile(), Path.Combine(svc.Directory, "obj", "Debug", "svc.gobuild.stamp")],
            Items(built, "CollectUpToDateCheckBuiltDesignTime").Order(StringComparer.Ordinal));
        Assert.All(inputs, input => Assert.True(File.GetLastWriteTimeUtc(svc.Path(input)) <= File.GetLastWriteTimeUtc(svc.OutputFile()), input));
    }

    [Fact]
    public void Dotnet_run_honours_a_launch_profile_as_for_csharp()
    {
        var project = environment.CreateProject("profiles").WriteProjectFile();
        project.WriteFile("go.mod", "module example.com/profiles\n\ngo 1.19\n");
        project.WriteFile("main.go", """
            package main

            import (
            	"fmt"
            	"os"
            )

            func main() {
            	fmt.Println(os.Args[1:], os.Getenv("GREETING"))
            }
            """);
        project.WriteFile("Properties/launchSettings.json", """
            {
              "profiles": {
                "profiles": { "commandName": "Project", "commandLineArgs": "--port 8081", "environmentVariables": { "GREETING": "from the first profile" } },
                "staging": { "commandName": "Project", "commandLineArgs": "--staging", "environmentVariables": { "GREETING": "from staging" } }
              }
            }
            """);

        var first = project.Dotnet("run", "--project", project.ProjectFile);
        var staging = project.Dotnet("run", "--project", project.ProjectFile, "--launch-profile", "staging", "--", "--verbose");
        var none = project.Dotnet("run", "--project", project.ProjectFile, "--no-launch-profile");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.EndsWith("[--port 8081] from the first profile", first.Output.Trim());
        // Arguments after -- replace the profile's, as for a C# project.
        Assert.EndsWith("[--verbose] from staging", staging.Output.Trim());
        Assert.Equal("[]", none.Output.Trim());
    }

    private static JsonDocument DesignTimeBuild(TestProject project, CountingGo go, string visualStudioTargets)
    {
        var result = project.Dotnet("msbuild", project.ProjectFile, "-t:" + DesignTimeTargets,
            "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:BuildingProject=false",
            "-p:CustomBeforeMicrosoftCommonTargets=" + visualStudioTargets, go.GoRootProperty,
            "-getProperty:TargetFramework", "-getItem:None", "-getItem:ProjectCapability",
            "-getTargetResult:GetTargetPath", "-getTargetResult:ResolveProjectReferences",
            "-getTargetResult:CollectUpToDateCheckInputDesignTime", "-getTargetResult:CollectUpToDateCheckBuiltDesignTime");
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        foreach (var target in json.RootElement.GetProperty("TargetResults").EnumerateObject())
        {
            Assert.True(target.Value.GetProperty("Result").GetString() == "Success", target.Name + ": " + result.Output);
        }
        return json;
    }

    private static List<string> Items(JsonDocument json, string target) =>
        json.RootElement.GetProperty("TargetResults").GetProperty(target).GetProperty("Items").EnumerateArray()
            .Select(i => i.GetProperty("FullPath").GetString()!).ToList();

    private static string Single(JsonDocument json, string target) => Assert.Single(Items(json, target));

    private static List<string> ItemNames(JsonDocument json, string itemType) =>
        json.RootElement.GetProperty("Items").GetProperty(itemType).EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToList();
}
