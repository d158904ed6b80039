using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace GoPack.Sdk.Containers;

/// <summary>
/// GoPack's default base, used when ContainerBaseImage is empty: no base image at all (scratch) and one layer with
/// what Go's standard library looks for on a Linux system, like distroless "static" (ko's default base): the CA
/// bundle (crypto/x509 reads /etc/ssl/certs/ca-certificates.crt), the time zone database (time.LoadLocation reads
/// /usr/share/zoneinfo), /etc/passwd and /etc/group naming root, nobody and nonroot (65532, the default user,
/// with its home), and /tmp. The files come from the GoPack package (containers/), packed from Debian's
/// ca-certificates and tzdata: the same GoPack version gives the same layer everywhere, offline.
/// </summary>
public static class DefaultBase
{
    public const string CaBundleFile = "ca-certificates.crt";
    public const string ZoneInfoArchive = "zoneinfo.tar";
    public const string SourcesFile = "base-files.txt";

    private const string Passwd =
        "root:x:0:0:root:/root:/sbin/nologin\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
        "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";

    private const string Group =
        "root:x:0:\n" +
        "nobody:x:65534:\n" +
        "nonroot:x:65532:\n";

    /// <exception cref="FileNotFoundException">The package's containers/ folder lacks a file (a broken install).</exception>
    public static LayerSpec Layer(string baseFilesDirectory)
    {
        var caBundle = Path.Combine(baseFilesDirectory, CaBundleFile);
        var zoneinfo = Path.Combine(baseFilesDirectory, ZoneInfoArchive);
        foreach (var file in new[] { caBundle, zoneinfo })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"The default container base's file {file} is missing from the GoPack package; reinstall it, or set ContainerBaseImage.", file);
            }
        }

        var entries = new List<LayerEntry>
        {
            LayerEntry.FromFile("etc/ssl/certs/" + CaBundleFile, caBundle),
            LayerEntry.FromBytes("etc/passwd", Encoding.ASCII.GetBytes(Passwd)),
            LayerEntry.FromBytes("etc/group", Encoding.ASCII.GetBytes(Group)),
            LayerEntry.Directory("home/nonroot", 0x1C0) with { UserId = 65532, GroupId = 65532 },
            LayerEntry.Directory("tmp", 0x3FF), // 1777: everyone may write, only owners delete
        };
        entries.AddRange(ReadZoneInfo(zoneinfo));
        var sources = Path.Combine(baseFilesDirectory, SourcesFile);
        var comment = File.Exists(sources) ? File.ReadAllText(sources).Trim().Replace("\n", "; ") : null;
        return new LayerSpec(entries, "GoPack.Sdk default base: CA certificates, time zone data, passwd/group", comment);
    }

    /// <summary>The tzdata archive's files, directories and links, placed under usr/share/; owners and times are the layer's.</summary>
    private static IEnumerable<LayerEntry> ReadZoneInfo(string archive)
    {
        var entries = new List<LayerEntry>();
        using var stream = File.OpenRead(archive);
        using var tar = new TarInputStream(stream, Encoding.UTF8);
        TarEntry? entry;
        while ((entry = tar.GetNextEntry()) is not null)
        {
            var path = "usr/share/" + entry.Name.TrimEnd('/');
            switch (entry.TarHeader.TypeFlag)
            {
                case TarHeader.LF_DIR:
                    entries.Add(LayerEntry.Directory(path));
                    break;
                case TarHeader.LF_SYMLINK:
                    entries.Add(LayerEntry.Symlink(path, entry.TarHeader.LinkName));
                    break;
                case TarHeader.LF_NORMAL:
                case TarHeader.LF_OLDNORM:
                    using (var content = new MemoryStream())
                    {
                        tar.CopyEntryContents(content);
                        entries.Add(LayerEntry.FromBytes(path, content.ToArray()));
                    }

                    break;
                default:
                    throw new InvalidDataException($"{archive}: unexpected entry {entry.Name} (type {(char)entry.TarHeader.TypeFlag}).");
            }
        }

        return entries;
    }
}
