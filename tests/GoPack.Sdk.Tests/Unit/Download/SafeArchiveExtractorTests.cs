using System.Formats.Tar;
using System.IO.Compression;
using GoPack.Sdk.Toolchains.Download;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class SafeArchiveExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new("gopack-extract");

    public SafeArchiveExtractorTests()
    {
        // The destination is nested two levels down, so an escape by one or two ".." lands inside _temp where it can be seen.
        Destination = _temp.Combine("outer", "inner", "dest");
    }

    public void Dispose() => _temp.Dispose();

    private string Destination { get; }

    private void ExtractTar(byte[] archive) =>
        new SafeArchiveExtractor().ExtractTarGz(new MemoryStream(archive), Destination);

    private void ExtractZip(byte[] archive) =>
        new SafeArchiveExtractor().ExtractZip(new MemoryStream(archive), Destination);

    /// <summary>Everything under the temp folder that is not inside the destination: must stay empty.</summary>
    private IEnumerable<string> WrittenOutsideDestination() =>
        Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Destination, StringComparison.Ordinal))
            .Where(p => !Destination.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal) && p != Destination);

    private void AssertRefused(Action extract, string entryName)
    {
        var e = Assert.Throws<InvalidDataException>(extract);
        Assert.Contains($"'{entryName}'", e.Message);
        Assert.Contains("refused", e.Message);
        Assert.Empty(WrittenOutsideDestination());
    }

    [Fact]
    public void A_tar_gz_is_extracted_without_its_top_level_go_folder()
    {
        ExtractTar(FakeGo.TarGz("go1.22.3"));

        Assert.Equal(FakeGo.Script("go1.22.3"), File.ReadAllText(Path.Combine(Destination, "bin", "go")));
        Assert.StartsWith("go1.22.3\n", File.ReadAllText(Path.Combine(Destination, "VERSION")));
        Assert.True(File.Exists(Path.Combine(Destination, "src", "go.mod")));
        Assert.False(Directory.Exists(Path.Combine(Destination, "go")));
    }

    [Fact]
    public void Tar_file_modes_are_kept_so_go_stays_executable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ExtractTar(FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarDirectory("go/"));
            writer.WriteEntry(FakeGo.TarFile("go/bin/go", "#!/bin/sh\n", FakeGo.Executable));
            writer.WriteEntry(FakeGo.TarFile("go/VERSION", "go1.22.3\n", FakeGo.Regular));
            writer.WriteEntry(FakeGo.TarFile("go/setuid", "x", (UnixFileMode)0b100_111_101_101));
            writer.WriteEntry(FakeGo.TarDirectory("go/readonly/", (UnixFileMode)0b101_101_101));
            writer.WriteEntry(FakeGo.TarFile("go/readonly/file", "x", (UnixFileMode)0b000_000_000));
        }));

        Assert.Equal(FakeGo.Executable, File.GetUnixFileMode(Path.Combine(Destination, "bin", "go")));
        Assert.Equal(FakeGo.Regular, File.GetUnixFileMode(Path.Combine(Destination, "VERSION")));
        Assert.Equal(FakeGo.Executable, File.GetUnixFileMode(Path.Combine(Destination, "setuid")));
        // Readable by its owner, and its directory stays writable so the cache can delete it.
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(Destination, "readonly", "file")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(Destination, "readonly")));
    }

    [Fact]
    public void The_fake_go_script_runs_after_extraction()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ExtractTar(FakeGo.TarGz("go1.22.3"));

        var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Path.Combine(Destination, "bin", "go"), "version") { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal("go version go1.22.3 linux/amd64", output.Trim());
    }

    [Fact]
    public void A_zip_is_extracted_without_its_top_level_go_folder()
    {
        ExtractZip(FakeGo.Zip("go1.22.3"));

        Assert.Equal("MZ fake go1.22.3", File.ReadAllText(Path.Combine(Destination, "bin", "go.exe")));
        Assert.Equal("go1.22.3\n", File.ReadAllText(Path.Combine(Destination, "VERSION")));
        Assert.True(Directory.Exists(Path.Combine(Destination, "src")));
    }

    [Fact]
    public void Zip_external_attributes_give_Unix_modes_where_present()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ExtractZip(FakeGo.Zip(zip =>
        {
            FakeGo.AddZipFile(zip, "go/bin/go", "#!/bin/sh\n", unixMode: 0x8000 | 0b111_101_101);
            FakeGo.AddZipFile(zip, "go/VERSION", "go1.22.3\n", unixMode: 0x8000 | 0b110_000_000);
            FakeGo.AddZipFile(zip, "go/windows-made", "x");
        }));

        Assert.Equal(FakeGo.Executable, File.GetUnixFileMode(Path.Combine(Destination, "bin", "go")));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(Destination, "VERSION")));
        Assert.True(File.Exists(Path.Combine(Destination, "windows-made")));
    }

    [Fact]
    public void Extract_chooses_the_format_by_file_name()
    {
        var tar = _temp.Combine("go1.22.3.linux-amd64.tar.gz");
        File.WriteAllBytes(tar, FakeGo.TarGz());
        var zip = _temp.Combine("go1.22.3.windows-amd64.zip");
        File.WriteAllBytes(zip, FakeGo.Zip());
        var other = _temp.Combine("go1.22.3.linux-amd64.tar.xz");
        File.WriteAllBytes(other, new byte[] { 1, 2, 3 });
        var extractor = new SafeArchiveExtractor();

        extractor.Extract(tar, _temp.Combine("from-tar"));
        extractor.Extract(zip, _temp.Combine("from-zip"));

        Assert.True(File.Exists(_temp.Combine("from-tar", "bin", "go")));
        Assert.True(File.Exists(_temp.Combine("from-zip", "bin", "go.exe")));
        Assert.Throws<InvalidDataException>(() => extractor.Extract(other, _temp.Combine("from-other")));
    }

    [Fact]
    public void A_damaged_archive_is_InvalidDataException()
    {
        var archive = FakeGo.TarGz();
        var truncated = archive.AsSpan(0, archive.Length / 2).ToArray();

        Assert.ThrowsAny<Exception>(() => ExtractTar(truncated));
        Assert.Throws<InvalidDataException>(() => new SafeArchiveExtractor().ExtractZip(new MemoryStream(new byte[] { 1, 2, 3, 4 }), _temp.Combine("zip")));
    }

    [Fact]
    public void The_destination_must_be_empty()
    {
        Directory.CreateDirectory(Destination);
        File.WriteAllText(Path.Combine(Destination, "existing"), "x");

        Assert.Throws<IOException>(() => ExtractTar(FakeGo.TarGz()));
    }

    [Fact]
    public void Cancellation_stops_extraction()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new SafeArchiveExtractor().ExtractTarGz(new MemoryStream(FakeGo.TarGz()), Destination, cancelled.Token));
    }

    [Fact]
    public void Without_a_top_level_folder_names_are_kept()
    {
        new SafeArchiveExtractor(topLevelDirectory: null).ExtractTarGz(new MemoryStream(FakeGo.TarGz()), Destination);

        Assert.True(File.Exists(Path.Combine(Destination, "go", "bin", "go")));
    }

    [Theory]
    [InlineData("go/../../evil")]
    [InlineData("go/bin/../../../evil")]
    [InlineData("../evil")]
    [InlineData("go/..")]
    [InlineData("/tmp/evil")]
    [InlineData("/go/evil")]
    [InlineData("C:/evil")]
    [InlineData("c:evil")]
    [InlineData("C:\\evil")]
    [InlineData("go\\..\\..\\evil")]
    [InlineData("\\\\server\\share\\evil")]
    [InlineData("evil")]
    [InlineData("other/evil")]
    [InlineData("./evil")]
    [InlineData("Go/evil")]
    public void Tar_entries_escaping_the_destination_or_the_go_folder_are_refused(string name)
    {
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("go/VERSION", "go1.22.3\n"));
            writer.WriteEntry(FakeGo.TarFile(name, "evil"));
        });

        AssertRefused(() => ExtractTar(archive), name);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("go/../../evil")]
    [InlineData("/evil")]
    [InlineData("C:\\evil")]
    [InlineData("go\\..\\..\\evil")]
    [InlineData("outside/evil")]
    public void Zip_slip_entries_are_refused(string name)
    {
        var archive = FakeGo.Zip(zip =>
        {
            FakeGo.AddZipFile(zip, "go/VERSION", "go1.22.3\n");
            FakeGo.AddZipFile(zip, name, "evil");
        });

        AssertRefused(() => ExtractZip(archive), name);
    }

    [Fact]
    public void Leading_dot_slash_and_repeated_slashes_are_harmless()
    {
        ExtractTar(FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("./go/VERSION", "go1.22.3\n"));
            writer.WriteEntry(FakeGo.TarFile("go//bin/./go", "#!/bin/sh\n"));
        }));

        Assert.True(File.Exists(Path.Combine(Destination, "VERSION")));
        Assert.True(File.Exists(Path.Combine(Destination, "bin", "go")));
    }

    [Theory]
    [InlineData("go/evil", "/etc/passwd")]
    [InlineData("go/evil", "../../..")]
    [InlineData("go/evil", "..")]
    [InlineData("go/bin/evil", "../../outside")]
    [InlineData("go/evil", "C:\\Windows")]
    [InlineData("go/evil", "bin\\..\\..")]
    [InlineData("go/loop", "loop")]
    public void Symbolic_links_pointing_outside_are_refused(string name, string target)
    {
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("go/bin/go", "#!/bin/sh\n"));
            writer.WriteEntry(FakeGo.TarSymlink(name, target));
        });

        AssertRefused(() => ExtractTar(archive), name);
    }

    [Fact]
    public void A_chain_of_links_that_only_escapes_when_followed_is_refused()
    {
        // Read as text, "a/b/up/.." stays inside; followed, "up" is the destination itself and ".." leaves it.
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarSymlink("go/m", "a/b/up/.."));
            writer.WriteEntry(FakeGo.TarDirectory("go/a/b/"));
            writer.WriteEntry(FakeGo.TarSymlink("go/a/b/up", "../.."));
        });

        AssertRefused(() => ExtractTar(archive), "go/m");
    }

    [Fact]
    public void A_link_spelled_in_another_case_is_still_followed()
    {
        // Creating the allowed link first needs a privilege Windows does not give by default.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarSymlink("go/a/up", ".."));
            writer.WriteEntry(FakeGo.TarSymlink("go/m", "A/UP/.."));
        });

        AssertRefused(() => ExtractTar(archive), "go/m");
    }

    [Fact]
    public void Files_written_through_a_symbolic_link_are_refused()
    {
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarDirectory("go/sub/"));
            writer.WriteEntry(FakeGo.TarSymlink("go/link", "sub"));
            writer.WriteEntry(FakeGo.TarFile("go/link/file", "x"));
        });

        AssertRefused(() => ExtractTar(archive), "go/link/file");
    }

    [Fact]
    public void A_link_over_a_directory_the_archive_already_wrote_is_refused()
    {
        // Written the other way round, the file would land through the link once it exists.
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("go/link/file", "x"));
            writer.WriteEntry(FakeGo.TarSymlink("go/link", "sub"));
        });

        AssertRefused(() => ExtractTar(archive), "go/link");
    }

    [Fact]
    public void A_link_inside_another_link_is_refused()
    {
        var archive = FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarDirectory("go/sub/"));
            writer.WriteEntry(FakeGo.TarSymlink("go/link", "sub"));
            writer.WriteEntry(FakeGo.TarSymlink("go/link/inner", "."));
        });

        AssertRefused(() => ExtractTar(archive), "go/link/inner");
    }

    [Fact]
    public void Symbolic_links_inside_the_destination_are_created()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ExtractTar(FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarSymlink("go/bin/gofmt-link", "gofmt"));
            writer.WriteEntry(FakeGo.TarFile("go/bin/gofmt", "fmt"));
            writer.WriteEntry(FakeGo.TarSymlink("go/lib/root", ".."));
            writer.WriteEntry(FakeGo.TarSymlink("go/lib/tools", "../bin"));
            writer.WriteEntry(FakeGo.TarSymlink("go/dangling", "does/not/exist"));
        }));

        Assert.Equal("gofmt", new FileInfo(Path.Combine(Destination, "bin", "gofmt-link")).LinkTarget);
        Assert.Equal("fmt", File.ReadAllText(Path.Combine(Destination, "bin", "gofmt-link")));
        Assert.Equal("fmt", File.ReadAllText(Path.Combine(Destination, "lib", "tools", "gofmt")));
        Assert.Equal("..", new FileInfo(Path.Combine(Destination, "lib", "root")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(Destination, "lib", "root", "bin", "gofmt")));
        Assert.Equal("does/not/exist", new FileInfo(Path.Combine(Destination, "dangling")).LinkTarget);
    }

    [Fact]
    public void Hard_links_become_copies_of_files_inside()
    {
        ExtractTar(FakeGo.TarGz(writer =>
        {
            writer.WriteEntry(FakeGo.TarFile("go/bin/go", "#!/bin/sh\n", FakeGo.Executable));
            writer.WriteEntry(FakeGo.TarHardLink("go/bin/go2", "go/bin/go"));
        }));

        Assert.Equal("#!/bin/sh\n", File.ReadAllText(Path.Combine(Destination, "bin", "go2")));
        Assert.False(new FileInfo(Path.Combine(Destination, "bin", "go2")).Attributes.HasFlag(FileAttributes.ReparsePoint));
    }

    [Theory]
    [InlineData("go/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("etc/passwd")]
    [InlineData("go/missing")]
    [InlineData("go/sub/up/sub")]
    [InlineData("go/sub/up/missing")]
    public void Hard_links_to_anything_but_an_extracted_file_are_refused(string target)
    {
        // Creating the allowed link first needs a privilege Windows does not give by default.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var archive = FakeGo.TarGz(writer =>
        {
            // Allowed: it points at the destination itself. Through it, "sub" is a directory, not a file.
            writer.WriteEntry(FakeGo.TarSymlink("go/sub/up", ".."));
            writer.WriteEntry(FakeGo.TarHardLink("go/evil", target));
        });

        AssertRefused(() => ExtractTar(archive), "go/evil");
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    [InlineData(TarEntryType.Fifo)]
    public void Devices_and_fifos_are_refused(TarEntryType type)
    {
        var archive = FakeGo.TarGz(writer => writer.WriteEntry(new PaxTarEntry(type, "go/dev")));

        AssertRefused(() => ExtractTar(archive), "go/dev");
    }

    [Fact]
    public void Zip_symbolic_links_are_checked_like_tar_ones()
    {
        var archive = FakeGo.Zip(zip =>
        {
            FakeGo.AddZipFile(zip, "go/VERSION", "go1.22.3\n");
            FakeGo.AddZipFile(zip, "go/evil", "../../..", unixMode: 0xA000 | 0b111_111_111);
        });

        AssertRefused(() => ExtractZip(archive), "go/evil");
    }

    [Fact]
    public void A_symbolic_link_without_a_target_is_refused()
    {
        // TarWriter will not write an empty link name, but a zip holds whatever it is given.
        var archive = FakeGo.Zip(zip => FakeGo.AddZipFile(zip, "go/empty", "", unixMode: 0xA000 | 0b111_111_111));

        AssertRefused(() => ExtractZip(archive), "go/empty");
    }

    [Fact]
    public void Zip_symbolic_links_inside_are_created()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ExtractZip(FakeGo.Zip(zip =>
        {
            FakeGo.AddZipFile(zip, "go/VERSION", "go1.22.3\n");
            FakeGo.AddZipFile(zip, "go/VERSION.link", "VERSION", unixMode: 0xA000 | 0b111_111_111);
        }));

        Assert.Equal("VERSION", new FileInfo(Path.Combine(Destination, "VERSION.link")).LinkTarget);
    }

    [Fact]
    public void A_file_named_like_the_top_level_folder_is_refused()
    {
        var archive = FakeGo.TarGz(writer => writer.WriteEntry(FakeGo.TarFile("go", "x")));

        AssertRefused(() => ExtractTar(archive), "go");
    }

    [Fact]
    public void NUL_characters_in_names_are_refused()
    {
        var archive = FakeGo.Zip(zip => FakeGo.AddZipFile(zip, "go/a\0b", "x"));

        var e = Assert.Throws<InvalidDataException>(() => ExtractZip(archive));
        Assert.Contains("NUL", e.Message);
    }
}
