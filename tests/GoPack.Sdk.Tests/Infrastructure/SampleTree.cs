namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// Multi-project samples (samples/sidecar, samples/interop) copied into a test directory as they are, with what
/// build.sh gives them in the repository: the SDK version in global.json's msbuild-sdks, and a NuGet feed.
/// </summary>
public static class SampleTree
{
    /// <summary>Copies samples/<paramref name="sample"/>, without bin/, obj/ or generated files, into <paramref name="destination"/>.</summary>
    public static void Copy(TestEnvironment environment, string sample, string destination)
    {
        var source = Path.Combine(environment.RepoRoot, "samples", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "artifacts") || Path.GetFileName(file).StartsWith("zz_", StringComparison.Ordinal)) continue;
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>
    /// global.json naming the packed SDK version (the samples say Sdk="GoPack.Sdk"), and a nuget.config with the test
    /// feed, plus nuget.org (and the machine's package folder) for C# projects that need packages.
    /// </summary>
    public static void WriteRepositoryFiles(TestEnvironment environment, string root, bool nugetOrg, params string[] extraFeeds)
    {
        File.WriteAllText(Path.Combine(root, "global.json"), $$"""{ "msbuild-sdks": { "GoPack.Sdk": "{{environment.SdkVersion}}" } }""" + "\n");
        var feeds = string.Concat(extraFeeds.Select((f, i) => $"""    <add key="extra{i}" value="{f}" />""" + "\n"));
        var online = nugetOrg
            ? (Directory.Exists("/opt/nuget/packages") ? """    <add key="machine" value="/opt/nuget/packages" />""" + "\n" : "")
              + """    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />""" + "\n"
            : "";
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gopack" value="{environment.FeedDirectory}" />
            {feeds}{online}  </packageSources>
            </configuration>

            """);
    }
}
