using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Publishing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// One CycloneDX SBOM per binary (<see cref="CycloneDxWriter"/>), from `go version -m` of all of them in one go run.
/// </summary>
public sealed class WriteGoSbom : GoToolTask
{
    private IReadOnlyList<string> _lines = Array.Empty<string>();

    /// <summary>The binaries; metadata SbomFile says where each one's SBOM goes.</summary>
    [Required] public ITaskItem[] Binaries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The main module's go.sum: the hashes of vendored dependencies, which the build info leaves out.</summary>
    public string? GoSumFile { get; set; }

    /// <summary>The project's Version, for a main module without a version or VCS information.</summary>
    public string? FallbackVersion { get; set; }

    /// <summary>Seconds since 1970 (SOURCE_DATE_EPOCH or the commit time) for metadata.timestamp; empty leaves it out.</summary>
    public string? Epoch { get; set; }

    /// <summary>metadata.tools' GoPack version; default: this assembly's (the package's) version.</summary>
    public string? ToolVersion { get; set; }

    [Output] public ITaskItem[] SbomFiles { get; private set; } = Array.Empty<ITaskItem>();

    protected override IEnumerable<string> GetArguments()
    {
        yield return "version";
        yield return "-m";
        foreach (var binary in Binaries) yield return binary.GetMetadata("FullPath");
    }

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        _lines = lines;
        if (exitCode != 0)
        {
            LogGoPackError(GoPackErrors.PackageRuntimeFailed,
                $"go version -m failed (exit code {exitCode}), so no SBOM can be written: {string.Join(" ", lines.Select(l => l.Trim()))}. " +
                "Publish again (dotnet publish) so the binaries are Go executables of this toolchain, or set GoPackageRuntime=false.");
        }
    }

    public override bool Execute()
    {
        if (Binaries.Length == 0) return true;
        if (!base.Execute()) return false;

        var infos = GoBuildInfo.Parse(_lines);
        IReadOnlyDictionary<string, string>? sums = null;
        if (!string.IsNullOrEmpty(GoSumFile) && File.Exists(GoSumFile)) sums = CycloneDxWriter.ParseGoSum(File.ReadAllLines(GoSumFile));
        DateTimeOffset? timestamp = long.TryParse(Epoch, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

        var written = new List<ITaskItem>();
        foreach (var binary in Binaries)
        {
            var path = binary.GetMetadata("FullPath");
            var info = infos.FirstOrDefault(i => string.Equals(Path.GetFullPath(i.File), path, StringComparison.Ordinal));
            if (info is null)
            {
                LogGoPackError(GoPackErrors.PackageRuntimeFailed,
                    $"{path} has no Go build information (go version -m says: {string.Join(" ", _lines.Where(l => l.Contains(path)).Select(l => l.Trim()))}). " +
                    "Only binaries go built carry it: publish again, or set GoPackageRuntime=false.");
                return false;
            }

            var sbom = CycloneDxWriter.Write(new SbomOptions
            {
                BuildInfo = info,
                BinaryName = Path.GetFileName(path),
                BinarySha256 = Hex.Sha256OfFile(path),
                GoSum = sums,
                FallbackVersion = FallbackVersion,
                Timestamp = timestamp,
                ToolVersion = string.IsNullOrEmpty(ToolVersion) ? PackageVersion() : ToolVersion,
            });
            var target = binary.GetMetadata("SbomFile");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.WriteAllBytes(target, sbom);
            Log.LogMessage(MessageImportance.Low, "Wrote the SBOM of {0} to {1}", path, target);
            written.Add(new Microsoft.Build.Utilities.TaskItem(target));
        }

        SbomFiles = written.ToArray();
        return !Log.HasLoggedErrors;
    }

    // The informational version NB.GV stamps (1.0.29-alpha+0fa4054e00), without the commit after '+'.
    private static string? PackageVersion()
    {
        var version = typeof(WriteGoSbom).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        return version?.Split('+')[0];
    }
}
