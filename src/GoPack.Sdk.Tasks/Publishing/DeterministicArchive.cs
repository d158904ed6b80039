using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;
using ICSharpCode.SharpZipLib.Zip;

namespace GoPack.Sdk.Publishing;

/// <summary>What an archive entry is.</summary>
public enum ArchiveEntryKind
{
    File,
    Directory,
    Symlink,
}

/// <summary>The archive formats PackageRuntime writes (GoArchiveFormat).</summary>
public enum ArchiveFormat
{
    /// <summary>tar.gz: the default, as goreleaser's.</summary>
    TarGz,

    /// <summary>zip: the default for Windows targets.</summary>
    Zip,
}

/// <summary>One entry: a file from disk or from memory, a directory, or a symbolic link.</summary>
public sealed class ArchiveEntry
{
    private readonly string? _sourceFile;
    private readonly byte[]? _content;

    private ArchiveEntry(string path, ArchiveEntryKind kind, int mode, string? sourceFile, byte[]? content, string? linkTarget)
    {
        if (string.IsNullOrEmpty(path) || path.StartsWith("/", StringComparison.Ordinal) || path.Split('/').Any(p => p == ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative path inside the archive.", nameof(path));
        }

        Path = path.Replace('\\', '/').TrimEnd('/');
        Kind = kind;
        Mode = mode;
        _sourceFile = sourceFile;
        _content = content;
        LinkTarget = linkTarget;
    }

    /// <summary>The path in the archive, with forward slashes and no leading slash: bin/svc.</summary>
    public string Path { get; }

    public ArchiveEntryKind Kind { get; }

    /// <summary>Unix permission bits: 0755 (binaries, directories), 0644 (other files).</summary>
    public int Mode { get; }

    public string? LinkTarget { get; }

    public static ArchiveEntry FromFile(string path, string sourceFile, int mode) => new(path, ArchiveEntryKind.File, mode, sourceFile, null, null);

    public static ArchiveEntry FromBytes(string path, byte[] content, int mode) => new(path, ArchiveEntryKind.File, mode, null, content, null);

    public static ArchiveEntry Directory(string path, int mode = 0x1ED) => new(path, ArchiveEntryKind.Directory, mode, null, null, null);

    public static ArchiveEntry Symlink(string path, string target) => new(path, ArchiveEntryKind.Symlink, 0x1FF, null, null, target);

    /// <summary>The entry's bytes (a file read whole: binaries of a few MB).</summary>
    public byte[] ReadContent() => _content ?? (_sourceFile is null ? Array.Empty<byte>() : File.ReadAllBytes(_sourceFile));
}

/// <summary>
/// tar, tar.gz and zip archives whose bytes depend only on the entries: sorted by path, one modification time for
/// all, owner 0:0 without names, the modes given, and a gzip header without time or file name. Written with
/// SharpZipLib in both builds of the task assembly: its deflate is managed code, so the same entries compress to
/// the same bytes under every runtime, while the BCL's GZipStream/ZipArchive use the host's zlib, whose output
/// changes between zlib versions (and .NET 9 moved to zlib-ng). Container layers reuse <see cref="WriteTar"/> and
/// <see cref="Gzip"/>.
/// </summary>
public static class DeterministicArchive
{
    /// <summary>0755: binaries and directories.</summary>
    public const int ExecutableMode = 0x1ED;

    /// <summary>0644: everything else.</summary>
    public const int FileMode = 0x1A4;

    /// <summary>The earliest time a zip entry can hold (DOS time); earlier times are raised to it.</summary>
    public static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"tar.gz"/"tgz" or "zip" (case-insensitive); null for anything else.</summary>
    public static ArchiveFormat? ParseFormat(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "tar.gz" or "tgz" => ArchiveFormat.TarGz,
        "zip" => ArchiveFormat.Zip,
        _ => null,
    };

    /// <summary>".tar.gz" or ".zip".</summary>
    public static string Extension(ArchiveFormat format) => format == ArchiveFormat.Zip ? ".zip" : ".tar.gz";

    public static void Write(Stream output, ArchiveFormat format, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified)
    {
        if (format == ArchiveFormat.Zip)
        {
            WriteZip(output, entries, modified);
        }
        else
        {
            WriteTarGz(output, entries, modified);
        }
    }

    /// <summary>A POSIX (ustar-compatible, GNU long names) tar stream, not compressed.</summary>
    public static void WriteTar(Stream output, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var time = Clamp(modified, DateTimeOffset.FromUnixTimeSeconds(0)).UtcDateTime;
        using var tar = new TarOutputStream(output, Encoding.UTF8) { IsStreamOwner = false };
        foreach (var entry in Sorted(entries))
        {
            var content = entry.Kind == ArchiveEntryKind.File ? entry.ReadContent() : Array.Empty<byte>();
            var header = new TarHeader
            {
                Name = entry.Kind == ArchiveEntryKind.Directory ? entry.Path + "/" : entry.Path,
                Mode = entry.Mode,
                UserId = 0,
                GroupId = 0,
                UserName = "",
                GroupName = "",
                ModTime = time,
                Size = content.Length,
                TypeFlag = entry.Kind switch
                {
                    ArchiveEntryKind.Directory => TarHeader.LF_DIR,
                    ArchiveEntryKind.Symlink => TarHeader.LF_SYMLINK,
                    _ => TarHeader.LF_NORMAL,
                },
                LinkName = entry.LinkTarget ?? "",
            };
            tar.PutNextEntry(new TarEntry(header));
            tar.Write(content, 0, content.Length);
            tar.CloseEntry();
        }

        tar.Finish();
    }

    /// <summary>A tar stream compressed by <see cref="Gzip"/>.</summary>
    public static void WriteTarGz(Stream output, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified)
    {
        using var tar = new MemoryStream();
        WriteTar(tar, entries, modified);
        tar.Position = 0;
        Gzip(tar, output);
    }

    /// <summary>
    /// One gzip member of <paramref name="input"/>: best compression, header time 0 ("no time"), no file name, so the
    /// bytes depend only on the input.
    /// </summary>
    public static void Gzip(Stream input, Stream output)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        using var gzip = new GZipOutputStream(output) { IsStreamOwner = false, ModifiedTime = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        gzip.SetLevel(9);
        input.CopyTo(gzip);
        gzip.Finish();
    }

    /// <summary>A zip with Unix modes (made by "Unix", external attributes mode &lt;&lt; 16), UTF-8 names, no zip64.</summary>
    public static void WriteZip(Stream output, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        // DOS times have no zone: the UTC clock reading is stored, as goreleaser's zips do.
        var time = Clamp(modified, ZipEpoch).UtcDateTime;
        time = new DateTime(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, DateTimeKind.Unspecified);
        using var zip = new ZipOutputStream(output) { IsStreamOwner = false, UseZip64 = UseZip64.Off };
        zip.SetLevel(9);
        foreach (var entry in Sorted(entries))
        {
            if (entry.Kind == ArchiveEntryKind.Symlink)
            {
                throw new NotSupportedException($"{entry.Path}: GoPack writes no symbolic links into zip archives.");
            }

            var content = entry.Kind == ArchiveEntryKind.File ? entry.ReadContent() : Array.Empty<byte>();
            var isDirectory = entry.Kind == ArchiveEntryKind.Directory;
            var zipEntry = new ZipEntry(isDirectory ? entry.Path + "/" : entry.Path)
            {
                DateTime = time,
                HostSystem = (int)HostSystemID.Unix,
                ExternalFileAttributes = ((isDirectory ? 0x4000 : 0x8000) | entry.Mode) << 16 | (isDirectory ? 0x10 : 0),
                IsUnicodeText = true,
                CompressionMethod = isDirectory || content.Length == 0 ? CompressionMethod.Stored : CompressionMethod.Deflated,
                Size = content.Length,
            };
            zip.PutNextEntry(zipEntry);
            zip.Write(content, 0, content.Length);
            zip.CloseEntry();
        }

        zip.Finish();
    }

    private static IEnumerable<ArchiveEntry> Sorted(IEnumerable<ArchiveEntry> entries)
    {
        var list = (entries ?? throw new ArgumentNullException(nameof(entries))).ToList();
        var duplicate = list.GroupBy(e => e.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two archive entries have the path '{duplicate.Key}'.", nameof(entries));
        }

        return list.OrderBy(e => e.Path, StringComparer.Ordinal);
    }

    private static DateTimeOffset Clamp(DateTimeOffset time, DateTimeOffset earliest) => time < earliest ? earliest : time;
}
