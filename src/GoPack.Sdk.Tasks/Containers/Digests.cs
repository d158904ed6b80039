using System;
using System.IO;
using System.Security.Cryptography;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Containers;

/// <summary>SHA-256 content digests as OCI writes them: <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static class Digests
{
    public const string Prefix = "sha256:";

    public static string Of(byte[] content) => Prefix + Hex.Sha256(content);

    public static string OfFile(string path) => Prefix + Hex.Sha256OfFile(path);

    /// <summary>Only sha256 digests: every registry and tool GoPack talks to uses them, and a digest GoPack can't check is no digest.</summary>
    public static bool IsValid(string? digest)
    {
        if (digest is null || digest.Length != Prefix.Length + 64 || !digest.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = Prefix.Length; i < digest.Length; i++)
        {
            var c = digest[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hex part, which names the blob file (<c>blobs/sha256/&lt;hex&gt;</c>).</summary>
    public static string HexOf(string digest)
    {
        if (!IsValid(digest))
        {
            throw new FormatException($"'{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits).");
        }

        return digest.Substring(Prefix.Length);
    }
}

/// <summary>A write-only stream that passes bytes on (or drops them) while counting them and hashing them with SHA-256.</summary>
public sealed class HashingStream : Stream
{
    private readonly Stream? _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _digest;

    /// <param name="inner">Where the bytes go; null to only count and hash them.</param>
    public HashingStream(Stream? inner)
    {
        _inner = inner;
    }

    public long BytesWritten { get; private set; }

    /// <summary>The digest of everything written; after this, nothing more may be written.</summary>
    public string Digest => _digest ??= Digests.Prefix + Hex.Lower(_hash.GetHashAndReset());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => BytesWritten;
    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_digest is not null)
        {
            throw new InvalidOperationException("The digest was already taken.");
        }

        _hash.AppendData(buffer, offset, count);
        BytesWritten += count;
        _inner?.Write(buffer, offset, count);
    }

    public override void Flush() => _inner?.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
