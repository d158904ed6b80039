using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Functions;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Makes sure the functions analyzer exists for this toolchain (<see cref="FunctionsAnalyzerTool"/>): an existing
/// build is used as is, without starting go; otherwise `go build` compiles GoPack's Go source into the tools cache,
/// under a temporary name renamed into place, so builds racing for it never see half a binary.
/// WorkingDirectory is the analyzer's source directory in the GoPack package.
/// </summary>
public sealed class GoBuildFunctionsAnalyzer : GoToolTask
{
    /// <summary>GoToolsCache; empty: ~/.gopack/tools.</summary>
    public string? CacheDirectory { get; set; }

    [Output] public string AnalyzerPath { get; private set; } = "";

    private string _temporaryPath = "";

    protected override bool TakesCommandSlot => true;

    protected override IEnumerable<string> GetArguments()
    {
        yield return "build";
        yield return "-o";
        yield return _temporaryPath;
        yield return ".";
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        // The analyzer runs here, now: never cross-compiled, never affected by the project's go settings (an empty
        // value is go's default). Its module has no dependencies, so nothing is fetched.
        foreach (var name in new[] { "GOOS", "GOARCH", "GOARM", "GOAMD64", "GO386", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GOWASM", "GOFLAGS", "GOEXPERIMENT" })
        {
            environment[name] = "";
        }

        environment["CGO_ENABLED"] = "0";
        environment["GOWORK"] = "off";
        environment["GO111MODULE"] = "on";
        environment["GOPROXY"] = "off";
        return environment;
    }

    public override bool Execute()
    {
        string cache;
        try
        {
            cache = string.IsNullOrWhiteSpace(CacheDirectory)
                ? FunctionsAnalyzerTool.DefaultCacheDirectory(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
                : CacheDirectory!;
            AnalyzerPath = FunctionsAnalyzerTool.GetPath(cache, WorkingDirectory, ToolchainVersion ?? "", GoRoot);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
        {
            LogGoPackError(GoPackErrors.FunctionsAnalyzerFailed, $"GoPack can't read the functions analyzer's source in '{WorkingDirectory}': {e.Message} Reinstall the GoPack.Sdk package.");
            return false;
        }

        if (File.Exists(AnalyzerPath))
        {
            Log.LogMessage(MessageImportance.Low, "Functions analyzer: {0}", AnalyzerPath);
            return true;
        }

        var directory = Path.GetDirectoryName(AnalyzerPath)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            LogGoPackError(GoPackErrors.FunctionsAnalyzerFailed,
                $"GoPack can't write its functions analyzer into '{directory}': {e.Message} Set the GoToolsCache property to a folder you can write to.");
            return false;
        }

        _temporaryPath = AnalyzerPath + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Log.LogMessage(MessageImportance.Normal, "Building the functions analyzer with Go {0} into {1}", ToolchainVersion, AnalyzerPath);
        try
        {
            if (!base.Execute()) return false;
            try
            {
                File.Move(_temporaryPath, AnalyzerPath);
            }
            catch (IOException) when (File.Exists(AnalyzerPath))
            {
                // Another build put its own there first: the same source and toolchain, so the same program.
            }

            return true;
        }
        finally
        {
            if (File.Exists(_temporaryPath)) File.Delete(_temporaryPath);
        }
    }
}
