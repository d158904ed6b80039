using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>The .NET 8 artifacts layout (UseArtifactsOutput, ArtifactsPath) for Go projects, next to a C# project of the same repository.</summary>
public sealed class ArtifactsLayoutTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void UseArtifactsOutput_puts_go_outputs_where_it_puts_csharp_ones_for_build_rid_publish_and_clean()
    {
        var root = environment.CreateProject("artifacts");
        root.WriteFile("Directory.Build.props", "<Project><PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput></PropertyGroup></Project>\n");
        var go = new TestProject(environment, root.Path("svc"), "svc").WriteHelloModule("from artifacts");
        root.WriteFile("lib/lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        root.WriteFile("lib/Class1.cs", "namespace Lib; public static class Class1 { }\n");
        var artifacts = root.Path("artifacts");

        var build = go.Build();
        var csharp = root.Dotnet("build", "lib/lib.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(csharp.ExitCode == 0, csharp.ToString());
        Assert.True(File.Exists(Path.Combine(artifacts, "bin/lib/debug/lib.dll")));
        var binary = Path.Combine(artifacts, "bin/svc/debug/svc");
        Assert.Contains($"svc -> {binary}", build.Output);
        Assert.Equal("from artifacts", ProcessRunner.Run(binary, [], root.Directory).Output.Trim());
        Assert.True(File.Exists(Path.Combine(artifacts, "obj/svc/debug/svc.goinputs.cache")));
        Assert.False(Directory.Exists(go.Path("bin")), "svc/bin/ was written");
        Assert.False(Directory.Exists(go.Path("obj")), "svc/obj/ was written");

        // A RuntimeIdentifier is a pivot of its own, as debug_linux-arm64 for C#.
        var arm = go.Build("-r", "linux-arm64");
        Assert.True(arm.ExitCode == 0, arm.ToString());
        Assert.Equal("ELF64 aarch64", BinaryFormat.Describe(Path.Combine(artifacts, "bin/svc/debug_linux-arm64/svc")));
        Assert.True(File.Exists(Path.Combine(artifacts, "obj/svc/debug_linux-arm64/svc.goinputs.cache")));

        // publish goes to artifacts/publish/<project>/<pivots>/, the archives to artifacts/package/<configuration>/.
        var publish = go.Dotnet("publish", go.ProjectFile, "-r", "linux-x64");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Equal("from artifacts", ProcessRunner.Run(Path.Combine(artifacts, "publish/svc/release_linux-x64/svc"), [], root.Directory).Output.Trim());
        Assert.True(File.Exists(Path.Combine(artifacts, "package/release/svc_1.0.0_linux_amd64.tar.gz")));
        Assert.Equal(0, ProcessRunner.Run("sha256sum", ["-c", "svc_1.0.0_checksums.txt"], Path.Combine(artifacts, "package/release")).ExitCode);

        var clean = go.Dotnet("clean", go.ProjectFile);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(binary), "dotnet clean left the binary in artifacts/");
        Assert.False(Directory.Exists(go.Path("bin")), "svc/bin/ was written");
    }

    [Fact]
    public void ArtifactsPath_in_the_project_file_is_GOPACK0130_and_in_Directory_Build_props_it_works()
    {
        var root = environment.CreateProject("artifactslate");
        root.WriteFile("Directory.Build.props", "<Project />\n");
        var go = new TestProject(environment, root.Path("svc"), "svc").WriteHelloModule();
        go.WriteProjectFile("<PropertyGroup><ArtifactsPath>$(MSBuildThisFileDirectory)../out</ArtifactsPath></PropertyGroup>");

        var late = go.Build();

        Assert.NotEqual(0, late.ExitCode);
        Assert.Contains("error GOPACK0130: ArtifactsPath/UseArtifactsOutput is set in the project file, too late to move obj/", late.Output);

        // The advice: the setting moves to Directory.Build.props.
        go.WriteProjectFile();
        root.WriteFile("Directory.Build.props", "<Project><PropertyGroup><ArtifactsPath>$(MSBuildThisFileDirectory)out</ArtifactsPath></PropertyGroup></Project>\n");
        var fixedBuild = go.Build();

        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.True(File.Exists(root.Path("out/bin/svc/debug/svc")));
        Assert.True(File.Exists(root.Path("out/obj/svc/debug/svc.goinputs.cache")));
    }
}
