using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using GoPack.Sdk.Common;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>
/// GoPack's own store of downloaded toolchains, shared by every project of the user:
/// <c>&lt;root&gt;/go1.22.3.linux-amd64/</c> holds the content of the archive's <c>go/</c> folder
/// (so <c>&lt;entry&gt;/bin/go</c> exists) and a <see cref="CompleteMarkerFileName"/> file.
/// </summary>
/// <remarks>
/// An entry only counts once its marker exists. The installer writes the marker last inside a temporary
/// directory and then renames that directory into place, so a build killed at any point leaves either
/// nothing under the entry's name or a complete entry. Temporary files start with <c>.tmp-</c> and the
/// lock files live in <c>&lt;root&gt;/.locks/</c>; neither is ever taken for a toolchain.
/// </remarks>
public sealed class ToolchainCache
{
    /// <summary>Written last into an entry; holds the archive's SHA-256 and where it came from.</summary>
    public const string CompleteMarkerFileName = ".gopack-complete";

    /// <summary>The folder under the root holding one lock file per entry.</summary>
    public const string LocksDirectoryName = ".locks";

    internal const string TemporaryPrefix = ".tmp-";

    /// <param name="root">The cache folder; null or blank for <see cref="GetDefaultRoot"/>. Relative paths are taken from the current directory.</param>
    public ToolchainCache(string? root = null)
    {
        Root = Path.GetFullPath(root is null || root.Trim().Length == 0 ? GetDefaultRoot() : root);
    }

    /// <summary>The cache folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>Where lock files go: <c>&lt;root&gt;/.locks</c>.</summary>
    public string LocksDirectory => Path.Combine(Root, LocksDirectoryName);

    /// <summary><c>~/.gopack/toolchains</c> in the user's profile (%USERPROFILE% on Windows, $HOME elsewhere).</summary>
    /// <exception cref="InvalidOperationException">The user's profile folder is unknown.</exception>
    public static string GetDefaultRoot()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
        }

        return GetDefaultRoot(home);
    }

    /// <summary><c>&lt;home&gt;/.gopack/toolchains</c>.</summary>
    public static string GetDefaultRoot(string homeDirectory)
    {
        if (string.IsNullOrEmpty(homeDirectory))
        {
            throw new InvalidOperationException("GoPack cannot tell the user's home directory, so it has no default toolchain cache; set the GoToolchainCache property.");
        }

        return Path.Combine(homeDirectory, ".gopack", "toolchains");
    }

    /// <summary>The entry's folder, <c>&lt;root&gt;/go1.22.3.linux-amd64</c>, whether or not it exists.</summary>
    public string GetEntryPath(GoVersion version, GoArchivePlatform platform) =>
        Path.Combine(Root, RequirePlatform(platform).GetToolchainName(RequireVersion(version)));

    /// <summary>The entry's lock file, <c>&lt;root&gt;/.locks/go1.22.3.linux-amd64.lock</c>.</summary>
    public string GetLockPath(GoVersion version, GoArchivePlatform platform) =>
        Path.Combine(LocksDirectory, RequirePlatform(platform).GetToolchainName(RequireVersion(version)) + ".lock");

    /// <summary>The complete entries for the machine the build runs on, newest first.</summary>
    public IEnumerable<GoToolchain> EnumerateInstalled() => EnumerateInstalled(GoArchivePlatform.Host());

    /// <summary>The complete entries for <paramref name="platform"/>, newest first.</summary>
    public IEnumerable<GoToolchain> EnumerateInstalled(GoArchivePlatform platform)
    {
        RequirePlatform(platform);
        return EnumerateEntries()
            .Where(e => e.Platform.Equals(platform))
            .Select(e => ToToolchain(e.Path, e.Version, e.Platform))
            .Where(t => t is not null)
            .Select(t => t!)
            .ToList();
    }

    /// <summary>The file that keeps a Go module around the cache from building the Go distributions in it.</summary>
    public const string ModuleStopperFileName = "go.mod";

    /// <summary>
    /// A cache folder inside a module (GoToolchainCache=toolchains) would make `go build ./...` compile every
    /// downloaded distribution's test/ folder. A go.mod in the cache root makes it a module of its own, which
    /// `./...` does not enter; written before the first entry, kept if there.
    /// </summary>
    public void WriteModuleStopper()
    {
        var path = Path.Combine(Root, ModuleStopperFileName);
        if (FileProbe.FileExists(path))
        {
            return;
        }

        FileProbe.NotCacheable("the toolchain cache was created");
        Directory.CreateDirectory(Root);
        File.WriteAllText(path, "// GoPack's toolchain cache: this go.mod keeps `go build ./...` of a module around it out of the Go distributions here.\nmodule gopack.invalid/toolchain-cache\n");
    }

    /// <summary>Every complete entry of any platform, newest first, for listing what the cache holds.</summary>
    public IReadOnlyList<ToolchainCacheEntry> EnumerateEntries()
    {
        string[] directories;
        try
        {
            if (!FileProbe.DirectoryExists(Root))
            {
                return Array.Empty<ToolchainCacheEntry>();
            }

            directories = FileProbe.GetDirectories(Root);
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return Array.Empty<ToolchainCacheEntry>();
        }

        var entries = new List<ToolchainCacheEntry>();
        foreach (var directory in directories)
        {
            var name = Path.GetFileName(directory);
            if (TryParseEntryName(name, out var version, out var platform) && IsComplete(directory))
            {
                entries.Add(new ToolchainCacheEntry(directory, version!, platform!));
            }
        }

        return entries
            .OrderByDescending(e => e.Version)
            .ThenBy(e => e.Platform.Name, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
    }

    /// <summary>The complete entry of exactly <paramref name="exact"/> for <paramref name="goos"/>/<paramref name="goarch"/>, or null.</summary>
    public GoToolchain? Find(GoVersion exact, string goos, string goarch) => Find(exact, new GoArchivePlatform(goos, goarch));

    /// <inheritdoc cref="Find(GoVersion, string, string)"/>
    public GoToolchain? Find(GoVersion exact, GoArchivePlatform platform)
    {
        var entry = GetEntryPath(exact, platform);
        return IsComplete(entry) ? ToToolchain(entry, exact, platform) : null;
    }

    /// <summary>Whether <paramref name="entryDirectory"/> has its marker, i.e. whether it was installed completely.</summary>
    public static bool IsComplete(string entryDirectory)
    {
        try
        {
            return FileProbe.FileExists(Path.Combine(entryDirectory, CompleteMarkerFileName));
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return false;
        }
    }

    /// <summary>Splits <c>go1.22.3.linux-amd64</c> into its version and platform.</summary>
    public static bool TryParseEntryName(string name, out GoVersion? version, out GoArchivePlatform? platform)
    {
        version = null;
        platform = null;
        if (name is null || !name.StartsWith("go", StringComparison.Ordinal))
        {
            return false;
        }

        // Versions contain dots and platform names cannot, so the last dot separates them.
        var dot = name.LastIndexOf('.');
        if (dot <= 0
            || !GoArchivePlatform.TryParse(name.Substring(dot + 1), out platform)
            || !GoVersion.TryParse(name.Substring(0, dot), out version)
            || platform!.GetToolchainName(version!) != name)
        {
            // The round trip rejects spellings the installer never writes, such as go1.20.0 for go1.20.
            version = null;
            platform = null;
            return false;
        }

        return true;
    }

    internal static void WriteMarker(string entryDirectory, GoVersion version, string sha256, Uri source)
    {
        var text = new StringBuilder()
            .Append("version=").Append(version.ReleaseName).Append('\n')
            .Append("sha256=").Append(sha256).Append('\n')
            .Append("url=").Append(source.AbsoluteUri).Append('\n')
            .Append("installed=").Append(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n')
            .ToString();
        File.WriteAllText(Path.Combine(entryDirectory, CompleteMarkerFileName), text, new UTF8Encoding(false));
    }

    /// <summary>The prefix of this entry's temporary files and folders: <c>.tmp-go1.22.3.linux-amd64-</c>.</summary>
    internal string GetTemporaryPrefix(GoVersion version, GoArchivePlatform platform) =>
        TemporaryPrefix + platform.GetToolchainName(version) + "-";

    private GoToolchain? ToToolchain(string entry, GoVersion version, GoArchivePlatform platform)
    {
        var executable = Path.Combine(entry, "bin", platform.ExecutableName);
        try
        {
            if (!FileProbe.FileExists(executable))
            {
                return null;
            }
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return null;
        }

        // The version comes from the entry's name: the archive of that name was verified against the feed.
        return new GoToolchain(entry, executable, version, $"GoPack cache ({entry})");
    }

    private static GoVersion RequireVersion(GoVersion version) =>
        version ?? throw new ArgumentNullException(nameof(version));

    private static GoArchivePlatform RequirePlatform(GoArchivePlatform platform) =>
        platform ?? throw new ArgumentNullException(nameof(platform));
}

/// <summary>A complete entry of the toolchain cache.</summary>
/// <param name="Path">The entry's folder, which is the toolchain's GOROOT.</param>
public sealed record ToolchainCacheEntry(string Path, GoVersion Version, GoArchivePlatform Platform);
