using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Packages;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// `go list -e` of the project's packages, written to a cache file in obj/. go list is the truth about package
/// names, build constraints and //go:embed files; the target around this task runs it only when a source changes,
/// so a no-op build reads the cache instead. Given the sources, it also keeps go list's key (GoPackageListKey) beside
/// the list, and an edit that can't change the answer (a function body) reuses the list without starting go.
/// </summary>
public sealed class GoList : GoToolTask
{
    // Every line of ours starts with a marker, so go's own messages (downloads, errors) can't be mistaken for one.
    private const string Marker = "gopack-package\t";

    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();
    [Required] public string OutputFile { get; set; } = "";
    public bool CgoEnabled { get; set; }

    /// <summary>The build's sources (@(_GoBuildSource)); empty: go list always runs.</summary>
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The environment variables go's answer depends on ($(GoBuildEnvironmentVariableNames)): their values are hashed into the key.</summary>
    public string[] EnvironmentVariableNames { get; set; } = Array.Empty<string>();

    private string KeyFile => OutputFile + ".key";

    private string LinesFile => OutputFile + ".lines";

    public override bool Execute()
    {
        var key = ComputeKey();
        if (key != null && File.Exists(OutputFile) && File.Exists(KeyFile) && File.ReadAllText(KeyFile) == key)
        {
            // The key file is _GoListPackages' output: newer than the sources again, so the next build's up-to-date
            // check passes without hashing anything. The list keeps its time stamp: ResolveGoMainPackages keeps its
            // answers by that stamp, and touching the list made every edit build work them out again.
            File.SetLastWriteTimeUtc(KeyFile, DateTime.UtcNow);
            Log.LogMessage(MessageImportance.Normal, "go list not run: no source changed a package clause, build constraint, import or //go:embed line since the last list.");
            return true;
        }

        // No key while go runs: a list left by a failed or killed run is never taken as current.
        if (File.Exists(KeyFile)) File.Delete(KeyFile);
        var succeeded = base.Execute() && !Log.HasLoggedErrors;
        // Written even without a key (it is the target's output); an empty key matches none worked out later.
        if (succeeded && File.Exists(OutputFile)) AtomicFile.WriteAllText(KeyFile, key ?? "");
        return succeeded;
    }

    private string? ComputeKey()
    {
        if (Sources.Length == 0) return null;
        try
        {
            var settings = new[]
            {
                // Another GoPack may list differently.
                typeof(GoList).Assembly.ManifestModule.ModuleVersionId.ToString(),
                GenerateCommandLineCommands(),
                string.Join("\n", GetEnvironmentOverrides().Select(p => p.Key + "=" + p.Value)),
                WorkingDirectory,
                GoExecutable + "|" + FileStamps.Stamp(GoExecutable),
            }.Concat(EnvironmentVariableNames.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => n + "=" + (Environment.GetEnvironmentVariable(n) ?? "\0unset")));
            var lines = LineDigests.Load(LinesFile);
            var key = GoPackageListKey.Compute(Sources.Select(s => s.GetMetadata("FullPath")), settings, lines);
            lines.Save(LinesFile);
            return key;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogMessage(MessageImportance.Low, $"go list runs: its key could not be computed ({e.Message}).");
            return null;
        }
    }


    protected override IEnumerable<string> GetArguments()
    {
        yield return "list";
        yield return "-e";
        // The build's flags (-tags, -mod...) decide which files and packages exist; -x would print go list's own
        // commands into the package list's output.
        foreach (var flag in Flags) if (flag != "-x") yield return flag;
        yield return "-f";
        // The separator is the control character itself: no backslash escape for anything on the way to mangle.
        yield return Marker + "{{.ImportPath}}\t{{.Name}}\t{{.Dir}}\t{{join .EmbedFiles \"\u001f\"}}\t{{join .Imports \"\u001f\"}}";
        foreach (var pattern in Patterns) yield return pattern;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        // Build constraints on cgo select files, so list with the setting the build will use.
        environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        return environment;
    }

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var packages = new List<GoPackageInfo>();
        var rest = new List<string>();
        foreach (var line in lines)
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                rest.Add(line);
                continue;
            }
            var fields = line.Substring(Marker.Length).Split('\t');
            if (fields.Length < 5 || fields[2].Length == 0) continue; // a pattern that matched nothing
            var embeds = fields[3].Length == 0
                ? Array.Empty<string>()
                : fields[3].Split('\x1f').Select(f => Path.Combine(fields[2], f)).ToArray();
            var imports = fields[4].Length == 0 ? Array.Empty<string>() : fields[4].Split('\x1f');
            packages.Add(new GoPackageInfo(fields[0], fields[1], fields[2], embeds, imports));
        }

        // A "go" that answers go list with exit code 0 and none of our lines is no Go (a wrapper script, another
        // program of that name beside a VERSION file): without this the project would build as a library, with no
        // binary and no error. Go itself says "matched no packages" when there is nothing to list.
        var listed = lines.Any(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (exitCode == 0 && !listed && !lines.Any(l => l.IndexOf("matched no packages", StringComparison.Ordinal) >= 0))
        {
            var said = string.Join(" | ", rest.Select(l => l.Trim()).Where(l => l.Length > 0));
            LogGoPackError(GoPackErrors.NotGo,
                $"'{GoExecutable}' answered `go list` without listing a package ({(said.Length == 0 ? "it printed nothing" : "it printed: " + Execution.LogText.Shorten(said, 300))}), " +
                $"so it is not a working Go toolchain although {Path.Combine(GoRoot, "VERSION")} says it is. Reinstall Go in '{GoRoot}', or set GoRoot to another toolchain " +
                "(dotnet build -t:GoToolchainList shows the ones found).");
            return;
        }

        // Package errors are reported by go build, with positions; go list only needs to say what exists.
        base.ReportOutput(rest, exitCode);
        if (exitCode == 0) GoPackageList.Write(OutputFile, packages);
    }
}
