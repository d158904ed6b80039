using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

public sealed class SolutionTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_gocsproj_joins_a_solution_with_csharp_projects_and_builds_in_parallel()
    {
        var root = environment.CreateProject("mixed");
        var go = new TestProject(environment, root.Path("svc"), "svc").WriteHelloModule("from the solution");
        root.WriteFile("lib/lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        root.WriteFile("lib/Class1.cs", "namespace Lib; public static class Class1 { public const int Answer = 42; }\n");
        // A C# project may depend on the Go service, to build after it; no assembly flows between them.
        root.WriteFile("app/app.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../lib/lib.csproj" />
                <ProjectReference Include="../svc/svc.gocsproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        root.WriteFile("app/Program.cs", "System.Console.WriteLine(Lib.Class1.Answer);\n");

        Assert.Equal(0, root.Dotnet("new", "sln", "-n", "mixed", "--format", "sln").ExitCode);
        var add = root.Dotnet("sln", "mixed.sln", "add", "svc/svc.gocsproj", "lib/lib.csproj", "app/app.csproj");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("svc.gocsproj", File.ReadAllText(root.Path("mixed.sln")));

        var build = root.Dotnet("build", "mixed.sln", "-m");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"svc -> {go.OutputFile()}", build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.Equal("from the solution", go.RunOutput().Output.Trim());
    }
}
