using System.IO;

namespace GoPack.Sdk.Containers;

/// <summary>
/// Which platform a binary was built for, from its header: containers run Linux ELF binaries, and an image for
/// arm64 holding an x86-64 binary (a build that silently ignored the RID) would only fail when it starts.
/// </summary>
public static class ElfPlatform
{
    /// <summary>The image platform of a Linux ELF binary; null with <paramref name="description"/> saying what the file is instead.</summary>
    public static ImagePlatform? Read(string path, out string description)
    {
        var header = new byte[20];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.Read(header, 0, header.Length);
        }

        if (read >= 2 && header[0] == (byte)'M' && header[1] == (byte)'Z')
        {
            description = "a Windows (PE) executable";
            return null;
        }

        if (read >= 4 && ((header[0] == 0xCF && header[1] == 0xFA && header[2] == 0xED && header[3] == 0xFE) || (header[0] == 0xCA && header[1] == 0xFE && header[2] == 0xBA && header[3] == 0xBE)))
        {
            description = "a macOS (Mach-O) executable";
            return null;
        }

        if (read < 20 || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            description = "not an executable GoPack knows (no ELF header)";
            return null;
        }

        var bigEndian = header[5] == 2;
        var machine = bigEndian ? (header[18] << 8) | header[19] : header[18] | (header[19] << 8);
        var is64 = header[4] == 2;
        // OSABI is 0 (System V) for Go's Linux binaries; FreeBSD's (9) and others mean another OS.
        if (header[7] != 0 && header[7] != 3)
        {
            description = $"an ELF binary for another OS (OS ABI {header[7]})";
            return null;
        }

        var architecture = machine switch
        {
            0x3E => "amd64",
            0xB7 => "arm64",
            0x28 => "arm",
            0x03 => "386",
            0xF3 => "riscv64",
            0x16 => "s390x",
            0x15 when !bigEndian => "ppc64le",
            0x15 => "ppc64",
            0x102 => "loong64",
            0x08 when is64 => bigEndian ? "mips64" : "mips64le",
            0x08 => bigEndian ? "mips" : "mipsle",
            _ => null,
        };
        if (architecture is null)
        {
            description = $"an ELF binary for machine type {machine}";
            return null;
        }

        description = "a Linux " + architecture + " binary";
        return ImagePlatform.FromGo("linux", architecture);
    }
}
