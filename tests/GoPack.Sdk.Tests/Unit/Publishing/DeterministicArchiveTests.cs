using System.IO.Compression;
using System.Text;
using GoPack.Sdk.Publishing;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit.Publishing;

public sealed class DeterministicArchiveTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.Parse("2024-05-06T07:08:09Z");
    private readonly string _directory = Directory.CreateTempSubdirectory("gopack-archive-").FullName;

    [Fact]
    public void A_tar_gz_lists_sorted_entries_with_the_given_modes_owner_0_and_one_time()
    {
        var archive = WriteFile("a.tar.gz", ArchiveFormat.TarGz, Entries());

        var listing = ProcessRunner.Run("tar", ["--utc", "-tvzf", archive], _directory);

        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Equal(
            [
                "-rw-r--r-- 0/0 6 2024-05-06 07:08 README.md",
                "drwxr-xr-x 0/0 0 2024-05-06 07:08 conf/",
                "-rw-r--r-- 0/0 3 2024-05-06 07:08 conf/app.yaml",
                "lrwxrwxrwx 0/0 0 2024-05-06 07:08 current -> svc",
                "-rwxr-xr-x 0/0 4 2024-05-06 07:08 svc",
            ],
            listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        var extracted = Directory.CreateDirectory(Path.Combine(_directory, "x")).FullName;
        Assert.Equal(0, ProcessRunner.Run("tar", ["-xzf", archive, "-C", extracted], _directory).ExitCode);
        Assert.Equal("ELF!", File.ReadAllText(Path.Combine(extracted, "svc")));
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(extracted, "svc")));
    }

    [Fact]
    public void The_same_entries_give_the_same_bytes_whatever_their_order_and_the_gzip_header_has_no_time_or_name()
    {
        var first = Bytes(ArchiveFormat.TarGz, Entries());
        var second = Bytes(ArchiveFormat.TarGz, Entries().Reverse());

        Assert.Equal(first, second);
        // gzip: magic, deflate, no flags (no file name), MTIME 0.
        Assert.Equal(new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0 }, first[..8]);
        Assert.NotEqual(first, Bytes(ArchiveFormat.TarGz, Entries(), Time.AddSeconds(1)));
    }

    [Fact]
    public void A_zip_holds_unix_modes_one_time_and_reads_back_with_the_BCL()
    {
        var zip = Bytes(ArchiveFormat.Zip, Entries().Where(e => e.Kind != ArchiveEntryKind.Symlink));
        Assert.Equal(zip, Bytes(ArchiveFormat.Zip, Entries().Where(e => e.Kind != ArchiveEntryKind.Symlink).Reverse()));

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(["README.md", "conf/", "conf/app.yaml", "svc"], archive.Entries.Select(e => e.FullName));
        var svc = archive.GetEntry("svc")!;
        Assert.Equal(0x81ED, (svc.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(0x81A4, (archive.GetEntry("README.md")!.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 8), svc.LastWriteTime.DateTime.AddSeconds(-(svc.LastWriteTime.Second % 2)));
        using var reader = new StreamReader(svc.Open());
        Assert.Equal("ELF!", reader.ReadToEnd());
        var listing = ProcessRunner.Run("unzip", ["-Z", WriteFile("a.zip", ArchiveFormat.Zip, Entries().Where(e => e.Kind != ArchiveEntryKind.Symlink))], _directory);
        Assert.Contains("-rwxr-xr-x", listing.Output);
    }

    [Fact]
    public void Entries_must_be_relative_and_unique()
    {
        Assert.Throws<ArgumentException>(() => ArchiveEntry.FromBytes("/etc/passwd", [], DeterministicArchive.FileMode));
        Assert.Throws<ArgumentException>(() => ArchiveEntry.FromBytes("a/../../b", [], DeterministicArchive.FileMode));
        Assert.Throws<ArgumentException>(() => Bytes(ArchiveFormat.TarGz, [ArchiveEntry.FromBytes("a", [], 420), ArchiveEntry.FromBytes("a", [1], 420)]));
    }

    [Theory]
    [InlineData("tar.gz", ArchiveFormat.TarGz)]
    [InlineData("TGZ", ArchiveFormat.TarGz)]
    [InlineData(" zip ", ArchiveFormat.Zip)]
    [InlineData("rar", null)]
    public void Parses_GoArchiveFormat(string text, ArchiveFormat? expected) => Assert.Equal(expected, DeterministicArchive.ParseFormat(text));

    [Fact]
    public void The_netstandard20_task_assembly_writes_the_same_bytes_as_the_net80_one()
    {
        // Visual Studio's MSBuild runs the netstandard2.0 build: a publish there must give the same archives.
        var repoRoot = typeof(DeterministicArchiveTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
        var netstandard = Directory.EnumerateFiles(Path.Combine(repoRoot, "src", "GoPack.Sdk.Tasks", "bin"), "GoPack.Sdk.Tasks.dll", SearchOption.AllDirectories)
            .Where(f => f.Contains("netstandard2.0", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        Assert.True(netstandard is not null, "the netstandard2.0 task assembly is built with the test project's reference");
        var sharpZipLib = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "sharpziplib", "1.4.2", "lib", "netstandard2.0", "ICSharpCode.SharpZipLib.dll");
        var context = new System.Runtime.Loader.AssemblyLoadContext("netstandard2.0 tasks", isCollectible: true);
        context.Resolving += (c, name) => name.Name == "ICSharpCode.SharpZipLib" ? c.LoadFromAssemblyPath(sharpZipLib) : null;
        try
        {
            var assembly = context.LoadFromAssemblyPath(netstandard!);
            var entryType = assembly.GetType("GoPack.Sdk.Publishing.ArchiveEntry")!;
            var archiveType = assembly.GetType("GoPack.Sdk.Publishing.DeterministicArchive")!;
            var formatType = assembly.GetType("GoPack.Sdk.Publishing.ArchiveFormat")!;
            foreach (var format in new[] { ArchiveFormat.TarGz, ArchiveFormat.Zip })
            {
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(entryType))!;
                list.Add(entryType.GetMethod("FromBytes")!.Invoke(null, ["svc", Encoding.ASCII.GetBytes("ELF!"), DeterministicArchive.ExecutableMode]));
                list.Add(entryType.GetMethod("FromBytes")!.Invoke(null, ["README.md", Encoding.ASCII.GetBytes("# svc\n"), DeterministicArchive.FileMode]));
                using var output = new MemoryStream();
                archiveType.GetMethod("Write")!.Invoke(null, [output, Enum.ToObject(formatType, (int)format), list, Time]);

                Assert.Equal(Bytes(format, [ArchiveEntry.FromBytes("svc", Encoding.ASCII.GetBytes("ELF!"), DeterministicArchive.ExecutableMode), ArchiveEntry.FromBytes("README.md", Encoding.ASCII.GetBytes("# svc\n"), DeterministicArchive.FileMode)]),
                    output.ToArray());
            }
        }
        finally
        {
            context.Unload();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IEnumerable<ArchiveEntry> Entries() =>
    [
        ArchiveEntry.FromBytes("svc", Encoding.ASCII.GetBytes("ELF!"), DeterministicArchive.ExecutableMode),
        ArchiveEntry.FromBytes("README.md", Encoding.ASCII.GetBytes("# svc\n"), DeterministicArchive.FileMode),
        ArchiveEntry.Directory("conf"),
        ArchiveEntry.FromBytes("conf/app.yaml", Encoding.ASCII.GetBytes("a: "), DeterministicArchive.FileMode),
        ArchiveEntry.Symlink("current", "svc"),
    ];

    private static byte[] Bytes(ArchiveFormat format, IEnumerable<ArchiveEntry> entries, DateTimeOffset? time = null)
    {
        using var stream = new MemoryStream();
        DeterministicArchive.Write(stream, format, entries, time ?? Time);
        return stream.ToArray();
    }

    private string WriteFile(string name, ArchiveFormat format, IEnumerable<ArchiveEntry> entries)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, Bytes(format, entries));
        return path;
    }
}
