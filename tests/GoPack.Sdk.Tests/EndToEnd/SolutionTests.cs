using System.Xml.Linq;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Issue 12: Go projects in solutions with C# projects. The project type `dotnet sln add` writes; every solution verb on
/// a .sln, a .slnx and a Traversal-shaped dirs.proj, in parallel and in dependency order, in a repository whose
/// global.json, Directory.Build.props/.targets and Directory.Packages.props are made for C#.
/// </summary>
public sealed class SolutionTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string CSharpProjectType = "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    [Fact]
    public void Dotnet_sln_add_gives_every_gocsproj_the_csharp_project_type_through_later_saves_and_migrate()
    {
        var root = environment.CreateProject("types");
        new TestProject(environment, root.Path("a"), "a").WriteHelloModule("a", "example.com/a");
        new TestProject(environment, root.Path("b"), "b").WriteHelloModule("b", "example.com/b");
        root.WriteFile("c/c.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");

        // One project per command: the solution is read and written again each time, which used to turn the first
        // .gocsproj's "Common C#" into "C#".
        foreach (var format in new[] { "slnx", "sln" })
        {
            Assert.Equal(0, root.Dotnet("new", "sln", "-n", "types-" + format, "--format", format).ExitCode);
            foreach (var project in new[] { "a/a.gocsproj", "c/c.csproj", "b/b.gocsproj" })
            {
                var add = root.Dotnet("sln", $"types-{format}.{format}", "add", project);
                Assert.True(add.ExitCode == 0, add.ToString());
            }
        }

        var slnx = XDocument.Load(root.Path("types-slnx.slnx")).Descendants("Project").ToDictionary(p => p.Attribute("Path")!.Value, p => p.Attribute("Type")?.Value);
        Assert.Equal("C#", slnx["a/a.gocsproj"]);
        Assert.Equal("C#", slnx["b/b.gocsproj"]);
        Assert.Null(slnx["c/c.csproj"]);
        var sln = File.ReadAllLines(root.Path("types-sln.sln")).Where(l => l.StartsWith("Project(", StringComparison.Ordinal)).ToList();
        Assert.Contains(sln, l => l.StartsWith($"Project(\"{CSharpProjectType}\") = \"a\", \"a{Path.DirectorySeparatorChar}a.gocsproj\"", StringComparison.Ordinal) || l.StartsWith($"Project(\"{CSharpProjectType}\") = \"a\", \"a\\a.gocsproj\"", StringComparison.Ordinal));
        Assert.Equal(2, sln.Count(l => l.Contains(".gocsproj") && l.StartsWith($"Project(\"{CSharpProjectType}\")", StringComparison.Ordinal)));

        File.Delete(root.Path("types-slnx.slnx"));
        var migrate = root.Dotnet("sln", "types-sln.sln", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        var migrated = XDocument.Load(root.Path("types-sln.slnx")).Descendants("Project").Where(p => p.Attribute("Path")!.Value.EndsWith(".gocsproj", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, migrated.Count);
        Assert.All(migrated, p => Assert.Equal("C#", p.Attribute("Type")?.Value));
    }

    [Fact]
    public void Solutions_and_a_traversal_project_build_clean_test_publish_and_pack_csharp_and_go_in_parallel_in_dependency_order()
    {
        var root = environment.CreateProject("mono");
        WriteRepository(root);
        var tool = new TestProject(environment, root.Path("tool"), "tool");
        var svc = new TestProject(environment, root.Path("svc"), "svc");
        var app = root.Path("app/bin/Debug/net10.0/app.dll");

        Assert.Equal(0, root.Dotnet("new", "sln", "-n", "mono", "--format", "sln").ExitCode);
        Assert.Equal(0, root.Dotnet("new", "sln", "-n", "mono", "--format", "slnx").ExitCode);
        foreach (var solution in new[] { "mono.sln", "mono.slnx" })
        {
            var add = root.Dotnet("sln", solution, "add", "tool/tool.gocsproj", "svc/svc.gocsproj", "lib/lib.csproj", "app/app.csproj");
            Assert.True(add.ExitCode == 0, add.ToString());
        }

        // The .slnx, in parallel: each project's own checks fail the build if a dependency isn't built before it.
        var build = root.Dotnet("build", "mono.slnx", "-m");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.Equal("tool", tool.RunOutput().Output.Trim());
        Assert.Equal("svc", svc.RunOutput().Output.Trim());
        Assert.True(File.Exists(app));
        // Directory.Build.targets reached the Go projects too; the repository's C# settings didn't stop them.
        Assert.True(File.Exists(svc.Path("obj/repository-targets.txt")));
        // The repository's TargetFramework is for its C# projects: a Go project has none (app would warn NU1702).
        Assert.Equal("", root.Dotnet("msbuild", svc.ProjectFile, "-getProperty:TargetFramework").Output.Trim());

        var clean = root.Dotnet("clean", "mono.sln");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(tool.OutputFile()));
        Assert.False(File.Exists(svc.OutputFile()));
        Assert.False(File.Exists(app));

        var traversal = root.Dotnet("build", "dirs.proj", "-m");
        Assert.True(traversal.ExitCode == 0, traversal.ToString());
        Assert.Equal("svc", svc.RunOutput().Output.Trim());
        Assert.True(File.Exists(app));

        foreach (var solution in new[] { "mono.sln", "dirs.proj" })
        {
            var test = root.Dotnet("test", solution);
            Assert.True(test.ExitCode == 0, test.ToString());
            Assert.Contains("Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1, Duration: ", test.Output);
            Assert.Contains("svc.gocsproj", test.Output);
        }

        var publish = root.Dotnet("publish", "mono.slnx");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Equal("svc", ProcessRunner.Run(svc.Path("bin/Release/publish/svc"), [], svc.Directory).Output.Trim());
        Assert.True(File.Exists(root.Path("app/bin/Release/net10.0/publish/app.dll")), publish.Output);

        var pack = root.Dotnet("pack", "mono.sln", "-o", root.Path("packages"));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(root.Path("packages/lib.1.0.0.nupkg")), pack.Output);
    }

    /// <summary>
    /// A repository set up for C#: global.json names GoPack.Sdk's version once (version-less Sdk="GoPack.Sdk"),
    /// Directory.Build.props sets net8.0, nullable, warnings as errors and an analyzer for every project, with central
    /// package management; Directory.Build.targets adds a target to every project. tool (Go) ← svc (Go, with a test)
    /// ← app (C#) → lib (C#); each checks that what it depends on is built before it.
    /// </summary>
    private void WriteRepository(TestProject root)
    {
        SampleTree.WriteRepositoryFiles(environment, root.Directory, nugetOrg: true);
        root.WriteFile("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.VisualStudio.Threading.Analyzers" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        root.WriteFile("Directory.Packages.props", """
            <Project>
              <ItemGroup>
                <PackageVersion Include="Microsoft.VisualStudio.Threading.Analyzers" Version="17.6.40" />
              </ItemGroup>
            </Project>
            """);
        root.WriteFile("Directory.Build.targets", """
            <Project>
              <Target Name="RepositoryTargets" AfterTargets="Build">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/repository-targets.txt" Lines="$(MSBuildProjectName)" Overwrite="true" />
              </Target>
            </Project>
            """);

        new TestProject(environment, root.Path("tool"), "tool").WriteHelloModule("tool", "example.com/tool");
        var svc = new TestProject(environment, root.Path("svc"), "svc").WriteHelloModule("svc", "example.com/svc");
        svc.WriteFile("svc_test.go", "package main\n\nimport \"testing\"\n\nfunc TestSvc(t *testing.T) {}\n");
        foreach (var go in new[] { "tool", "svc" })
        {
            var reference = go == "svc" ? """<ItemGroup><ProjectReference Include="../tool/tool.gocsproj" /></ItemGroup>""" : "";
            var check = go == "svc" ? """<Error Condition="!Exists('../tool/bin/$(Configuration)/tool') " Text="tool is not built yet" />""" : "";
            root.WriteFile($"{go}/{go}.gocsproj", $"""
                <Project Sdk="GoPack.Sdk">
                  {reference}
                  <Target Name="CheckOrder" BeforeTargets="GoBuild">{check}</Target>
                </Project>
                """);
        }

        root.WriteFile("lib/lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        root.WriteFile("lib/Answer.cs", "namespace Lib;\n\npublic static class Answer\n{\n    public const int Value = 42;\n}\n");
        root.WriteFile("app/app.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../lib/lib.csproj" />
                <ProjectReference Include="../svc/svc.gocsproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Target Name="CheckOrder" BeforeTargets="CoreCompile">
                <Error Condition="!Exists('../svc/bin/$(Configuration)/svc')" Text="svc is not built yet" />
              </Target>
            </Project>
            """);
        root.WriteFile("app/Program.cs", "System.Console.WriteLine(Lib.Answer.Value);\n");

        // The shape of a Microsoft.Build.Traversal project (not on this feed): an MSBuild task over ProjectReference items.
        root.WriteFile("dirs.proj", """
            <Project DefaultTargets="Build">
              <ItemGroup>
                <ProjectReference Include="tool/tool.gocsproj;svc/svc.gocsproj;lib/lib.csproj;app/app.csproj" />
              </ItemGroup>
              <Target Name="Restore"><MSBuild Projects="@(ProjectReference)" Targets="Restore" /></Target>
              <Target Name="Build"><MSBuild Projects="@(ProjectReference)" Targets="Build" BuildInParallel="true" /></Target>
              <Target Name="Clean"><MSBuild Projects="@(ProjectReference)" Targets="Clean" BuildInParallel="true" /></Target>
              <Target Name="VSTest"><MSBuild Projects="@(ProjectReference)" Targets="VSTest" BuildInParallel="true" SkipNonexistentTargets="true" /></Target>
              <Target Name="Publish"><MSBuild Projects="@(ProjectReference)" Targets="Publish" BuildInParallel="true" /></Target>
              <Target Name="Pack"><MSBuild Projects="@(ProjectReference)" Targets="Pack" BuildInParallel="true" /></Target>
            </Project>
            """);
    }
}
