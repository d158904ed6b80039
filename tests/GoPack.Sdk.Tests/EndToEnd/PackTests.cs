using System.IO.Compression;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>dotnet pack on a .gocsproj: NuGet's pack, runtimes/&lt;rid&gt;/native/ assets, .NET tool packages, read back as NuGet and dotnet tool read them.</summary>
public sealed class PackTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Pack_puts_each_RuntimeIdentifier_binary_under_runtimes_native_with_the_usual_package_metadata()
    {
        var project = environment.CreateProject("gocmd");
        project.WriteFile("go.mod", "module example.com/gocmd\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nvar version = \"dev\"\n\nfunc main() { fmt.Println(\"gocmd\", version) }\n");
        project.WriteProjectFile("""
            <PropertyGroup>
              <RuntimeIdentifiers>linux-x64;linux-arm64;win-x64</RuntimeIdentifiers>
              <PackageId>Contoso.GoCmd</PackageId>
              <Version>2.1.0</Version>
              <Authors>Contoso</Authors>
              <Description>A Go command, packed by GoPack.</Description>
              <PackageLicenseExpression>Apache-2.0</PackageLicenseExpression>
              <RepositoryUrl>https://example.com/contoso/gocmd.git</RepositoryUrl>
              <PackageTags>go;cli</PackageTags>
            </PropertyGroup>
            """);
        var output = Path.Combine(project.Directory, "packages");

        var pack = project.Dotnet("pack", project.ProjectFile, "-o", output);

        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        var nupkg = Path.Combine(output, "Contoso.GoCmd.2.1.0.nupkg");
        var entries = TestEnvironment.PackageEntries(nupkg);
        Assert.Equal(
            ["runtimes/linux-arm64/native/gocmd", "runtimes/linux-x64/native/gocmd", "runtimes/win-x64/native/gocmd.exe"],
            entries.Where(e => e.StartsWith("runtimes/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        var extracted = Path.Combine(project.Directory, "extracted");
        ZipFile.ExtractToDirectory(nupkg, extracted);
        Assert.Equal("ELF64 aarch64", BinaryFormat.Describe(Path.Combine(extracted, "runtimes/linux-arm64/native/gocmd")));
        Assert.Equal("ELF64 x86-64", BinaryFormat.Describe(Path.Combine(extracted, "runtimes/linux-x64/native/gocmd")));
        Assert.Equal("PE x64", BinaryFormat.Describe(Path.Combine(extracted, "runtimes/win-x64/native/gocmd.exe")));

        var nuspec = MixedSolutionTests.ReadNuspec(nupkg);
        Assert.Equal("Contoso.GoCmd", MixedSolutionTests.Metadata(nuspec, "id"));
        Assert.Equal("2.1.0", MixedSolutionTests.Metadata(nuspec, "version"));
        Assert.Equal("Contoso", MixedSolutionTests.Metadata(nuspec, "authors"));
        Assert.Equal("A Go command, packed by GoPack.", MixedSolutionTests.Metadata(nuspec, "description"));
        Assert.Equal("Apache-2.0", MixedSolutionTests.Metadata(nuspec, "license"));
        Assert.Equal("go cli", MixedSolutionTests.Metadata(nuspec, "tags"));
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("https://example.com/contoso/gocmd.git", nuspec.Descendants(ns + "repository").Single().Attribute("url")!.Value);
        Assert.Empty(nuspec.Descendants(ns + "dependency"));
        // Built as a publish builds it: Release (-trimpath), stamped with the package's version. A zip keeps no file mode.
        var linux = Path.Combine(extracted, "runtimes/linux-x64/native/gocmd");
        linux.MakeExecutable();
        Assert.Equal("gocmd 2.1.0", ProcessRunner.Run(linux, [], project.Directory).Output.Trim());
        Assert.Contains("-trimpath=true", ProcessRunner.Run(environment.RealGo.GoExecutable, ["version", "-m", linux], project.Directory).Output);
    }

    [Fact]
    public void PackAsTool_makes_a_dotnet_tool_that_dotnet_tool_install_installs_and_runs()
    {
        var project = environment.CreateProject("gotool");
        project.WriteFile("go.mod", "module example.com/gotool\n\ngo 1.19\n");
        project.WriteFile("main.go", """
            package main

            import (
            	"fmt"
            	"os"
            	"strings"
            )

            func main() { fmt.Println("gotool says", strings.Join(os.Args[1:], " ")) }
            """);
        project.WriteProjectFile("""
            <PropertyGroup>
              <PackAsTool>true</PackAsTool>
              <ToolCommandName>go-hello</ToolCommandName>
              <Version>3.0.0</Version>
            </PropertyGroup>
            """);
        var feed = Path.Combine(project.Directory, "feed");

        var pack = project.Dotnet("pack", project.ProjectFile, "-o", feed);

        Assert.True(pack.ExitCode == 0, pack.ToString());
        // .NET 10's RID-specific tool layout: the package dotnet tool install asks for points at the one for this machine.
        Assert.Contains("tools/any/any/DotnetToolSettings.xml", TestEnvironment.PackageEntries(Path.Combine(feed, "gotool.3.0.0.nupkg")));
        Assert.Contains("tools/any/linux-x64/gotool", TestEnvironment.PackageEntries(Path.Combine(feed, "gotool.linux-x64.3.0.0.nupkg")));
        var types = MixedSolutionTests.ReadNuspec(Path.Combine(feed, "gotool.3.0.0.nupkg")).Descendants().Where(e => e.Name.LocalName == "packageType");
        Assert.Equal("DotnetTool", types.Single().Attribute("name")!.Value);

        var tools = Path.Combine(project.Directory, "tools");
        var install = project.Dotnet("tool", "install", "gotool", "--version", "3.0.0", "--tool-path", tools, "--add-source", feed);
        Assert.True(install.ExitCode == 0, install.ToString());
        var run = ProcessRunner.Run(Path.Combine(tools, "go-hello"), ["from", "NuGet"], project.Directory);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("gotool says from NuGet", run.Output.Trim());
    }

    [Fact]
    public void Packing_a_go_library_without_main_package_is_GOPACK0132_and_IsPackable_false_leaves_it_out()
    {
        var project = environment.CreateProject("golib");
        project.WriteFile("go.mod", "module example.com/golib\n\ngo 1.19\n");
        project.WriteFile("lib.go", "package golib\n\nfunc Answer() int { return 42 }\n");
        project.WriteProjectFile();

        var pack = project.Dotnet("pack", project.ProjectFile);

        Assert.NotEqual(0, pack.ExitCode);
        Assert.Contains("error GOPACK0132: golib is a Go library (no main package): there is no binary to pack.", pack.Output);

        // The advice: IsPackable=false leaves it out of dotnet pack.
        project.WriteProjectFile("<PropertyGroup><IsPackable>false</IsPackable></PropertyGroup>");
        var skipped = project.Dotnet("pack", project.ProjectFile);

        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Empty(Directory.GetFiles(project.Directory, "*.nupkg", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_packed_csharp_project_depends_on_the_go_package_or_carries_the_library_with_OutputItemType_Content()
    {
        var root = environment.CreateProject("wrapper");
        var go = new TestProject(environment, root.Path("gomath"), "gomath");
        go.WriteFile("go.mod", "module example.com/gomath\n\ngo 1.19\n");
        go.WriteFile("main.go", "package main\n\nimport \"C\"\n\n//export Add\nfunc Add(a, b C.int) C.int { return a + b }\n\nfunc main() {}\n");
        go.WriteProjectFile("<PropertyGroup><GoBuildMode>c-shared</GoBuildMode><Version>1.4.0</Version></PropertyGroup>");
        root.WriteFile("wrap/Native.cs", "namespace Wrap; public static partial class Native { [System.Runtime.InteropServices.LibraryImport(\"gomath\")] public static partial int Add(int a, int b); }\n");
        string Project(string reference) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><AllowUnsafeBlocks>true</AllowUnsafeBlocks></PropertyGroup>
              <ItemGroup>{reference}</ItemGroup>
            </Project>
            """;

        // A ProjectReference is a package dependency, as for any referenced project.
        root.WriteFile("wrap/wrap.csproj", Project("""<ProjectReference Include="../gomath/gomath.gocsproj" />"""));
        var depends = root.Dotnet("pack", "wrap/wrap.csproj", "-o", root.Path("depends"));
        Assert.True(depends.ExitCode == 0, depends.ToString());
        var dependency = MixedSolutionTests.ReadNuspec(root.Path("depends/wrap.1.0.0.nupkg")).Descendants().Single(e => e.Name.LocalName == "dependency");
        Assert.Equal(("gomath", "1.4.0"), (dependency.Attribute("id")!.Value, dependency.Attribute("version")!.Value));

        // OutputItemType="Content" and PrivateAssets="all": the library travels inside the C# package.
        root.WriteFile("wrap/wrap.csproj", Project("""<ProjectReference Include="../gomath/gomath.gocsproj" OutputItemType="Content" PrivateAssets="all" />"""));
        var carries = root.Dotnet("pack", "wrap/wrap.csproj", "-o", root.Path("carries"));
        Assert.True(carries.ExitCode == 0, carries.ToString());
        var entries = TestEnvironment.PackageEntries(root.Path("carries/wrap.1.0.0.nupkg"));
        Assert.Contains("lib/net10.0/wrap.dll", entries);
        Assert.Contains("runtimes/linux-x64/native/libgomath.so", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".h", StringComparison.Ordinal));
        Assert.DoesNotContain(MixedSolutionTests.ReadNuspec(root.Path("carries/wrap.1.0.0.nupkg")).Descendants(), e => e.Name.LocalName == "dependency");
    }
}
