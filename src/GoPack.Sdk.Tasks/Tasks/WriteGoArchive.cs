using System;
using System.Globalization;
using System.IO;
using System.Linq;
using GoPack.Sdk.Publishing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// A reproducible tar.gz or zip (<see cref="DeterministicArchive"/>) of the Entries, written next to its final path and
/// renamed into place, so a failed or cancelled publish never leaves half an archive.
/// </summary>
public sealed class WriteGoArchive : GoPackTask
{
    /// <summary>Files to put in; metadata ArchivePath (default: the file name) and Mode (octal, default 0644).</summary>
    [Required] public ITaskItem[] Entries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>tar.gz or zip (GoArchiveFormat).</summary>
    [Required] public string Format { get; set; } = "";

    [Required] public string OutputFile { get; set; } = "";

    /// <summary>Seconds since 1970 for every entry's time; empty: 1980-01-01, the earliest a zip can hold.</summary>
    public string? Epoch { get; set; }

    public override bool Execute()
    {
        var format = DeterministicArchive.ParseFormat(Format);
        if (format is null)
        {
            LogGoPackError(GoPackErrors.PackageRuntimeFailed, $"GoArchiveFormat is '{Format}': use tar.gz or zip.");
            return false;
        }

        var missing = Entries.Where(e => !File.Exists(e.ItemSpec)).Select(e => e.ItemSpec).ToList();
        if (missing.Count > 0)
        {
            LogGoPackError(GoPackErrors.PackageRuntimeFailed,
                $"These files of the archive don't exist: {string.Join(", ", missing)}. Run dotnet publish (not only -t:PackageRuntime), and check the GoPackageFile items.");
            return false;
        }

        var modified = long.TryParse(Epoch, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DeterministicArchive.ZipEpoch;
        try
        {
            var entries = Entries.Select(e =>
            {
                var path = e.GetMetadata("ArchivePath");
                var mode = e.GetMetadata("Mode");
                return ArchiveEntry.FromFile(
                    string.IsNullOrEmpty(path) ? Path.GetFileName(e.ItemSpec) : path,
                    e.ItemSpec,
                    string.IsNullOrEmpty(mode) ? DeterministicArchive.FileMode : Convert.ToInt32(mode, 8));
            })
            // The first entry of a path wins: a GoPackageFile README over the project's README.
            .GroupBy(e => e.Path, StringComparer.Ordinal).Select(g => g.First()).ToList();

            var target = Path.GetFullPath(OutputFile);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            try
            {
                using (var stream = File.Create(temporary))
                {
                    DeterministicArchive.Write(stream, format.Value, entries, modified);
                }

                if (File.Exists(target)) File.Delete(target);
                File.Move(temporary, target);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            LogGoPackError(GoPackErrors.PackageRuntimeFailed, $"The archive {OutputFile} could not be written: {e.Message}");
            return false;
        }

        Log.LogMessage(MessageImportance.Normal, "Wrote {0} ({1} entries)", OutputFile, Entries.Length);
        return true;
    }
}
