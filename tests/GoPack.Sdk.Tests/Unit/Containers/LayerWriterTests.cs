using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Tests.Unit.Project;

namespace GoPack.Sdk.Tests.Unit.Containers;

public sealed class LayerWriterTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LayerBlob WriteLayer(string name, DateTimeOffset time, params LayerEntry[] entries) =>
        LayerWriter.Write(entries, Path.Combine(_tree.Root, name), time);

    private LayerEntry[] SampleEntries()
    {
        var binary = _tree.File("svc", "#!binary");
        return
        [
            LayerEntry.FromFile("/ko-app/svc", binary, LayerEntry.ExecutableMode),
            LayerEntry.FromBytes("var/run/ko/static/" + new string('x', 120) + ".txt", "long name"u8.ToArray()),
            LayerEntry.Symlink("etc/localtime", "/usr/share/zoneinfo/UTC"),
            LayerEntry.FromBytes("etc/ssl/certs/ca-certificates.crt", "certs"u8.ToArray()),
        ];
    }

    [Fact]
    public void Same_entries_give_the_same_bytes_whatever_their_order_and_the_source_file_times()
    {
        var entries = SampleEntries();
        var first = WriteLayer("a.tar.gz", DateTimeOffset.UnixEpoch, entries);
        File.SetLastWriteTimeUtc(entries[0].SourceFile!, DateTime.UtcNow.AddDays(-3));
        var second = WriteLayer("b.tar.gz", DateTimeOffset.UnixEpoch, entries.Reverse().ToArray());

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.DiffId, second.DiffId);
        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal(first.Size, new FileInfo(first.Path).Length);
        Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(first.Path))).ToLowerInvariant(), first.Digest);
    }

    [Fact]
    public void The_gzip_header_has_no_time_and_the_diff_id_is_the_hash_of_the_tar()
    {
        var layer = WriteLayer("a.tar.gz", DateTimeOffset.FromUnixTimeSeconds(1700000000), SampleEntries());
        var bytes = File.ReadAllBytes(layer.Path);

        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 }, bytes[..8]);
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(tar.ToArray())).ToLowerInvariant(), layer.DiffId);
    }

    [Fact]
    public void Entries_are_sorted_with_parents_owner_mode_and_one_time_and_no_pax_records()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var layer = WriteLayer("a.tar.gz", time, SampleEntries());

        var entries = ReadTar(layer.Path);
        var names = entries.Select(e => e.Name).ToList();
        Assert.Equal(
        [
            "etc/", "etc/localtime", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca-certificates.crt",
            "ko-app/", "ko-app/svc", "var/", "var/run/", "var/run/ko/", "var/run/ko/static/",
            "var/run/ko/static/" + new string('x', 120) + ".txt",
        ], names);
        Assert.All(entries, e => Assert.Equal(time, e.ModificationTime));
        Assert.All(entries, e => Assert.Equal(0, e.Uid));
        Assert.All(entries, e => Assert.Equal(0, e.Gid));
        Assert.All(entries, e => Assert.True(e.EntryType is not TarEntryType.ExtendedAttributes and not TarEntryType.GlobalExtendedAttributes));
        Assert.All(entries, e => Assert.IsNotType<PaxTarEntry>(e));
        var binary = entries.Single(e => e.Name == "ko-app/svc");
        Assert.Equal((UnixFileMode)0x1ED, binary.Mode);
        Assert.Equal(TarEntryType.Directory, entries.Single(e => e.Name == "ko-app/").EntryType);
        var link = entries.Single(e => e.Name == "etc/localtime");
        Assert.Equal(TarEntryType.SymbolicLink, link.EntryType);
        Assert.Equal("/usr/share/zoneinfo/UTC", link.LinkName);
        Assert.Equal((UnixFileMode)0x1A4, entries.Single(e => e.Name.EndsWith(".crt", StringComparison.Ordinal)).Mode);
    }

    [Fact]
    public void A_known_layer_has_a_known_digest_so_a_change_of_writer_or_deflater_is_noticed()
    {
        // Changing this digest changes every image GoPack builds: only with a reason, noted in the README.
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7 % 251)).ToArray();
        var layer = WriteLayer("known.tar.gz", DateTimeOffset.FromUnixTimeSeconds(1700000000),
            LayerEntry.FromBytes("ko-app/svc", content, LayerEntry.ExecutableMode), LayerEntry.Symlink("etc/localtime", "/usr/share/zoneinfo/UTC"));

        Assert.Equal("sha256:f9af52b73ce3c9f94e8891cbb529e4f4c858d83d888660087ff9af12cc467151", layer.Digest);
        Assert.Equal("sha256:5f3146e7f32220130b5d13ae4a0e93e432afabcd949d1e44500f2b111b777626", layer.DiffId);
    }

    [Fact]
    public void Paths_that_leave_the_root_and_conflicting_entries_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LayerEntry.FromBytes("../etc/passwd", []));
        Assert.Throws<ArgumentException>(() => LayerEntry.Directory("/"));
        Assert.Throws<ArgumentException>(() => WriteLayer("a.tar.gz", DateTimeOffset.UnixEpoch,
            LayerEntry.FromBytes("a", [1]), LayerEntry.FromBytes("/a", [2])));
        Assert.Throws<ArgumentException>(() => WriteLayer("b.tar.gz", DateTimeOffset.UnixEpoch,
            LayerEntry.FromBytes("a", [1]), LayerEntry.FromBytes("a/b", [2])));
    }

    internal static List<TarEntry> ReadTar(string gzipPath)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry) entries.Add(entry);
        return entries;
    }
}
