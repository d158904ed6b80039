using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

/// <summary>A unique directory under the system temp folder, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "gopack-download")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        // Extracted trees may hold read-only directories; make them deletable first.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                try
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                catch (IOException)
                {
                }
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Collects what the download classes report, from any thread.</summary>
internal sealed class RecordingProgress : IDownloadProgress
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<(long Received, long? Total)> _progress = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public IReadOnlyList<(long Received, long? Total)> ProgressCalls => _progress.ToArray();

    public void Report(string message) => _messages.Enqueue(message);

    public void Progress(long bytesReceived, long? totalBytes) => _progress.Enqueue((bytesReceived, totalBytes));
}

/// <summary>Small stand-ins for Go's archives and feed: a go/bin/go script and a go/VERSION file, never a real toolchain.</summary>
internal static class FakeGo
{
    public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    public const UnixFileMode Regular = (UnixFileMode)0b110_100_100;
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    public static string Script(string release, string platform = "linux/amd64") => $"#!/bin/sh\necho \"go version {release} {platform}\"\n";

    /// <summary>A tar.gz shaped like Go's: everything under go/, an executable bin/go, VERSION and a bit of padding.</summary>
    public static byte[] TarGz(string release = "go1.22.3", int paddingBytes = 0) => TarGz(writer =>
    {
        writer.WriteEntry(TarDirectory("go/"));
        writer.WriteEntry(TarDirectory("go/bin/"));
        writer.WriteEntry(TarFile("go/bin/go", Script(release), Executable));
        writer.WriteEntry(TarFile("go/VERSION", $"{release}\ntime 2024-05-01T19:51:52Z\n", Regular));
        writer.WriteEntry(TarDirectory("go/src/"));
        writer.WriteEntry(TarFile("go/src/go.mod", "module std\n", Regular));
        if (paddingBytes > 0)
        {
            // Random, so gzip cannot shrink it and the download really is that long.
            var data = new byte[paddingBytes];
            new Random(42).NextBytes(data);
            writer.WriteEntry(TarFile("go/pkg/padding.bin", data, Regular));
        }
    });

    public static byte[] Zip(string release = "go1.22.3") => Zip(zip =>
    {
        AddZipFile(zip, "go/bin/go.exe", "MZ fake " + release);
        AddZipFile(zip, "go/VERSION", release + "\n");
        zip.CreateEntry("go/src/");
        AddZipFile(zip, "go/src/go.mod", "module std\n");
    });

    public static byte[] TarGz(Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(Action<ZipArchive> write)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }

        return buffer.ToArray();
    }

    public static ZipArchiveEntry AddZipFile(ZipArchive zip, string name, string content, int? unixMode = null)
    {
        var entry = zip.CreateEntry(name);
        if (unixMode is int mode)
        {
            entry.ExternalAttributes = mode << 16;
        }

        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
        return entry;
    }

    public static PaxTarEntry TarDirectory(string name, UnixFileMode mode = DirectoryMode) =>
        new(TarEntryType.Directory, name) { Mode = mode };

    public static PaxTarEntry TarFile(string name, string content, UnixFileMode mode = Regular) =>
        TarFile(name, Encoding.UTF8.GetBytes(content), mode);

    public static PaxTarEntry TarFile(string name, byte[] content, UnixFileMode mode = Regular) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode };

    public static PaxTarEntry TarSymlink(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 };

    public static PaxTarEntry TarHardLink(string name, string target) =>
        new(TarEntryType.HardLink, name) { LinkName = target, Mode = Regular };

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>One feed entry's JSON for an archive.</summary>
    public static string FileJson(string fileName, string os, string arch, string release, string sha256, long size, string kind = "archive") =>
        $$"""{"filename":"{{fileName}}","os":"{{os}}","arch":"{{arch}}","version":"{{release}}","sha256":"{{sha256}}","size":{{size}},"kind":"{{kind}}"}""";

    public static string ReleaseJson(string release, bool stable, params string[] files) =>
        $$"""{"version":"{{release}}","stable":{{(stable ? "true" : "false")}},"files":[{{string.Join(",", files)}}]}""";

    public static string FeedJson(params string[] releases) => "[" + string.Join(",\n", releases) + "]";

    /// <summary>A file record for <paramref name="archive"/> as Go would publish it for linux/amd64.</summary>
    public static GoReleaseFile LinuxFile(byte[] archive, string release = "go1.22.3", string? sha256 = null, long? size = null) =>
        new($"{release}.linux-amd64.tar.gz", "linux", "amd64", GoPack.Sdk.Versions.GoVersion.Parse(release), sha256 ?? Sha256(archive), size ?? archive.Length, "archive");
}
