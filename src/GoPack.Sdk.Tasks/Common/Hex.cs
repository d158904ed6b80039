using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace GoPack.Sdk.Common;

/// <summary>
/// Bytes as lower-case hex, and SHA-256 spelled that way: what GoPack's cache keys, checksums files, SBOM hashes and
/// OCI digests all write. One helper because the netstandard2.0 build has no <c>Convert.ToHexString</c>.
/// </summary>
public static class Hex
{
    public static string Lower(byte[] bytes) => Lower(bytes, bytes.Length);

    /// <summary>The first <paramref name="count"/> bytes (a shorter key).</summary>
    public static string Lower(byte[] bytes, int count)
    {
        var text = new StringBuilder(count * 2);
        for (var i = 0; i < count; i++) text.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>SHA-256 of <paramref name="text"/>'s UTF-8 bytes; only the first <paramref name="bytes"/> bytes when given.</summary>
    public static string Sha256(string text, int bytes = 32) => Lower(Sha256Hash(Encoding.UTF8.GetBytes(text)), bytes);

    public static string Sha256(byte[] content) => Lower(Sha256Hash(content));

    public static string Sha256OfFile(string path)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(path);
        return Lower(sha.ComputeHash(stream));
    }

    private static byte[] Sha256Hash(byte[] content)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(content);
    }
}
