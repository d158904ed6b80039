using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using GoPack.Sdk.Common;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains;

/// <summary>
/// Finds installed Go toolchains, by looking at the file system wherever it can: a build that has nothing to do
/// must not pay for starting <c>go</c>, so versions come from <c>$GOROOT/VERSION</c>. Only a candidate without
/// that file (a distribution's or a development build) is asked through <see cref="GoToolchainLocatorOptions.Probe"/>,
/// which caches the answer.
/// </summary>
public sealed class GoToolchainLocator
{
    private readonly GoToolchainLocatorOptions _options;
    private readonly List<string> _searchedPlaces = new List<string>();
    private readonly string _executableName;
    private readonly string _executableRelativePath;
    private readonly StringComparer _pathComparer;

    public GoToolchainLocator(GoToolchainLocatorOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _executableName = options.IsWindows ? "go.exe" : "go";
        _executableRelativePath = options.IsWindows ? @"bin\go.exe" : "bin/go";
        _pathComparer = options.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        DefaultSearchLocations = ComputeDefaultSearchLocations(options);
    }

    /// <summary>
    /// Where Go's own installers, Linux distributions, Homebrew and <c>golang.org/dl</c> put toolchains,
    /// searched after the GoRoot property, GOROOT and PATH unless <see cref="GoToolchainLocatorOptions.SearchLocations"/> replaces them.
    /// </summary>
    public IReadOnlyList<string> DefaultSearchLocations { get; }

    /// <summary>The <see cref="GoToolchain.Source"/> of the toolchain the GoRoot property names, so callers can tell it from the others.</summary>
    public const string GoRootPropertySource = "GoRoot property";

    /// <summary>
    /// Every place the latest <see cref="EnumerateCandidates"/> looked at so far and what it found there,
    /// e.g. "GOROOT (not set)" or "/usr/local/go (missing)", for telling the user where Go was not found.
    /// </summary>
    public IReadOnlyList<string> SearchedPlaces => _searchedPlaces.ToArray();

    /// <summary>
    /// The toolchains found, lazily and in order of preference: the GoRoot property, GOROOT, each <c>go</c>
    /// on PATH, the SDKs of the <c>golang.org/dl</c> wrappers on PATH (<c>go1.22.3</c> runs <c>~/sdk/go1.22.3</c>),
    /// then each search location, newest first among a wildcard's matches. A toolchain reachable through several
    /// places is returned once, for the first.
    /// </summary>
    public IEnumerable<GoToolchain> EnumerateCandidates()
    {
        _searchedPlaces.Clear();
        var seen = new Dictionary<string, string>(_pathComparer);

        var fromProperty = FromExplicitRoot("GoRoot property", GoRootPropertySource, _options.GoRootProperty, seen);
        if (fromProperty is not null)
        {
            yield return fromProperty;
        }

        var fromEnvironment = FromExplicitRoot("GOROOT", "GOROOT environment variable", _options.GoRootEnvironment, seen);
        if (fromEnvironment is not null)
        {
            yield return fromEnvironment;
        }

        var pathDirectories = PathDirectories();
        foreach (var toolchain in FromPath(pathDirectories, seen))
        {
            yield return toolchain;
        }

        foreach (var toolchain in FromPathWrappers(pathDirectories, seen))
        {
            yield return toolchain;
        }

        foreach (var location in _options.SearchLocations ?? DefaultSearchLocations)
        {
            foreach (var toolchain in FromSearchLocation(location, seen))
            {
                yield return toolchain;
            }
        }
    }

    private static IReadOnlyList<string> ComputeDefaultSearchLocations(GoToolchainLocatorOptions options)
    {
        var locations = new List<string>();
        var home = Settings.Trimmed(options.HomeDirectory);
        if (options.IsWindows)
        {
            var programFiles = Settings.Trimmed(options.ProgramFiles);
            if (programFiles is not null)
            {
                locations.Add(Path.Combine(programFiles, "Go"));
            }

            // Where older Go installers put it, and where many CI images still have it.
            locations.Add(@"C:\Go");
            if (home is not null)
            {
                locations.Add(Path.Combine(home, "sdk", "go*"));
            }
        }
        else
        {
            locations.Add("/usr/local/go");
            locations.Add("/usr/lib/go-*");
            locations.Add("/usr/lib/go");
            if (home is not null)
            {
                locations.Add(Path.Combine(home, "sdk", "go*"));
            }

            locations.Add("/opt/homebrew/opt/go/libexec");
            locations.Add("/usr/local/opt/go/libexec");
        }

        return locations.AsReadOnly();
    }

    private GoToolchain? FromExplicitRoot(string label, string source, string? value, Dictionary<string, string> seen)
    {
        var root = Settings.Trimmed(value);
        if (root is null)
        {
            _searchedPlaces.Add($"{label} (not set)");
            return null;
        }

        var place = $"{label}={root}";
        var fullRoot = TryGetFullPath(root);
        if (fullRoot is null)
        {
            _searchedPlaces.Add($"{place} (not a valid path)");
            return null;
        }

        // A root the user named explicitly is trusted without the VERSION/pkg/tool check that PATH gets,
        // but not without a go to run.
        return Accept(place, source, fullRoot, seen, requireGoRootLayout: false);
    }

    // PATH's absolute entries, in order; null (after recording it) when PATH is not set.
    private IReadOnlyList<string>? PathDirectories()
    {
        var path = Settings.Trimmed(_options.PathEnvironment);
        if (path is null)
        {
            _searchedPlaces.Add("PATH (not set)");
            return null;
        }

        var directories = new List<string>();
        var separator = _options.IsWindows ? ';' : ':';
        foreach (var rawEntry in path!.Split(separator))
        {
            // Windows allows quoted PATH entries, e.g. "C:\Program Files\Go\bin" with the quotes.
            var entry = rawEntry.Trim().Trim('"');

            // Relative entries (including the empty one meaning ".") would make the toolchain depend on
            // the build's working directory; Go's own exec.LookPath refuses them for the same reason.
            if (entry.Length > 0 && IsRooted(entry))
            {
                directories.Add(entry);
            }
        }

        return directories;
    }

    private IEnumerable<GoToolchain> FromPath(IReadOnlyList<string>? directories, Dictionary<string, string> seen)
    {
        if (directories is null)
        {
            yield break;
        }

        var foundAny = false;
        foreach (var entry in directories)
        {
            string executable;
            try
            {
                executable = Path.Combine(entry, _executableName);
                if (!FileProbe.FileExists(executable))
                {
                    continue;
                }
            }
            catch (Exception e) when (FileSystemFailures.Is(e))
            {
                continue;
            }

            foundAny = true;
            var resolved = ResolveFileLink(executable);
            var place = resolved == executable ? $"PATH: {executable}" : $"PATH: {executable} -> {resolved}";
            var binDirectory = Path.GetDirectoryName(resolved);
            var root = binDirectory is null ? null : Path.GetDirectoryName(binDirectory);
            if (root is null)
            {
                _searchedPlaces.Add($"{place} (no GOROOT above it)");
                continue;
            }

            var toolchain = Accept(place, $"PATH ({executable})", root, seen, requireGoRootLayout: true);
            if (toolchain is not null)
            {
                yield return toolchain;
            }
        }

        if (!foundAny)
        {
            _searchedPlaces.Add($"PATH (no {_executableName} found)");
        }
    }

    // golang.org/dl's wrappers (go1.22.3, go1.22.3.exe) only forward to ~/sdk/go1.22.3, so that folder is the
    // toolchain; running the wrapper would cost a process and fail anyway before `go1.22.3 download`.
    private IEnumerable<GoToolchain> FromPathWrappers(IReadOnlyList<string>? directories, Dictionary<string, string> seen)
    {
        if (directories is null)
        {
            yield break;
        }

        foreach (var entry in directories)
        {
            foreach ((var wrapper, var name) in FindWrappers(entry))
            {
                var home = Settings.Trimmed(_options.HomeDirectory);
                if (home is null)
                {
                    _searchedPlaces.Add($"PATH: {wrapper} (home directory unknown, so is the SDK folder it runs)");
                    continue;
                }

                var sdk = Path.Combine(home, "sdk", name);
                var place = $"PATH: {wrapper} -> {sdk}";
                bool downloaded;
                try
                {
                    downloaded = FileProbe.FileExists(Path.Combine(sdk, "bin", _executableName));
                }
                catch (Exception e) when (FileSystemFailures.Is(e))
                {
                    _searchedPlaces.Add($"{place} ({e.Message})");
                    continue;
                }

                if (!downloaded)
                {
                    _searchedPlaces.Add($"PATH: {wrapper} (not downloaded: run `{name} download`)");
                    continue;
                }

                var toolchain = Accept(place, $"PATH {name} wrapper ({wrapper})", sdk, seen, requireGoRootLayout: false);
                if (toolchain is not null)
                {
                    yield return toolchain;
                }
            }
        }
    }

    // The wrappers in one PATH folder, newest first; a name must be exactly a release's (go1.22.3, go1.21rc2).
    private IEnumerable<(string Path, string Name)> FindWrappers(string directory)
    {
        string[] files;
        try
        {
            files = FileProbe.DirectoryExists(directory) ? FileProbe.GetFiles(directory, "go1.*") : Array.Empty<string>();
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return Array.Empty<(string, string)>();
        }

        var wrappers = new List<(string Path, string Name, GoVersion Version)>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (_options.IsWindows)
            {
                if (!name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                name = name.Substring(0, name.Length - 4);
            }

            if (GoVersion.TryParse(name, out var version)
                && !version!.IsLanguageVersion
                && string.Equals(version.ReleaseName, name, StringComparison.Ordinal))
            {
                wrappers.Add((file, name, version));
            }
        }

        return wrappers
            .OrderByDescending(w => w.Version)
            .ThenBy(w => w.Path, StringComparer.Ordinal)
            .Select(w => (w.Path, w.Name))
            .ToList();
    }

    private IEnumerable<GoToolchain> FromSearchLocation(string location, Dictionary<string, string> seen)
    {
        var expanded = ExpandHome(location);
        if (expanded is null)
        {
            _searchedPlaces.Add($"{location} (home directory unknown)");
            yield break;
        }

        var fullPath = TryGetFullPath(expanded);
        if (fullPath is null)
        {
            _searchedPlaces.Add($"{location} (not a valid path)");
            yield break;
        }

        var pattern = Path.GetFileName(fullPath);
        var parent = Path.GetDirectoryName(fullPath);
        if (parent is not null && parent.IndexOfAny(Wildcards) >= 0)
        {
            _searchedPlaces.Add($"{location} (wildcards are only supported in the last segment)");
            yield break;
        }

        if (pattern.IndexOfAny(Wildcards) < 0)
        {
            var toolchain = Accept(expanded, location, fullPath, seen, requireGoRootLayout: false);
            if (toolchain is not null)
            {
                yield return toolchain;
            }

            yield break;
        }

        if (parent is null)
        {
            _searchedPlaces.Add($"{expanded} (no matches)");
            yield break;
        }

        string[] matches;
        try
        {
            matches = FileProbe.DirectoryExists(parent) ? FileProbe.GetDirectories(parent, pattern) : Array.Empty<string>();
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            _searchedPlaces.Add($"{location} (cannot list {parent}: {e.Message})");
            yield break;
        }

        if (matches.Length == 0)
        {
            _searchedPlaces.Add($"{expanded} (no matches)");
            yield break;
        }

        // go-1.9, go-1.10, go-1.19 must come out as 1.19, 1.10, 1.9, which no ordering of names gives.
        // A match without a VERSION file is placed by the version in its name; one with neither goes last.
        var ordered = matches
            .Select(match => (Path: match, Version: ReadVersion(match) ?? VersionFromName(Path.GetFileName(match))))
            .OrderByDescending(m => m.Version is not null)
            .ThenByDescending(m => m.Version)
            .ThenBy(m => m.Path, StringComparer.Ordinal)
            .ToList();

        foreach ((var match, var _) in ordered)
        {
            var toolchain = Accept(match, location, match, seen, requireGoRootLayout: false);
            if (toolchain is not null)
            {
                yield return toolchain;
            }
        }
    }

    // Checks one candidate root, records the verdict in SearchedPlaces, and returns it if usable and new.
    private GoToolchain? Accept(string place, string source, string root, Dictionary<string, string> seen, bool requireGoRootLayout)
    {
        try
        {
            if (!FileProbe.DirectoryExists(root))
            {
                _searchedPlaces.Add($"{place} (missing)");
                return null;
            }

            var executable = Path.Combine(root, "bin", _executableName);
            if (!FileProbe.FileExists(executable))
            {
                _searchedPlaces.Add($"{place} (no {_executableRelativePath})");
                return null;
            }

            // A go found on PATH is only assumed to live in $GOROOT/bin if its grandparent looks like a
            // GOROOT (the test cmd/go itself uses is pkg/tool); otherwise a packaged /usr/bin/go or a
            // shim would make /usr or the shim folder pass for GOROOT.
            if (requireGoRootLayout
                && !FileProbe.FileExists(Path.Combine(root, "VERSION"))
                && !FileProbe.DirectoryExists(Path.Combine(root, "pkg", "tool")))
            {
                _searchedPlaces.Add($"{place} (cannot tell its GOROOT: {root} has no VERSION or pkg/tool)");
                return null;
            }

            var key = NormalizeForComparison(root);
            if (seen.TryGetValue(key, out var earlier))
            {
                _searchedPlaces.Add($"{place} (same toolchain as {earlier})");
                return null;
            }

            var foreign = ForeignPlatformOfToolDirectory(root);
            if (foreign is not null)
            {
                _searchedPlaces.Add($"{place} (skipped: {foreign})");
                return null;
            }

            GoVersion? version;
            string found;
            if (_options.Probe is null || FileProbe.FileExists(Path.Combine(root, "VERSION")))
            {
                version = ReadVersion(root);
                found = version?.ReleaseName ?? "unknown version";
            }
            else
            {
                var probed = _options.Probe(executable);
                if (!probed.Succeeded)
                {
                    _searchedPlaces.Add($"{place} (skipped: no VERSION file, and asking it failed: {probed.Failure})");
                    return null;
                }

                if (!IsHostPlatform(probed.GoOs, probed.GoArch))
                {
                    _searchedPlaces.Add($"{place} (skipped: `go env` says it is {probed.ReportedVersion} for {probed.GoOs}/{probed.GoArch}, not for this machine's {_options.HostGoOs}/{_options.HostGoArch})");
                    return null;
                }

                version = probed.Version;
                found = (version?.ReleaseName ?? $"unknown version: {probed.ReportedVersion}") + ", from `go env`";
                if (!_pathComparer.Equals(NormalizeForComparison(probed.GoRoot!), key))
                {
                    // A wrapper script may run a go elsewhere; it is still this bin/go that builds will run.
                    found += $", which names GOROOT {probed.GoRoot}";
                }
            }

            seen.Add(key, source);
            _searchedPlaces.Add($"{place} ({found})");
            return new GoToolchain(root, executable, version, source);
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            _searchedPlaces.Add($"{place} ({e.Message})");
            return null;
        }
    }

    private static readonly char[] Wildcards = { '*', '?' };

    private bool IsHostPlatform(string? goOs, string? goArch) =>
        Settings.Trimmed(_options.HostGoOs) is not string hostOs
        || Settings.Trimmed(_options.HostGoArch) is not string hostArch
        || (string.Equals(goOs, hostOs, StringComparison.Ordinal) && string.Equals(goArch, hostArch, StringComparison.Ordinal));

    // A toolchain's pkg/tool holds one <goos>_<goarch> folder for the platform it runs on; a toolchain unpacked
    // for another machine (a linux-arm64 archive on linux-amd64) shows that without being run. Null when it fits,
    // or when there is nothing to tell (no pkg/tool, or no host platform given).
    private string? ForeignPlatformOfToolDirectory(string root)
    {
        var hostOs = Settings.Trimmed(_options.HostGoOs);
        var hostArch = Settings.Trimmed(_options.HostGoArch);
        var tools = Path.Combine(root, "pkg", "tool");
        if (hostOs is null || hostArch is null || !FileProbe.DirectoryExists(tools))
        {
            return null;
        }

        var host = hostOs + "_" + hostArch;
        var platforms = FileProbe.GetDirectories(tools)
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.IndexOf('_') > 0)
            .Select(name => name!)
            .ToList();
        if (platforms.Count == 0 || platforms.Contains(host, StringComparer.Ordinal))
        {
            return null;
        }

        return $"its pkg/tool has {string.Join(", ", platforms.OrderBy(p => p, StringComparer.Ordinal).Select(p => p.Replace('_', '/')))} tools, not this machine's {hostOs}/{hostArch}";
    }

    private string? ExpandHome(string location)
    {
        if (location != "~" && !location.StartsWith("~/", StringComparison.Ordinal) && !location.StartsWith(@"~\", StringComparison.Ordinal))
        {
            return location;
        }

        var home = Settings.Trimmed(_options.HomeDirectory);
        if (home is null)
        {
            return null;
        }

        return location.Length <= 2 ? home : Path.Combine(home, location.Substring(2));
    }

    private string NormalizeForComparison(string root)
    {
        var path = root;
#if NET
        // /usr/lib/go is a symlink to /usr/lib/go-1.19 on some distributions; both names are one toolchain.
        try
        {
            path = FileProbe.ResolveLinkTarget(path, isDirectory: true) ?? path;
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
        }
#endif
        return TrimTrailingSeparators(path);
    }

    private static string ResolveFileLink(string path)
    {
#if NET
        // Distributions and Homebrew install /usr/bin/go as a link into the real GOROOT; the root is
        // found from the link's final target, not from where PATH found it.
        try
        {
            var target = FileProbe.ResolveLinkTarget(path, isDirectory: false);
            if (target is not null)
            {
                return target;
            }
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
        }
#endif
        // netstandard2.0 only runs in Visual Studio's MSBuild on Windows, where Go is installed as real files.
        return path;
    }

    private static GoVersion? ReadVersion(string root)
    {
        try
        {
            var file = Path.Combine(root, "VERSION");
            if (!FileProbe.FileExists(file))
            {
                return null;
            }

            // Since Go 1.21 later lines hold the build time; development builds say "devel ..." and stay unknown.
            var firstLine = FileProbe.ReadAllLines(file).FirstOrDefault();
            return GoVersion.TryParse(firstLine, out var version) ? version : null;
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return null;
        }
    }

    private static GoVersion? VersionFromName(string name)
    {
        var firstDigit = name.IndexOfAny("0123456789".ToCharArray());
        return firstDigit >= 0 && GoVersion.TryParse(name.Substring(firstDigit), out var version) ? version : null;
    }

    private static bool IsRooted(string path)
    {
        try
        {
            return Path.IsPathRooted(path);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? TryGetFullPath(string path)
    {
        try
        {
            return TrimTrailingSeparators(Path.GetFullPath(path));
        }
        catch (Exception e) when (FileSystemFailures.Is(e))
        {
            return null;
        }
    }

    private static string TrimTrailingSeparators(string path)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        // "/" and "C:\" must keep their separator to stay roots.
        return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? path : trimmed;
    }
}
