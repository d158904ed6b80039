using System.Text.RegularExpressions;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Every extension point the README promises, end to end on one project: the Custom*GoPack* imports, every *DependsOn
/// property the SDK's targets read, BeforeTargets/AfterTargets="GoBuild", and the .NET habits BeforeBuild, AfterBuild,
/// BeforeCompile and AfterCompile, each at its place in the order of a real dotnet build, publish, run, test or container publish.
/// </summary>
public sealed class ExtensionPointTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    /// <summary>The command that runs each *DependsOn property's target. A new one in the SDK fails the test until it is here.</summary>
    private static readonly Dictionary<string, string> CommandOf = new()
    {
        ["GoRestoreDependsOn"] = "build",
        ["DetectGoDependsOn"] = "build",
        ["ResolveGoToolchainDependsOn"] = "build",
        ["ResolveGoTargetDependsOn"] = "build",
        ["ResolveGoMainPackagesDependsOn"] = "build",
        ["GoBuildDependsOn"] = "build",
        ["GoResolveVersionDependsOn"] = "publish",
        ["GoPublishFilesDependsOn"] = "publish",
        ["GoPublishDependsOn"] = "publish",
        ["ComputeRunArgumentsDependsOn"] = "run",
        ["GoTestDependsOn"] = "test",
        ["PublishContainerDependsOn"] = "container",
    };

    /// <summary>Microsoft.Common.targets' own, which GoPack sets rather than extends.</summary>
    private static readonly string[] NotGoPacks = ["CompileDependsOn", "CoreBuildDependsOn"];

    [Fact]
    public void Every_extension_point_runs_at_its_place()
    {
        var dependsOn = SdkDependsOnProperties();
        var unknown = dependsOn.Where(p => !CommandOf.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0, "Say which command runs these extension points: " + string.Join(", ", unknown));

        var project = environment.CreateProject("ext");
        project.WriteFile("go.mod", "module example.com/ext\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello from ext\") }\n");
        project.WriteFile("main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n");
        // Imported before and after the SDK's props and targets: each records what was defined when it was read.
        project.WriteFile("before.props", Props("ExtBeforeProps", "OutputType=$(OutputType)"));
        project.WriteFile("after.props", Props("ExtAfterProps", "OutputType=$(OutputType)"));
        project.WriteFile("before.targets", Props("ExtBeforeTargets", "EnableDefaultGoItems=$(EnableDefaultGoItems)"));
        project.WriteFile("after.targets", $"""
            <Project>
              <PropertyGroup><ExtAfterTargets>EnableDefaultGoItems=$(EnableDefaultGoItems)</ExtAfterTargets></PropertyGroup>
              {Mark("BeforeCompile")}
              {Mark("AfterBuild")}
              <Target Name="ExtImports" AfterTargets="Build">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/ext.log" Lines="imports: $(ExtBeforeProps) | $(ExtAfterProps) | $(ExtBeforeTargets) | $(ExtAfterTargets)" />
              </Target>
            </Project>
            """);
        // Where a .csproj overrides Microsoft.Common.targets' empty BeforeBuild and AfterCompile: Directory.Build.targets.
        project.WriteFile("Directory.Build.targets", $"<Project>{Mark("BeforeBuild")}{Mark("AfterCompile")}</Project>");
        project.WriteProjectFile($"""
              <PropertyGroup>
                {string.Join("\n    ", dependsOn.Select(p => $"<{p}>$({p});Ext{p}</{p}>"))}
              </PropertyGroup>
              {string.Join("\n  ", dependsOn.Select(p => Mark("Ext" + p)))}
              <Target Name="ExtBeforeGoBuild" BeforeTargets="GoBuild">{Log("BeforeTargets=GoBuild")}</Target>
              <Target Name="ExtAfterGoBuild" AfterTargets="GoBuild">{Log("AfterTargets=GoBuild $([System.IO.File]::Exists('$(GoTargetPath)'))")}</Target>
              <!-- As in a .csproj, the project file comes before Microsoft.Common.targets, whose empty BeforeBuild wins. -->
              <Target Name="BeforeBuild">{Log("BeforeBuild in the project file")}</Target>
            """);
        string[] imports =
        [
            $"-p:CustomBeforeGoPackProps={project.Path("before.props")}", $"-p:CustomAfterGoPackProps={project.Path("after.props")}",
            $"-p:CustomBeforeGoPackTargets={project.Path("before.targets")}", $"-p:CustomAfterGoPackTargets={project.Path("after.targets")}",
        ];

        var build = project.Build(imports);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(
            [
                "ExtGoRestoreDependsOn",
                "BeforeBuild",
                "BeforeCompile",
                "ExtDetectGoDependsOn",
                "ExtResolveGoToolchainDependsOn",
                "ExtResolveGoTargetDependsOn",
                "ExtResolveGoMainPackagesDependsOn",
                "ExtGoBuildDependsOn",
                "BeforeTargets=GoBuild",
                "AfterTargets=GoBuild True",
                "AfterCompile",
                "AfterBuild",
                "imports: OutputType= | OutputType=Exe | EnableDefaultGoItems= | EnableDefaultGoItems=true",
            ],
            Steps(project).Where(step => !CommandOf.Any(c => c.Value != "build" && step == "Ext" + c.Key)));
        Assert.Equal("hello from ext", project.RunOutput().Output.Trim());

        // The other commands' extension points: each runs once.
        foreach (var command in new[] { "publish", "run", "test", "container" })
        {
            File.Delete(project.Path("ext.log"));
            var result = command switch
            {
                "run" => project.Dotnet("run", "--project", project.ProjectFile),
                // Without a registry or LocalRegistry, PublishContainer writes a tarball: no engine needed.
                "container" => project.Dotnet("publish", project.ProjectFile, "-p:ContainerPublish=true"),
                _ => project.Dotnet(command, project.ProjectFile),
            };
            Assert.True(result.ExitCode == 0, $"dotnet {command}: {result}");
            Assert.All(CommandOf.Where(c => c.Value == command), c => Assert.Single(Steps(project), "Ext" + c.Key));
            if (command == "run") Assert.Contains("hello from ext", result.Output);
        }
    }

    /// <summary>What the extension points wrote, in the order they ran.</summary>
    private static IReadOnlyList<string> Steps(TestProject project) =>
        File.Exists(project.Path("ext.log")) ? File.ReadAllLines(project.Path("ext.log")) : [];

    private static string Log(string text) => $"""<WriteLinesToFile File="$(MSBuildProjectDirectory)/ext.log" Lines="{text}" />""";

    private static string Mark(string target) => $"""<Target Name="{target}">{Log(target)}</Target>""";

    private static string Props(string name, string value) => $"<Project><PropertyGroup><{name}>{value}</{name}></PropertyGroup></Project>";

    /// <summary>Every public $(…DependsOn) a target of the SDK depends on (not _private ones), except Microsoft.Common.targets' own.</summary>
    private static List<string> SdkDependsOnProperties()
    {
        var sdk = Path.Combine(TestEnvironment.FindRepoRoot(), "sdk");
        return Directory.EnumerateFiles(sdk, "*.targets", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"DependsOnTargets=""[^""]*\$\((\w+DependsOn)\)").Select(m => m.Groups[1].Value))
            .Where(p => !NotGoPacks.Contains(p) && !p.StartsWith('_'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
