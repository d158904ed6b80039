using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>One file of a Go release, as the feed lists it.</summary>
/// <param name="FileName">The archive's name, e.g. <c>go1.22.3.linux-amd64.tar.gz</c>; it is found at <c>&lt;base&gt;/&lt;FileName&gt;</c>.</param>
/// <param name="Os">GOOS, empty for source archives.</param>
/// <param name="Arch">The architecture as the feed writes it (<c>armv6l</c> for linux/arm), empty for source archives.</param>
/// <param name="Version">The release this file belongs to.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hexadecimal as the feed gives it; may be empty in a broken feed.</param>
/// <param name="Size">The size in bytes; 0 when the feed does not say.</param>
/// <param name="Kind"><c>archive</c>, <c>installer</c> or <c>source</c>.</param>
public sealed record GoReleaseFile(string FileName, string Os, string Arch, GoVersion Version, string Sha256, long Size, string Kind);

/// <summary>A Go release in the feed.</summary>
/// <param name="Stable">False for betas and release candidates.</param>
public sealed record GoRelease(GoVersion Version, bool Stable, IReadOnlyList<GoReleaseFile> Files)
{
    /// <summary>The binary archive (not the installer) for <paramref name="platform"/>, or null when Go published none.</summary>
    public GoReleaseFile? FindArchive(GoArchivePlatform platform)
    {
        if (platform is null)
        {
            throw new ArgumentNullException(nameof(platform));
        }

        GoReleaseFile? fallback = null;
        foreach (var file in Files)
        {
            if (file.Kind != "archive"
                || file.Os != platform.GoOs
                || (file.Arch != platform.ArchiveArch && file.Arch != platform.GoArch)
                || !file.FileName.EndsWith(platform.ArchiveExtension, StringComparison.Ordinal))
            {
                continue;
            }

            // Old releases had several archives per platform (go1.4.darwin-amd64-osx10.8.tar.gz);
            // the one with the plain name is the one everything else expects.
            if (file.FileName == platform.GetArchiveFileName(Version))
            {
                return file;
            }

            fallback ??= file;
        }

        return fallback;
    }
}

/// <summary>
/// Go's list of releases in the format of <c>https://go.dev/dl/?mode=json&amp;include=all</c>:
/// <c>[{"version":"go1.22.3","stable":true,"files":[{"filename","os","arch","version","sha256","size","kind"}]}]</c>.
/// </summary>
public sealed class GoReleaseFeed
{
    private GoReleaseFeed(IReadOnlyList<GoRelease> releases) => Releases = releases;

    /// <summary>The releases, newest first by Go's version ordering. Releases whose version GoPack cannot read are left out.</summary>
    public IReadOnlyList<GoRelease> Releases { get; }

    /// <summary>Deep enough for any feed, shallow enough that a hostile one can't make the parser work hard.</summary>
    private const int MaxDepth = 64;

    /// <exception cref="FormatException">The text is not JSON, or not shaped like the feed; the message says where.</exception>
    public static GoReleaseFeed Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        // A saved copy of the feed may start with a byte order mark, which System.Text.Json takes for a stray character.
        var text = json.Length > 0 && json[0] == '\uFEFF' ? json.Substring(1) : json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The Go release feed is not valid JSON. Error at {Where(e)}: {WithoutPosition(e.Message)}", e);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // A \uD800 escape without its other half: valid JSON to the parser, no string to GetString.
                throw new FormatException($"The Go release feed is malformed: {e.Message}", e);
            }
        }
    }

    private static GoReleaseFeed Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The Go release feed must be a JSON array of releases such as [{{\"version\":\"go1.22.3\",\"stable\":true,\"files\":[...]}}], not {Describe(root)}.");
        }

        var releases = new List<GoRelease>();
        var seen = new HashSet<GoVersion>();
        var i = 0;
        foreach (var item in root.EnumerateArray())
        {
            var release = ReadRelease(item, $"[{i++}]");

            // The first listing of a version wins if a hand-made mirror feed repeats one.
            if (release is not null && seen.Add(release.Version))
            {
                releases.Add(release);
            }
        }

        // Stable sort: equal versions cannot occur, so this is just newest first.
        return new GoReleaseFeed(releases.OrderByDescending(r => r.Version).ToList().AsReadOnly());
    }

    /// <summary>"line 2, column 5", one-based, from the reader's zero-based position (columns count bytes: feeds are ASCII).</summary>
    private static string Where(JsonException e) =>
        $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}";

    /// <summary>
    /// System.Text.Json ends its messages with its own zero-based " LineNumber: 0 | BytePositionInLine: 3.", which ours
    /// already says one-based, and some with "Change the reader options.", which a feed's user can't.
    /// </summary>
    private static string WithoutPosition(string message) =>
        Regex.Replace(message, @"(\s*Change the reader options\.)?\s*(Path: \S* \|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.\s*$", string.Empty);

    /// <summary>The release with exactly this version, or null.</summary>
    public GoRelease? FindRelease(GoVersion version)
    {
        if (version is null)
        {
            throw new ArgumentNullException(nameof(version));
        }

        return Releases.FirstOrDefault(r => r.Version == version);
    }

    /// <summary>The binary archive of release <paramref name="version"/> for <paramref name="goos"/>/<paramref name="goarch"/>: kind archive, <c>.zip</c> on Windows, <c>.tar.gz</c> elsewhere.</summary>
    public GoReleaseFile? FindArchive(GoVersion version, string goos, string goarch) =>
        FindArchive(version, new GoArchivePlatform(goos, goarch));

    /// <inheritdoc cref="FindArchive(GoVersion, string, string)"/>
    public GoReleaseFile? FindArchive(GoVersion version, GoArchivePlatform platform) =>
        FindRelease(version)?.FindArchive(platform);

    /// <summary>
    /// The release to download for a requested version.
    /// <list type="bullet">
    /// <item><paramref name="exact"/>: the release <paramref name="minimum"/> itself (<c>1.22.3</c>; <c>1.20</c> is the release go1.20),
    /// stable or not, since naming a release candidate is explicit enough. A language version such as <c>1.22</c>
    /// names no release, so there it means the newest stable 1.22.x.</item>
    /// <item>Otherwise <paramref name="minimum"/> is a minimum, and the answer is the newest release of the lowest language
    /// line that has one satisfying it: <c>1.22</c> and <c>1.22.1</c> give the newest 1.22.x, so a project keeps the
    /// language it asked for and gets its latest fixes; <c>1.22.9</c>, beyond the last 1.22 release, gives the newest 1.23.x.</item>
    /// </list>
    /// Release candidates and betas only count when <paramref name="includeUnstable"/> is set (or for an exact pin).
    /// When <paramref name="platform"/> is given, only releases with an archive for it are considered.
    /// </summary>
    /// <returns>Null when no release in the feed fits.</returns>
    public GoRelease? SelectNewest(GoVersion minimum, bool exact, bool includeUnstable = false, GoArchivePlatform? platform = null)
    {
        if (minimum is null)
        {
            throw new ArgumentNullException(nameof(minimum));
        }

        var candidates = Releases.Where(r => platform is null || r.FindArchive(platform) is not null);
        if (exact && !minimum.IsLanguageVersion)
        {
            return candidates.FirstOrDefault(r => r.Version == minimum);
        }

        candidates = candidates.Where(r => (includeUnstable || r.Stable) && r.Version.Satisfies(minimum));
        if (exact)
        {
            candidates = candidates.Where(r => r.Version.Major == minimum.Major && r.Version.Minor == minimum.Minor);
        }

        var satisfying = candidates.ToList();
        if (satisfying.Count == 0)
        {
            return null;
        }

        // Releases are newest first, so the last one is in the lowest line; pick that line's newest.
        var lowest = satisfying[satisfying.Count - 1];
        return satisfying.First(r => r.Version.Major == lowest.Version.Major && r.Version.Minor == lowest.Version.Minor);
    }

    private static GoRelease? ReadRelease(JsonElement release, string path)
    {
        if (release.ValueKind != JsonValueKind.Object)
        {
            throw Shape(path, "a release object", release);
        }

        var versionText = RequiredString(release, "version", path);

        // Feeds reach back to versions older than GoVersion's grammar (go1, go1.9.2rc2); they cannot be
        // requested anyway, so they are skipped rather than failing the whole feed.
        if (!GoVersion.TryParse(versionText, out var version))
        {
            return null;
        }

        var stable = OptionalBool(release, "stable", path);
        var files = new List<GoReleaseFile>();
        if (release.TryGetProperty("files", out var fileItems) && fileItems.ValueKind != JsonValueKind.Null)
        {
            if (fileItems.ValueKind != JsonValueKind.Array)
            {
                throw Shape(path + ".files", "an array", fileItems);
            }

            var i = 0;
            foreach (var file in fileItems.EnumerateArray())
            {
                files.Add(ReadFile(file, $"{path}.files[{i++}]", version!));
            }
        }

        return new GoRelease(version!, stable, files.AsReadOnly());
    }

    private static GoReleaseFile ReadFile(JsonElement file, string path, GoVersion releaseVersion)
    {
        if (file.ValueKind != JsonValueKind.Object)
        {
            throw Shape(path, "a file object", file);
        }

        var fileName = RequiredString(file, "filename", path);
        var os = OptionalString(file, "os", path);
        var arch = OptionalString(file, "arch", path);
        var sha256 = OptionalString(file, "sha256", path).Trim().ToLowerInvariant();
        var kind = OptionalString(file, "kind", path);
        long size = 0;
        if (file.TryGetProperty("size", out var sizeValue) && sizeValue.ValueKind != JsonValueKind.Null)
        {
            // TryGetInt64 refuses fractions and exponents (1e3): a size is written as a whole number of bytes.
            if (sizeValue.ValueKind != JsonValueKind.Number || !sizeValue.TryGetInt64(out size) || size < 0)
            {
                throw Shape(path + ".size", "a whole number of bytes", sizeValue);
            }
        }

        // Files carry their own version; the release's is the one to trust when they disagree or it is unreadable.
        return new GoReleaseFile(fileName, os, arch, releaseVersion, sha256, size, kind);
    }

    private static string RequiredString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            throw new FormatException($"The Go release feed is malformed: {path} has no \"{name}\".");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Shape($"{path}.{name}", "a string", value);
    }

    private static string OptionalString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Shape($"{path}.{name}", "a string", value);
    }

    private static bool OptionalBool(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Shape($"{path}.{name}", "true or false", value),
        };
    }

    private static FormatException Shape(string path, string expected, JsonElement actual) =>
        new FormatException($"The Go release feed is malformed: {path} should be {expected}, not {Describe(actual)}.");

    private static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return "null";
            case JsonValueKind.String:
                var s = value.GetString()!;
                return $"the string \"{(s.Length > 40 ? s.Substring(0, 40) + "..." : s)}\"";
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return "the number " + value.GetRawText();
            case JsonValueKind.Array:
                return "an array";
            default:
                return "an object";
        }
    }
}
