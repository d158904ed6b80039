using System;
using System.Collections.Generic;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Toolchains;

/// <summary>The GoToolchainPolicy property: whether GoPack may download Go.</summary>
public enum GoToolchainPolicy
{
    /// <summary>An installed toolchain that fits; a download only when none does. The default.</summary>
    Auto,

    /// <summary>Never download: an installed toolchain that fits, or an error.</summary>
    Local,

    /// <summary>Always GoPack's own toolchain of the requested release, from its cache or the feed; other installed Go is ignored.</summary>
    Download,
}

public enum ToolchainDecisionKind
{
    /// <summary><see cref="ToolchainDecision.Toolchain"/> is the one to build with.</summary>
    UseInstalled,

    /// <summary>Fetch the feed, pick a release with <see cref="ToolchainSelector.SelectRelease"/>, and install it.</summary>
    Download,

    /// <summary>Nothing usable: <see cref="ToolchainDecision.ErrorCode"/> and <see cref="ToolchainDecision.ErrorMessage"/> say why.</summary>
    Error,
}

/// <summary>Everything <see cref="ToolchainSelector"/> decides from; gathered from files only, so deciding never costs a process or the network.</summary>
public sealed class ToolchainSelectionInput
{
    /// <summary>What the project asks for (DetectGo); null when nothing was handed over, which is treated as the default request.</summary>
    public GoVersionRequest? Request { get; set; }

    /// <summary>The locator's toolchains, in its order of preference.</summary>
    public IReadOnlyList<GoToolchain> Installed { get; set; } = Array.Empty<GoToolchain>();

    /// <summary>The GoPack cache's complete entries for the host platform, newest first.</summary>
    public IReadOnlyList<GoToolchain> Cached { get; set; } = Array.Empty<GoToolchain>();

    public GoToolchainPolicy Policy { get; set; } = GoToolchainPolicy.Auto;

    /// <summary>The GoRoot property's value, when set: that installation is used as is, whatever the policy.</summary>
    public string? GoRootProperty { get; set; }

    /// <summary>The locator's toolchain for <see cref="GoRootProperty"/>; null when it names no usable Go.</summary>
    public GoToolchain? GoRootToolchain { get; set; }

    /// <summary>
    /// The GOTOOLCHAIN environment variable as the user set it; null when unset, in which case GoPack runs go with
    /// GOTOOLCHAIN=local. Any other value than local lets go 1.21+ switch to the version go.mod/go.work asks for.
    /// </summary>
    public string? GoToolchainEnvironment { get; set; }

    /// <summary>The locator's record of where it looked, for the error when nothing is found.</summary>
    public IReadOnlyList<string> SearchedPlaces { get; set; } = Array.Empty<string>();

    /// <summary>The GoPack cache folder, for messages; null when it is unknown.</summary>
    public string? CacheRoot { get; set; }
}

/// <summary>What <see cref="ToolchainSelector.Select"/> decided, and why, in words for the build log.</summary>
public sealed class ToolchainDecision
{
    private ToolchainDecision(ToolchainDecisionKind kind, GoVersionRequest request, string reason)
    {
        Kind = kind;
        Request = request;
        Reason = reason;
    }

    public ToolchainDecisionKind Kind { get; }

    /// <summary>The request the decision was made for (the default request when none was given).</summary>
    public GoVersionRequest Request { get; }

    /// <summary>Why, e.g. "the first toolchain found that is Go 1.22 or newer"; empty for errors.</summary>
    public string Reason { get; }

    public GoToolchain? Toolchain { get; private set; }

    /// <summary>For a download: the version handed to <see cref="GoReleaseFeed.SelectNewest"/> as its minimum.</summary>
    public GoVersion? DownloadVersion { get; private set; }

    /// <summary>
    /// For a download, <see cref="GoReleaseFeed.SelectNewest"/>'s <c>exact</c>: that release (1.22.3), or the newest
    /// of a language version's line (1.22 gives the newest 1.22.x). False: the newest release of the first Go line
    /// that satisfies a minimum.
    /// </summary>
    public bool DownloadExact { get; private set; }

    /// <summary>What a download fetches, for people: "Go 1.22.3", "the newest stable Go 1.22.x".</summary>
    public string DownloadDescription => DownloadVersion is null ? string.Empty : ToolchainSelector.DescribeDownload(Request, DownloadExact);

    public string? ErrorCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>
    /// For a toolchain used in place of the line asked for (GOPACK0017): what was asked, what is used, and how to make
    /// it exact or silence it. For a download, the warning to give when the download fails and <see cref="Fallback"/>
    /// is used instead.
    /// </summary>
    public string? Warning { get; private set; }

    /// <summary>For a download of an older line than an installed toolchain: the toolchain to build with if the download fails.</summary>
    public GoToolchain? Fallback { get; private set; }

    /// <summary>
    /// For a download: what builds without it, for the error when it fails: the exact GoVersion that builds with an
    /// installed toolchain, or what to install. Never "GoToolchainPolicy=local", which would only fail the other way.
    /// </summary>
    public string OfflineAdvice { get; private set; } = string.Empty;

    internal static ToolchainDecision Use(GoVersionRequest request, GoToolchain toolchain, string reason, string? warning = null) =>
        new ToolchainDecision(ToolchainDecisionKind.UseInstalled, request, reason) { Toolchain = toolchain, Warning = warning };

    internal static ToolchainDecision Download(GoVersionRequest request, GoVersion version, bool exact, string reason, GoToolchain? fallback = null, string? fallbackWarning = null, string offlineAdvice = "") =>
        new ToolchainDecision(ToolchainDecisionKind.Download, request, reason)
        {
            DownloadVersion = version,
            DownloadExact = exact,
            Fallback = fallback,
            Warning = fallbackWarning,
            OfflineAdvice = offlineAdvice,
        };

    internal static ToolchainDecision Fail(GoVersionRequest request, string code, string message) =>
        new ToolchainDecision(ToolchainDecisionKind.Error, request, string.Empty) { ErrorCode = code, ErrorMessage = message };
}

/// <summary>
/// Chooses the Go toolchain for a build from the installed ones, or decides to download one, by the rules of
/// GoToolchainPolicy. Pure: the caller gathers the candidates (from VERSION files and the cache's marker files)
/// and performs any download.
/// </summary>
public static class ToolchainSelector
{
    /// <summary>Reads GoToolchainPolicy: local, auto or download, in any case; blank is auto.</summary>
    public static bool TryParsePolicy(string? text, out GoToolchainPolicy policy)
    {
        policy = GoToolchainPolicy.Auto;
        var value = (text ?? string.Empty).Trim().ToLowerInvariant();
        switch (value)
        {
            case "":
            case "auto":
                return true;
            case "local":
                policy = GoToolchainPolicy.Local;
                return true;
            case "download":
                policy = GoToolchainPolicy.Download;
                return true;
            default:
                return false;
        }
    }

    public static string PolicyName(GoToolchainPolicy policy) => policy.ToString().ToLowerInvariant();

    public static ToolchainDecision Select(ToolchainSelectionInput input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        var request = input.Request ?? GoVersionRequest.Default();
        var goToolchain = Settings.Trimmed(input.GoToolchainEnvironment);

        if (Settings.Trimmed(input.GoRootProperty) is string goRoot)
        {
            return SelectExplicit(input, request, goRoot, goToolchain);
        }

        if (input.Policy == GoToolchainPolicy.Download)
        {
            return SelectForDownloadPolicy(input, request);
        }

        var all = AllCandidates(input);
        var fitting = all.FirstOrDefault(t => Fits(t, request));
        if (fitting is not null)
        {
            return ToolchainDecision.Use(request, fitting, WhyItFits(fitting, request));
        }

        // Only after nothing fits outright: an older go 1.21+ that switches toolchains itself, because the user said it may.
        var switching = all.FirstOrDefault(t => Switches(t, request, goToolchain));
        if (switching is not null)
        {
            return ToolchainDecision.Use(request, switching,
                $"it is Go {switching.Version} and GOTOOLCHAIN={goToolchain} lets it switch to the Go version {request.Source} asks for by itself");
        }

        // Go is backward compatible: a line older than every installed toolchain is built by the newest one when
        // that line can't be had, with a warning, rather than failing a build go itself would run.
        var fallback = OlderLineFallback(all, request);
        if (input.Policy == GoToolchainPolicy.Local)
        {
            if (fallback is not null)
            {
                return ToolchainDecision.Use(request, fallback, $"no Go {LineName(request)}.x is installed and GoToolchainPolicy=local never downloads, so the newest installed Go builds it",
                    FallbackWarning(request, fallback, "GoToolchainPolicy=local keeps GoPack from downloading it"));
            }

            return all.Count == 0
                ? ToolchainDecision.Fail(request, GoPackErrors.ToolchainNotFound, NotFoundMessage(input, request))
                : ToolchainDecision.Fail(request, GoPackErrors.ToolchainTooOld, TooOldMessage(all, request, goToolchain,
                    $" GoToolchainPolicy=local keeps GoPack from downloading Go; set GoToolchainPolicy=auto to let it download {DescribeDownload(request, DownloadExactFor(request, input.Policy))} (from go.dev, or a mirror named by GoToolchainFeed)."));
        }

        (var version, var exact) = DownloadTarget(request, input.Policy);
        var reason = all.Count > 0
            ? $"no installed toolchain fits {request} (found: {Describe(all)})"
            : request.IsDefault
                ? $"no Go toolchain is installed (the project asks for no particular version; the default is Go {request.Version})"
                : $"no Go toolchain is installed and the project asks for {request}";
        return ToolchainDecision.Download(request, version, exact, reason, fallback,
            fallback is null ? null : FallbackWarning(request, fallback, "the download failed"), OfflineAdvice(all, request));
    }

    /// <summary>The release to download for a <see cref="ToolchainDecisionKind.Download"/> decision: stable releases only, unless a prerelease was named exactly; null when the feed has none with an archive for <paramref name="platform"/>.</summary>
    public static GoRelease? SelectRelease(GoReleaseFeed feed, ToolchainDecision decision, GoArchivePlatform platform)
    {
        if (feed is null)
        {
            throw new ArgumentNullException(nameof(feed));
        }

        if (decision?.DownloadVersion is null)
        {
            throw new ArgumentException("Only a download decision names a release.", nameof(decision));
        }

        if (decision.Request.IsLine)
        {
            // go1.19 names the line's first release too: a line asks for its newest, not for 1.19.0.
            var line = decision.DownloadVersion;
            return feed.Releases.FirstOrDefault(r => r.Stable && r.Version.Major == line.Major && r.Version.Minor == line.Minor && r.Version.Patch is not null
                && (platform is null || r.FindArchive(platform) is not null));
        }

        return feed.SelectNewest(decision.DownloadVersion, decision.DownloadExact, includeUnstable: false, platform);
    }

    /// <summary>"Go 1.22.3", "the newest stable Go 1.22.x", "the newest stable Go 1.22.x that is 1.22.3 or newer" (not "1.20.x that is 1.20 or newer").</summary>
    public static string DescribeDownload(GoVersion version, bool exact)
    {
        if (version is null)
        {
            throw new ArgumentNullException(nameof(version));
        }

        // A minimum beyond its line's last release gets the next line's newest; too rare to spell out every time.
        var line = $"{version.Major}.{version.Minor}.x";
        if (version.IsLanguageVersion || (!exact && version.Patch == 0))
        {
            return $"the newest stable Go {line}";
        }

        return exact ? $"Go {version}" : $"the newest stable Go {line} that is {version} or newer";
    }

    /// <summary><see cref="DescribeDownload(GoVersion, bool)"/> for a request: a line (GoVersion=1.19) is the line's newest.</summary>
    public static string DescribeDownload(GoVersionRequest request, bool exact)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var version = request.Version ?? GoVersion.Parse(GoVersionRequest.DefaultVersion);
        return request.IsLine ? $"the newest stable Go {version.Major}.{version.Minor}.x" : DescribeDownload(version, exact);
    }

    /// <summary>Whether <paramref name="toolchain"/> can build what <paramref name="request"/> asks for without switching.</summary>
    /// <remarks>
    /// A pin (GoVersion=1.22.3) needs that release; a minimum (go.mod's go/toolchain lines) or a language version
    /// (GoVersion=1.22) any release at least that new; nothing asked for, anything. A toolchain of unknown version
    /// (a development build) fits, as go itself would not refuse it.
    /// </remarks>
    public static bool Fits(GoToolchain toolchain, GoVersionRequest? request)
    {
        if (toolchain is null)
        {
            throw new ArgumentNullException(nameof(toolchain));
        }

        if (request is null || request.IsDefault || request.Version is null || toolchain.Version is null)
        {
            return true;
        }

        // A minimum takes anything at least as new; a pin that release; a line (GoVersion=1.19) any release of it.
        return request.IsMinimum ? request.IsSatisfiedBy(toolchain.Version) : request.Matches(toolchain.Version);
    }

    /// <summary>"Go 1.19.8 (/usr/lib/go-1.19, from /usr/lib/go-*)", or without the source when it only repeats the path.</summary>
    public static string Describe(GoToolchain toolchain)
    {
        var version = toolchain.Version is null ? "Go (unknown version)" : $"Go {toolchain.Version}";
        return $"{version} ({toolchain.GoRoot}{SourceSuffix(toolchain)})";
    }

    /// <summary>The toolchain's source for a log line, dropping a repeated path: "GoPack cache" rather than "GoPack cache (/same/path)".</summary>
    public static string ShortSource(GoToolchain toolchain)
    {
        var suffix = " (" + toolchain.GoRoot + ")";
        return toolchain.Source.EndsWith(suffix, StringComparison.Ordinal)
            ? toolchain.Source.Substring(0, toolchain.Source.Length - suffix.Length)
            : toolchain.Source;
    }

    private static string SourceSuffix(GoToolchain toolchain)
    {
        var source = ShortSource(toolchain);
        return source == toolchain.GoRoot ? string.Empty : ", from " + source;
    }

    private static ToolchainDecision SelectExplicit(ToolchainSelectionInput input, GoVersionRequest request, string goRoot, string? goToolchain)
    {
        var toolchain = input.GoRootToolchain;
        if (toolchain is null)
        {
            var found = input.SearchedPlaces.FirstOrDefault(p => p.StartsWith("GoRoot property", StringComparison.Ordinal)) ?? $"GoRoot property={goRoot}";
            return ToolchainDecision.Fail(request, GoPackErrors.ToolchainNotFound,
                $"The GoRoot property names '{goRoot}', which is not a Go installation: {found}. " +
                "Set GoRoot to the folder holding Go's bin/ (e.g. /usr/local/go), or remove it to let GoPack choose.");
        }

        if (Fits(toolchain, request) || Switches(toolchain, request, goToolchain))
        {
            return ToolchainDecision.Use(request, toolchain, "the GoRoot property names it");
        }

        if (OlderLineFallback(new[] { toolchain }, request) is not null)
        {
            return ToolchainDecision.Use(request, toolchain, "the GoRoot property names it",
                FallbackWarning(request, toolchain, "the GoRoot property names another Go"));
        }

        var message = request.CheckToolchain(toolchain.Version, $"{toolchain.GoRoot}, from the GoRoot property", goToolchain ?? "local")
            ?? $"{request.Source} asks for {request.Describe()}, but the GoRoot property names Go {toolchain.Version} ({toolchain.GoRoot}).";
        var useIt = ChoiceAdvice(request, toolchain);
        return ToolchainDecision.Fail(request, GoPackErrors.ToolchainTooOld,
            message + " The GoRoot property is used as is; remove it to let GoPack choose or download a toolchain that fits" + (useIt.Length > 0 ? ", or " + useIt : "") + ".");
    }

    private static ToolchainDecision SelectForDownloadPolicy(ToolchainSelectionInput input, GoVersionRequest request)
    {
        (var version, var exact) = DownloadTarget(request, GoToolchainPolicy.Download);
        GoToolchain? cached;
        if (request.IsDefault)
        {
            // A default request never downloads while GoPack has a toolchain of its own.
            cached = input.Cached.FirstOrDefault();
        }
        else if (!version.IsLanguageVersion && !request.IsLine)
        {
            cached = input.Cached.FirstOrDefault(t => t.Version == version);
        }
        else
        {
            // Newest first, so this is the newest patch already here; checking the feed for a newer one would cost
            // every build the network.
            cached = input.Cached.FirstOrDefault(t => t.Version is not null && t.Version.Major == version.Major && t.Version.Minor == version.Minor && t.Version.Patch is not null);
        }

        if (cached is not null)
        {
            return ToolchainDecision.Use(request, cached, $"GoToolchainPolicy=download uses GoPack's own toolchains, and the cache has {DescribeDownload(request, exact)}");
        }

        var asked = request.IsDefault ? "the project asks for no particular version" : $"the project asks for {request}";
        return ToolchainDecision.Download(request, version, exact, $"GoToolchainPolicy=download uses GoPack's own toolchains, the cache has no {DescribeDownload(request, exact)}, and {asked}");
    }

    private static (GoVersion Version, bool Exact) DownloadTarget(GoVersionRequest request, GoToolchainPolicy policy)
    {
        var version = request.Version ?? GoVersion.Parse(GoVersionRequest.DefaultVersion);
        return (version, DownloadExactFor(request, policy));
    }

    // A minimum gets the newest stable release that satisfies it, unless the policy asks for exactly what was named.
    private static bool DownloadExactFor(GoVersionRequest request, GoToolchainPolicy policy) =>
        policy == GoToolchainPolicy.Download || request.IsDefault || !request.IsMinimum;

    private static List<GoToolchain> AllCandidates(ToolchainSelectionInput input)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<GoToolchain>();
        foreach (var toolchain in input.Installed.Concat(input.Cached))
        {
            if (seen.Add(toolchain.GoRoot.TrimEnd('/', '\\')))
            {
                all.Add(toolchain);
            }
        }

        return all;
    }

    private static string WhyItFits(GoToolchain toolchain, GoVersionRequest request)
    {
        if (request.IsDefault)
        {
            return "the first toolchain found is used";
        }

        if (toolchain.Version is null)
        {
            return "it is the first toolchain found that may fit: its version is unknown (no readable VERSION file)";
        }

        return request.IsMinimum
            ? $"it is the first toolchain found that is Go {request.Version} or newer"
            : request.IsLine
                ? $"it is the first toolchain found of the Go {LineName(request)} line"
                : $"it is the first toolchain found that is Go {request.Version}";
    }

    private static string LineName(GoVersionRequest request) => $"{request.Version!.Major}.{request.Version.Minor}";

    /// <summary>The newest installed toolchain of a newer line than a line request; null for other requests or when there is none.</summary>
    private static GoToolchain? OlderLineFallback(IEnumerable<GoToolchain> all, GoVersionRequest request) =>
        !request.IsLine
            ? null
            : all.Where(t => t.Version is not null && request.IsOlderThan(t.Version)).OrderByDescending(t => t.Version).FirstOrDefault();

    /// <summary>GOPACK0017: names what was asked, what is used, how to get exactly that and how to use this one without the warning.</summary>
    private static string FallbackWarning(GoVersionRequest request, GoToolchain used, string why)
    {
        var line = LineName(request);
        return $"{request.Source} asks for Go {line}, but no Go {line}.x is installed and {why}. " +
            $"Building with Go {used.Version} ({used.GoRoot}), the newest installed Go: Go is backward compatible, so it builds Go {line} code. " +
            $"To build with Go {line}.x, install it, or let GoPack download it (GoToolchainPolicy=auto with go.dev reachable, or GoToolchainFeed naming a mirror). " +
            $"To build with Go {used.Version} without this warning, set `-p:GoVersion={used.Version}` (or GoVersion={used.Version} in the project).";
    }

    /// <summary>"set `-p:GoVersion=1.19.8` to build with the installed Go 1.19.8 (/usr/lib/go-1.19)", for a choice that an installed toolchain can replace; empty for go.mod minimums.</summary>
    private static string ChoiceAdvice(GoVersionRequest request, GoToolchain? installed)
    {
        if (installed?.Version is null || request.IsMinimum || request.IsDefault)
        {
            return string.Empty;
        }

        return $"set `-p:GoVersion={installed.Version}` to build with the installed Go {installed.Version} ({installed.GoRoot})";
    }

    private static GoToolchain? NewestKnown(IEnumerable<GoToolchain> all) =>
        all.Where(t => t.Version is not null).OrderByDescending(t => t.Version).FirstOrDefault();

    /// <summary>What builds when a download can't be had: the installed Go for a choice, else what to install.</summary>
    private static string OfflineAdvice(IReadOnlyList<GoToolchain> all, GoVersionRequest request)
    {
        var choice = ChoiceAdvice(request, NewestKnown(all));
        if (choice.Length > 0)
        {
            return $"To build without the download, {choice}.";
        }

        var needed = request.IsDefault ? "Go" : request.IsMinimum ? $"Go {request.Version} or newer" : request.Describe();
        return $"To build without the download, install {needed} (https://go.dev/dl/, or your package manager) and put it on PATH or set `-p:GoRoot=<its folder>`.";
    }

    // go 1.21+ fetches the version a go.mod/go.work line asks for by itself when GOTOOLCHAIN allows it.
    private static bool Switches(GoToolchain toolchain, GoVersionRequest request, string? goToolchain) =>
        LetsGoSwitch(goToolchain) && request.IsMinimum && toolchain.Version is not null
        && request.CheckToolchain(toolchain.Version, toolchain.GoRoot, goToolchain) is null;

    private static bool LetsGoSwitch(string? goToolchain) =>
        goToolchain is not null && !string.Equals(goToolchain, "local", StringComparison.Ordinal);

    private static string NotFoundMessage(ToolchainSelectionInput input, GoVersionRequest request)
    {
        var places = new List<string>(input.SearchedPlaces);
        if (input.CacheRoot is not null)
        {
            places.Add($"GoPack cache {input.CacheRoot} (no toolchains for this platform)");
        }

        return "No Go toolchain found. GoPack looked in: " + string.Join("; ", places) + ". " +
            "Install Go (https://go.dev/dl/, or your package manager, e.g. `apt-get install golang-go`), " +
            "put its bin directory on PATH, or set the GoRoot property (or GOROOT) to a Go installation. " +
            $"GoToolchainPolicy=local keeps GoPack from downloading Go; set GoToolchainPolicy=auto to let it download {DescribeDownload(request, DownloadExactFor(request, GoToolchainPolicy.Auto))} (from go.dev, or a mirror named by GoToolchainFeed).";
    }

    private static string TooOldMessage(IReadOnlyList<GoToolchain> all, GoVersionRequest request, string? goToolchain, string hint)
    {
        var reported = all.FirstOrDefault(t => t.Version is not null) ?? all[0];
        var source = reported.GoRoot + SourceSuffix(reported);
        var message = request.CheckToolchain(reported.Version, source, goToolchain ?? "local")
            ?? $"{request.Source} asks for {request.Describe()}, but the toolchain found is Go {reported.Version} ({source}).";
        var others = all.Where(t => !ReferenceEquals(t, reported)).ToList();
        if (others.Count > 0)
        {
            message += " Also found: " + Describe(others) + ".";
        }

        var choice = ChoiceAdvice(request, NewestKnown(all));
        if (choice.Length > 0)
        {
            message += " To build with what is installed, " + choice + ".";
        }

        return message + hint;
    }

    private static string Describe(IEnumerable<GoToolchain> toolchains) => string.Join(", ", toolchains.Select(Describe));
}
