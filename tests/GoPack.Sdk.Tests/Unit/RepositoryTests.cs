using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>What the repository holds: sources, not build output.</summary>
public class RepositoryTests
{
    private static readonly string RepoRoot = TestEnvironment.FindRepoRoot();

    [Fact]
    public void Git_tracks_no_executable_binary()
    {
        var listing = ProcessRunner.Run("git", ["ls-files", "-z"], RepoRoot);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        var files = listing.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("README.md", files);

        var binaries = files
            .Select(file => (file, kind: ExecutableKind(Path.Combine(RepoRoot, file))))
            .Where(entry => entry.kind != null)
            .Select(entry => $"{entry.file} ({entry.kind})")
            .ToList();

        Assert.True(binaries.Count == 0, "build output is committed: " + string.Join(", ", binaries));
    }

    [Fact]
    public void Git_tracks_nothing_under_a_bin_or_obj_folder()
    {
        // The template content (src/GoPack.Templates/content/) is built by the tests' copies, never in place; the
        // projects' own build folders are .gitignore'd: a tracked one would be build output in the package or the tree.
        var listing = ProcessRunner.Run("git", ["ls-files", "-z"], RepoRoot);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        var built = listing.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => file.Split('/').SkipLast(1).Any(directory => directory is "bin" or "obj"))
            .ToList();
        Assert.True(built.Count == 0, "build folders are committed: " + string.Join(", ", built));
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1 }, "ELF")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0 }, "Mach-O")]
    [InlineData(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE, 0, 0 }, "Mach-O")]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n' }, null)]
    public void Recognises_executable_formats_by_their_magic(byte[] header, string? expected)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, header);
            Assert.Equal(expected, ExecutableKind(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Recognises_a_PE_file_by_its_MZ_header_and_PE_signature()
    {
        var image = new byte[0x100];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        image[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(image.AsSpan(0x80));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, image);
            Assert.Equal("PE", ExecutableKind(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>ELF, PE (MZ header pointing at a PE signature) or Mach-O (thin or universal), else null.</summary>
    private static string? ExecutableKind(string path)
    {
        if (!File.Exists(path)) return null; // deleted in the working tree
        using var stream = File.OpenRead(path);
        var header = new byte[0x40];
        var read = stream.Read(header, 0, header.Length);
        if (read >= 4 && header[0] == 0x7F && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') return "ELF";
        if (read >= 4)
        {
            var magic = BitConverter.ToUInt32(header, 0);
            if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xBEBAFECA or 0xCAFEBABE) return "Mach-O";
        }
        if (read >= 0x40 && header[0] == 'M' && header[1] == 'Z')
        {
            var peOffset = BitConverter.ToInt32(header, 0x3C);
            if (peOffset > 0 && peOffset + 4 <= stream.Length)
            {
                var signature = new byte[4];
                stream.Position = peOffset;
                if (stream.Read(signature, 0, 4) == 4 && signature.AsSpan().SequenceEqual("PE\0\0"u8)) return "PE";
            }
        }
        return null;
    }
}
