using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using GoPack.Sdk.Toolchains;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// One per end-to-end test class: the packed GoPack.Sdk nupkg in a private local feed, an isolated NuGet packages folder (the
/// NuGet SDK resolver caches a package by version forever) and a unique temp root for the test projects.
/// The nupkg is GOPACK_TEST_NUPKG when test.sh packed it, else this packs the repository's package itself.
/// </summary>
public sealed class TestEnvironment : IDisposable
{
    public TestEnvironment()
    {
        RepoRoot = FindRepoRoot();
        Root = Path.Combine(Path.GetTempPath(), "gopack-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        FeedDirectory = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        PackagesDirectory = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName;
        ProjectsDirectory = Directory.CreateDirectory(Path.Combine(Root, "projects")).FullName;

        var nupkg = Environment.GetEnvironmentVariable("GOPACK_TEST_NUPKG");
        if (string.IsNullOrEmpty(nupkg)) nupkg = PackedOnce.Value;
        NupkgPath = Path.Combine(FeedDirectory, Path.GetFileName(nupkg));
        File.Copy(nupkg, NupkgPath);
        SdkVersion = Regex.Match(Path.GetFileName(nupkg), @"^GoPack\.Sdk\.(.+)\.nupkg$", RegexOptions.IgnoreCase).Groups[1].Value;

        File.WriteAllText(Path.Combine(ProjectsDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gopack-test-feed" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        // Keep the test projects out of any Directory.Build.props/global.json above the temp dir.
        File.WriteAllText(Path.Combine(ProjectsDirectory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(ProjectsDirectory, "Directory.Build.targets"), "<Project />");

        RealGo = new GoToolchainLocator(new GoToolchainLocatorOptions
        {
            PathEnvironment = Environment.GetEnvironmentVariable("PATH"),
            GoRootEnvironment = Environment.GetEnvironmentVariable("GOROOT"),
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        }).EnumerateCandidates().FirstOrDefault()
            ?? throw new InvalidOperationException("The end-to-end tests need a Go toolchain (test.sh installs one).");
    }

    public string RepoRoot { get; }
    public string Root { get; }
    public string FeedDirectory { get; }
    public string PackagesDirectory { get; }
    public string ProjectsDirectory { get; }
    public string NupkgPath { get; }
    public string SdkVersion { get; }
    public GoToolchain RealGo { get; }

    public TestProject CreateProject(string name, string? directoryName = null)
    {
        var directory = Path.Combine(ProjectsDirectory, (directoryName ?? name) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return new TestProject(this, directory, name);
    }

    /// <summary>A copy of one of the repository's samples/ projects, ready to build.</summary>
    public TestProject CopySample(string sample)
    {
        var project = CreateProject(sample);
        var source = Path.Combine(RepoRoot, "samples", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var target = Path.Combine(project.Directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The sample names the SDK without a version; the test names the version it packed.
        project.WriteFile(sample + ".gocsproj", project.SdkProjectXml());
        return project;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("GOPACK_KEEP_TEST_DIRS") == "1") return;
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Without test.sh's package, the first environment packs one for all (test classes run in parallel).</summary>
    private static readonly Lazy<string> PackedOnce = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Pack()
    {
        var output = Path.Combine(Path.GetTempPath(), "gopack-tests", "pack-" + Guid.NewGuid().ToString("N")[..12]);
        var repoRoot = FindRepoRoot();
        var result = ProcessRunner.Run("dotnet",
            ["pack", Path.Combine(repoRoot, "src", "GoPack.Sdk", "GoPack.Sdk.csproj"), "-c", "Release", "-o", output, "-nodeReuse:false"],
            repoRoot, new Dictionary<string, string?> { ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
        if (result.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + result.Output);
        return Directory.EnumerateFiles(output, "GoPack.Sdk.*.nupkg").Single();
    }

    internal static string FindRepoRoot()
    {
        var recorded = typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded != null && File.Exists(Path.Combine(recorded, "GoSdk.sln"))) return recorded;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoSdk.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("GoSdk.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<string> PackageEntries(string nupkg)
    {
        using var archive = ZipFile.OpenRead(nupkg);
        return archive.Entries.Select(e => e.FullName).ToList();
    }
}

/// <summary>
/// End-to-end test classes run in parallel, each with a <see cref="TestEnvironment"/> of its own (IClassFixture):
/// every test writes only under unique temp directories. A class whose assertions depend on timing joins this
/// collection instead, which xunit runs alone after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialEndToEndCollection : ICollectionFixture<TestEnvironment>
{
    public const string Name = "end-to-end, alone";
}
