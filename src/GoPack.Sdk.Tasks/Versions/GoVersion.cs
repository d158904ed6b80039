using System;
using System.Globalization;
using System.Text;

namespace GoPack.Sdk.Versions;

/// <summary>
/// A Go version with the ordering of cmd/go's internal/gover, so that the SDK picks the same
/// toolchains, and accepts the same go.mod lines, as the go command would.
/// </summary>
/// <remarks>
/// Since Go 1.21 a two-part version such as <c>1.21</c> names the language ("any 1.21.x") and the
/// first release is <c>1.21.0</c>, so <c>1.21 &lt; 1.21rc1 &lt; 1.21.0 &lt; 1.21.1</c>.
/// Before 1.21 the first release had no <c>.0</c>: <c>go1.20</c> is the release 1.20.0, and
/// <c>1.20rc1 &lt; 1.20 == 1.20.0 &lt; 1.20.1</c>.
/// </remarks>
public sealed class GoVersion : IComparable<GoVersion>, IEquatable<GoVersion>
{
    private const int FirstMinorWithLanguageVersions = 21;

    // The letters and the number of a prerelease are compared separately, as gover does,
    // so that rc10 sorts after rc9 and every beta before every rc.
    private readonly string? _prereleaseKind;
    private readonly int? _prereleaseNumber;

    private GoVersion(int major, int minor, int? patch, string? prereleaseKind, int? prereleaseNumber)
    {
        Major = major;
        Minor = minor;
        _prereleaseKind = prereleaseKind;
        _prereleaseNumber = prereleaseNumber;

        // Before 1.21 "1.20" and "1.20.0" are the same release; storing both as patch 0 keeps
        // equality, hashing and formatting consistent however the version was written.
        Patch = patch is null && prereleaseKind is null && !HasLanguageVersions(major, minor) ? 0 : patch;
    }

    public int Major { get; }

    public int Minor { get; }

    /// <summary>
    /// The patch number; null for a language version such as <c>1.22</c> and for prereleases
    /// such as <c>1.21rc1</c>. A pre-1.21 release written <c>1.20</c> has patch 0.
    /// </summary>
    public int? Patch { get; }

    /// <summary>The prerelease suffix, e.g. <c>rc1</c> or <c>beta2</c>; null for releases and language versions.</summary>
    public string? Prerelease => _prereleaseKind is null
        ? null
        : _prereleaseKind + (_prereleaseNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>A two-part version from Go 1.21 on, which means "any 1.x.y" rather than a particular release.</summary>
    public bool IsLanguageVersion => Patch is null && _prereleaseKind is null;

    /// <summary>The toolchain name the go command uses, e.g. <c>go1.22.3</c>, <c>go1.20</c>, <c>go1.21rc1</c>.</summary>
    public string ReleaseName => "go" + ToString();

    public static GoVersion Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (!TryParse(text, out var version))
        {
            throw new FormatException($"'{text}' is not a Go version such as 1.22, 1.22.3, 1.21rc1 or go1.22.3.");
        }

        return version!;
    }

    public static bool TryParse(string? text, out GoVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        var position = 0;
        if (!TryReadNumber(s, ref position, out var major))
        {
            return false;
        }

        // A bare "1" is what gover calls 1.0.0, but nothing a user writes today means that, so it
        // is more likely a mistake than a version.
        if (position >= s.Length || s[position] != '.')
        {
            return false;
        }

        position++;
        if (!TryReadNumber(s, ref position, out var minor))
        {
            return false;
        }

        if (position == s.Length)
        {
            version = new GoVersion(major, minor, null, null, null);
            return true;
        }

        if (s[position] == '.')
        {
            position++;

            // gover rejects prereleases of patch releases (1.21.3rc1): they would sort after
            // the language version but before the release, which nobody has needed.
            if (!TryReadNumber(s, ref position, out var patch) || position != s.Length)
            {
                return false;
            }

            version = new GoVersion(major, minor, patch, null, null);
            return true;
        }

        var kindStart = position;
        while (position < s.Length && s[position] >= 'a' && s[position] <= 'z')
        {
            position++;
        }

        if (position == kindStart)
        {
            return false;
        }

        var kind = s.Substring(kindStart, position - kindStart);
        int? number = null;
        if (position < s.Length)
        {
            if (!TryReadNumber(s, ref position, out var n) || position != s.Length)
            {
                return false;
            }

            number = n;
        }

        version = new GoVersion(major, minor, null, kind, number);
        return true;
    }

    /// <summary>
    /// Whether a toolchain of this version can build a module that asks for <paramref name="minimum"/>
    /// (e.g. in its go.mod <c>go</c> line): 1.22.0 and 1.22.3 satisfy 1.22, 1.21.9 does not.
    /// </summary>
    public bool Satisfies(GoVersion minimum)
    {
        if (minimum is null)
        {
            throw new ArgumentNullException(nameof(minimum));
        }

        return CompareTo(minimum) >= 0;
    }

    public int CompareTo(GoVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        if (c != 0)
        {
            return c;
        }

        // A missing patch sorts before every patch, which puts 1.21 and 1.21rc1 before 1.21.0.
        c = CompareMissingFirst(Patch, other.Patch);
        if (c != 0)
        {
            return c;
        }

        // No prerelease sorts before any, which puts the language version 1.21 before 1.21rc1.
        // Patch releases never carry one, so this cannot misplace 1.21.0.
        c = string.CompareOrdinal(_prereleaseKind ?? string.Empty, other._prereleaseKind ?? string.Empty);
        if (c != 0)
        {
            return c;
        }

        return CompareMissingFirst(_prereleaseNumber, other._prereleaseNumber);
    }

    public bool Equals(GoVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => Equals(obj as GoVersion);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = Major;
            hash = (hash * 397) ^ Minor;
            hash = (hash * 397) ^ (Patch ?? -1);
            hash = (hash * 397) ^ (_prereleaseKind is null ? 0 : StringComparer.Ordinal.GetHashCode(_prereleaseKind));
            hash = (hash * 397) ^ (_prereleaseNumber ?? -1);
            return hash;
        }
    }

    /// <summary>The version without the <c>go</c> prefix, as go.mod writes it: <c>1.22.3</c>, <c>1.20</c>, <c>1.21rc1</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Major.ToString(CultureInfo.InvariantCulture))
            .Append('.')
            .Append(Minor.ToString(CultureInfo.InvariantCulture));

        // Before 1.21 the first release is named without ".0" (go1.20), and "go1.20.0" does not exist.
        if (Patch is int patch && (patch != 0 || HasLanguageVersions(Major, Minor)))
        {
            builder.Append('.').Append(patch.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(Prerelease);
        return builder.ToString();
    }

    public static bool operator ==(GoVersion? left, GoVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(GoVersion? left, GoVersion? right) => !(left == right);

    public static bool operator <(GoVersion? left, GoVersion? right) => Compare(left, right) < 0;

    public static bool operator >(GoVersion? left, GoVersion? right) => Compare(left, right) > 0;

    public static bool operator <=(GoVersion? left, GoVersion? right) => Compare(left, right) <= 0;

    public static bool operator >=(GoVersion? left, GoVersion? right) => Compare(left, right) >= 0;

    private static int Compare(GoVersion? left, GoVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static bool HasLanguageVersions(int major, int minor) =>
        major > 1 || (major == 1 && minor >= FirstMinorWithLanguageVersions);

    private static int CompareMissingFirst(int? x, int? y)
    {
        if (x is null)
        {
            return y is null ? 0 : -1;
        }

        return y is null ? 1 : x.Value.CompareTo(y.Value);
    }

    // Digits only, without a sign or leading zeros, as gover's cutInt: "1.09" is not a Go version.
    private static bool TryReadNumber(string s, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < s.Length && s[position] >= '0' && s[position] <= '9')
        {
            position++;
        }

        var length = position - start;
        if (length == 0 || (length > 1 && s[start] == '0'))
        {
            return false;
        }

        return int.TryParse(s.Substring(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
