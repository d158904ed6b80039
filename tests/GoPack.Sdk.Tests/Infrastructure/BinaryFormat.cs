using System.Buffers.Binary;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// What an executable is built for, read from its header: ELF e_machine (and OS ABI), PE machine, Mach-O CPU type,
/// WebAssembly magic. "ELF x86-64", "PE arm64", "Mach-O arm64", "wasm"; null for anything else.
/// </summary>
public static class BinaryFormat
{
    public static string? Describe(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length >= 20 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F')
        {
            var bigEndian = bytes[5] == 2;
            var machine = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(18)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(18));
            var name = machine switch
            {
                3 => "x86",
                8 => "mips",
                21 => "ppc64",
                22 => "s390x",
                40 => "arm",
                62 => "x86-64",
                183 => "aarch64",
                243 => "riscv",
                258 => "loongarch",
                _ => "machine " + machine,
            };
            var bits = bytes[4] == 2 ? "64" : "32";
            // EI_OSABI: Go writes 9 (FreeBSD) for FreeBSD binaries, 0 (System V) for Linux.
            var osAbi = bytes[7] == 9 ? " FreeBSD" : "";
            return $"ELF{bits}{osAbi} {name}";
        }

        if (bytes.Length >= 0x40 && bytes[0] == 'M' && bytes[1] == 'Z')
        {
            var peOffset = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(0x3C));
            if (peOffset > 0 && peOffset + 6 <= bytes.Length && bytes[peOffset] == 'P' && bytes[peOffset + 1] == 'E' && bytes[peOffset + 2] == 0 && bytes[peOffset + 3] == 0)
            {
                var machine = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(peOffset + 4));
                return "PE " + machine switch { 0x8664 => "x64", 0x14C => "x86", 0xAA64 => "arm64", 0x1C4 => "arm", _ => "machine 0x" + machine.ToString("x") };
            }
        }

        if (bytes.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0xFEEDFACF)
        {
            var cpu = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
            return "Mach-O " + cpu switch { 0x01000007 => "x86-64", 0x0100000C => "arm64", _ => "cpu 0x" + cpu.ToString("x") };
        }

        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm')
        {
            return "wasm";
        }

        return null;
    }
}
