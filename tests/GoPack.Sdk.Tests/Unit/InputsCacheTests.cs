using System.Text.RegularExpressions;
using System.Xml.Linq;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// A property that changes what go builds must change the inputs cache, or a build after changing it is skipped as up
/// to date. Every property of README's table is accounted for here: a @(GoInputsCacheValue) declared beside its
/// default in the SDK, or covered by a value the build computes from it, or one that changes no binary. A new property
/// fails this test until it is placed. (EndToEnd.IncrementalTests proves each cache value rebuilds.)
/// </summary>
public sealed class InputsCacheTests
{
    /// <summary>Settings whose effect reaches the cache through what the build computes from them.</summary>
    private static readonly Dictionary<string, string> CoveredByComputedValue = new()
    {
        ["GoModuleDir"] = "GoModuleRoot",
        ["GoVersion"] = "GoToolchainVersion and GoRoot: the toolchain chosen",
        ["GoBuildTool"] = "GoBuildToolResolved",
        ["GoBinary"] = "_GoMakefileBinary",
        ["RuntimeIdentifier"] = "GoTarget (the GOOS/GOARCH lines) and the per-RID obj/ folder",
        ["GoOS"] = "GoTarget",
        ["GoArch"] = "GoTarget",
        ["GoArm"] = "GoTarget",
        ["GoAmd64"] = "GoTarget",
        ["Go386"] = "GoTarget",
        ["AppendRuntimeIdentifierToOutputPath"] = "obj/ and bin/ folders of their own",
        ["UseArtifactsOutput"] = "obj/ and bin/ folders of their own",
        ["ArtifactsPath"] = "obj/ and bin/ folders of their own",
        ["Version"] = "Flags: a publish stamps it with -X",
        ["GoVersionSymbol"] = "Flags",
        ["GoCommitSymbol"] = "Flags",
        ["GoDateSymbol"] = "Flags",
        ["GoRoot"] = "GoRoot and GoToolchainVersion: the toolchain chosen",
        ["GoToolchainPolicy"] = "GoRoot and GoToolchainVersion",
        ["GoToolchainFeed"] = "GoRoot and GoToolchainVersion",
        ["GoToolchainCache"] = "GoRoot and GoToolchainVersion",
        ["GoToolchainSearchPaths"] = "GoRoot and GoToolchainVersion",
        ["GoBuildEnvironmentVariableNames"] = "the variables' values, hashed by name",
        ["EnableDefaultGoItems"] = "the list of source files",
        ["DefaultGoItemExcludes"] = "the list of source files",
    };

    /// <summary>Settings that change no binary go builds.</summary>
    private static readonly Dictionary<string, string> NotABuildInput = new()
    {
        ["GoRunCommand"] = "dotnet run and the Procfile only",
        ["GoGenerateProcfile"] = "publish only",
        ["RuntimeIdentifiers"] = "which inner builds a publish starts",
        ["PublishDir"] = "where a publish copies",
        ["PublishRelease"] = "chooses Configuration, which is a cache value",
        ["GoPackageRuntime"] = "archives after publish",
        ["GoArchiveFormat"] = "archives after publish",
        ["GoPackageOutputPath"] = "archives after publish",
        ["PackageId"] = "archive names",
        ["EnableDefaultGoPackageFiles"] = "archive content",
        ["GoToolsCache"] = "where the functions analyzer is kept",
        ["GoFunctionsManifest"] = "where the manifest is copied",
        ["GoEnableNuGetRestore"] = "restore only",
        ["GoWatchRestart"] = "dotnet watch only",
        ["GoMaxConcurrentCommands"] = "how many go commands compile at once on the machine: the same binary, later or sooner",
        ["GoCacheTaskAnswers"] = "whether task answers are kept in obj/: the same answers either way",
        ["DefaultProjectTypeGuid"] = "the project type solutions record",
        ["AccelerateBuildsInVisualStudio"] = "Visual Studio's up-to-date check",
        ["CustomBeforeGoPackProps"] = "imports: a changed project file rebuilds (MSBuildAllProjects)",
        ["CustomAfterGoPackProps"] = "imports",
        ["CustomBeforeGoPackTargets"] = "imports",
        ["CustomAfterGoPackTargets"] = "imports",
        ["GoPackTasksAssembly"] = "which build of the same tasks runs",
        ["PackRelease"] = "chooses Configuration for dotnet pack, which is a cache value",
        ["IsPackable"] = "dotnet pack only",
        ["PackAsTool"] = "dotnet pack only",
        ["ToolCommandName"] = "dotnet pack only",
        ["ToolPackageRuntimeIdentifiers"] = "which inner builds dotnet pack starts",
        ["GoNuGetPackTargets"] = "dotnet pack only",
        ["IsRidAgnostic"] = "dotnet pack only",
    };

    [Fact]
    public void Every_property_of_the_README_is_a_cache_value_covered_or_not_a_build_input()
    {
        var cacheValues = CacheValues().Select(v => v.Name).ToHashSet();
        var unplaced = ReadmeProperties()
            .Where(p => !cacheValues.Contains(p) && !CoveredByComputedValue.ContainsKey(p) && !NotABuildInput.ContainsKey(p))
            .ToList();

        Assert.True(unplaced.Count == 0,
            $"Properties the inputs cache doesn't account for: {string.Join(", ", unplaced)}. Declare <GoInputsCacheValue Include=\"Name\" Value=\"$(Name)\" /> beside the default, or say here why it changes no binary.");
        Assert.Empty(CoveredByComputedValue.Keys.Intersect(cacheValues));
        Assert.Empty(NotABuildInput.Keys.Intersect(cacheValues));
    }

    [Fact]
    public void Each_cache_value_is_the_property_it_names_declared_beside_its_default()
    {
        var values = CacheValues();

        Assert.NotEmpty(values);
        foreach (var (name, value, file, document) in values)
        {
            Assert.True(value == $"$({name})", $"{file}: GoInputsCacheValue {name} has Value=\"{value}\"");
            var declared = document.Descendants().Any(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup");
            Assert.True(declared, $"{file} declares GoInputsCacheValue {name} but not the property's default beside it");
        }
    }

    /// <summary>The README's property table, first column.</summary>
    internal static IReadOnlyList<string> ReadmeProperties()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.FindRepoRoot(), "README.md"));
        var start = readme.IndexOf("| Property |", readme.IndexOf("## Properties", StringComparison.Ordinal), StringComparison.Ordinal);
        var table = readme.Substring(start, readme.IndexOf("\n\n", start, StringComparison.Ordinal) - start);
        return table.Split('\n').Skip(2)
            .SelectMany(row => Regex.Matches(row.Split('|')[1], "`([A-Za-z0-9]+)`").Select(m => m.Groups[1].Value))
            .ToList();
    }

    /// <summary>Every GoInputsCacheValue item the SDK declares outside targets (at evaluation).</summary>
    internal static IReadOnlyList<(string Name, string Value, string File, XDocument Document)> CacheValues()
    {
        var sdk = Path.Combine(TestEnvironment.FindRepoRoot(), "sdk");
        var values = new List<(string, string, string, XDocument)>();
        foreach (var file in Directory.EnumerateFiles(sdk, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)))
        {
            var document = XDocument.Load(file);
            foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "GoInputsCacheValue" && !e.Ancestors().Any(a => a.Name.LocalName == "Target")))
            {
                values.Add((item.Attribute("Include")!.Value, item.Attribute("Value")?.Value ?? "", Path.GetFileName(file), document));
            }
        }

        return values;
    }
}
