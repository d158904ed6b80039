using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

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

    /// <exception cref="FormatException">The text is not JSON, or not shaped like the feed; the message says where.</exception>
    public static GoReleaseFeed Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        object? root;
        try
        {
            root = MiniJson.Parse(json);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The Go release feed is not valid JSON. {e.Message}", e);
        }

        if (root is not List<object?> items)
        {
            throw new FormatException($"The Go release feed must be a JSON array of releases such as [{{\"version\":\"go1.22.3\",\"stable\":true,\"files\":[...]}}], not {Describe(root)}.");
        }

        var releases = new List<GoRelease>();
        var seen = new HashSet<GoVersion>();
        for (var i = 0; i < items.Count; i++)
        {
            var release = ReadRelease(items[i], $"[{i}]");

            // The first listing of a version wins if a hand-made mirror feed repeats one.
            if (release is not null && seen.Add(release.Version))
            {
                releases.Add(release);
            }
        }

        // Stable sort: equal versions cannot occur, so this is just newest first.
        return new GoReleaseFeed(releases.OrderByDescending(r => r.Version).ToList().AsReadOnly());
    }

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

    private static GoRelease? ReadRelease(object? item, string path)
    {
        if (item is not Dictionary<string, object?> release)
        {
            throw Shape(path, "a release object", item);
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
        if (release.TryGetValue("files", out var filesValue) && filesValue is not null)
        {
            if (filesValue is not List<object?> fileItems)
            {
                throw Shape(path + ".files", "an array", filesValue);
            }

            for (var i = 0; i < fileItems.Count; i++)
            {
                files.Add(ReadFile(fileItems[i], $"{path}.files[{i}]", version!));
            }
        }

        return new GoRelease(version!, stable, files.AsReadOnly());
    }

    private static GoReleaseFile ReadFile(object? item, string path, GoVersion releaseVersion)
    {
        if (item is not Dictionary<string, object?> file)
        {
            throw Shape(path, "a file object", item);
        }

        var fileName = RequiredString(file, "filename", path);
        var os = OptionalString(file, "os", path);
        var arch = OptionalString(file, "arch", path);
        var sha256 = OptionalString(file, "sha256", path).Trim().ToLowerInvariant();
        var kind = OptionalString(file, "kind", path);
        long size = 0;
        if (file.TryGetValue("size", out var sizeValue) && sizeValue is not null)
        {
            if (sizeValue is not JsonNumber number
                || !long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size)
                || size < 0)
            {
                throw Shape(path + ".size", "a whole number of bytes", sizeValue);
            }
        }

        // Files carry their own version; the release's is the one to trust when they disagree or it is unreadable.
        return new GoReleaseFile(fileName, os, arch, releaseVersion, sha256, size, kind);
    }

    private static string RequiredString(Dictionary<string, object?> obj, string name, string path)
    {
        if (!obj.TryGetValue(name, out var value))
        {
            throw new FormatException($"The Go release feed is malformed: {path} has no \"{name}\".");
        }

        return value as string ?? throw Shape($"{path}.{name}", "a string", value);
    }

    private static string OptionalString(Dictionary<string, object?> obj, string name, string path)
    {
        if (!obj.TryGetValue(name, out var value) || value is null)
        {
            return string.Empty;
        }

        return value as string ?? throw Shape($"{path}.{name}", "a string", value);
    }

    private static bool OptionalBool(Dictionary<string, object?> obj, string name, string path)
    {
        if (!obj.TryGetValue(name, out var value) || value is null)
        {
            return false;
        }

        return value as bool? ?? throw Shape($"{path}.{name}", "true or false", value);
    }

    private static FormatException Shape(string path, string expected, object? actual) =>
        new FormatException($"The Go release feed is malformed: {path} should be {expected}, not {Describe(actual)}.");

    private static string Describe(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return $"the string \"{(s.Length > 40 ? s.Substring(0, 40) + "..." : s)}\"";
            case bool b:
                return b ? "true" : "false";
            case JsonNumber n:
                return "the number " + n.Text;
            case List<object?>:
                return "an array";
            default:
                return "an object";
        }
    }
}
