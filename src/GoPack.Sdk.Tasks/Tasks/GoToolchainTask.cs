using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using GoPack.Sdk.Common;
using GoPack.Sdk.Project;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// What ResolveGoToolchain and GoToolchainList share: the same inputs, gathered the same way, so that the list tells
/// exactly what a build would do. Files decide wherever they can (VERSION files, the cache's marker files); only a
/// toolchain without a VERSION file is asked by running <c>go env</c>, once, and the answer is kept next to the cache.
/// </summary>
public abstract class GoToolchainTask : GoPackTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

    /// <summary>$(GoRoot): a Go installation to use as is (an environment variable GOROOT also reads as it; see <see cref="Settings.OwnProperty"/>).</summary>
    public string? GoRoot { get; set; }

    /// <summary>GoToolchainSearchPaths: replaces the usual install places (';'-separated, a trailing * is a wildcard).</summary>
    public string? SearchPaths { get; set; }

    /// <summary>DetectGo's VersionRequest (<see cref="GoVersionRequest.ToJson"/>); empty: the default request.</summary>
    public string? VersionRequest { get; set; }

    /// <summary>GoToolchainPolicy: local, auto (default) or download.</summary>
    public string? Policy { get; set; }

    /// <summary>GoToolchainFeed: a mirror folder or feed URL; empty: GOPACK_GO_DOWNLOAD_BASE, else go.dev.</summary>
    public string? Feed { get; set; }

    /// <summary>GoToolchainCache: where GoPack keeps downloaded toolchains; empty: ~/.gopack/toolchains. Relative to the project.</summary>
    public string? Cache { get; set; }

    public void Cancel() => _cancellation.Cancel();

    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The candidates and settings, or null after logging why they can't be read (an unknown policy).</summary>
    protected ToolchainContext? Gather()
    {
        if (!ToolchainSelector.TryParsePolicy(Policy, out var policy))
        {
            LogGoPackError(GoPackErrors.InvalidProperty, $"GoToolchainPolicy '{Policy}' is not one of local (never download Go), auto (download when no installed Go fits; the default) or download (always GoPack's own Go of the requested version).");
            return null;
        }

        GoVersionRequest? request = null;
        if (!string.IsNullOrWhiteSpace(VersionRequest))
        {
            try
            {
                request = GoVersionRequest.FromJson(VersionRequest!);
            }
            catch (FormatException e)
            {
                // Only a hand-set value gets here: DetectGo writes what FromJson reads.
                LogGoPackError(GoPackErrors.InvalidGoVersion, e.Message);
                return null;
            }
        }

        var context = new ToolchainContext { Policy = policy };
        try
        {
            context.Platform = GoArchivePlatform.Host();
        }
        catch (PlatformNotSupportedException e)
        {
            context.PlatformError = e.Message;
        }

        try
        {
            context.Cache = new ToolchainCache(ResolveCacheDirectory());
        }
        catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is IOException || e is NotSupportedException)
        {
            context.CacheError = e.Message;
        }

        // A cache folder made before GoPack wrote its go.mod stopper gets one now (a stat when it has it).
        if (context.Cache is not null && FileProbe.DirectoryExists(context.Cache.Root))
        {
            try
            {
                context.Cache.WriteModuleStopper();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A read-only shared cache is fine: it is not inside anyone's module.
            }
        }

        // Without a cache folder the probe still works, it just asks again in every build.
        var probe = new GoToolchainProbe(context.Cache is null ? null : GoToolchainProbe.GetCacheFile(context.Cache.Root));
        var environment = TaskEnvironment.Snapshot();
        var options = GoToolchainLocatorOptions.FromEnvironment(environment);
        options.GoRootProperty = Settings.OwnProperty(GoRoot, "GOROOT", environment);
        options.SearchLocations = string.IsNullOrWhiteSpace(SearchPaths)
            ? null
            : SearchPaths!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        options.Probe = probe.Probe;
        var locator = new GoToolchainLocator(options);
        var installed = locator.EnumerateCandidates().ToList();

        IReadOnlyList<GoToolchain> cached = context.Cache is null || context.Platform is null
            ? Array.Empty<GoToolchain>()
            : context.Cache.EnumerateInstalled(context.Platform).ToList();

        context.Input = new ToolchainSelectionInput
        {
            Request = request,
            Installed = installed.Where(t => t.Source != GoToolchainLocator.GoRootPropertySource).ToList(),
            Cached = cached,
            Policy = policy,
            GoRootProperty = options.GoRootProperty,
            GoRootToolchain = installed.FirstOrDefault(t => t.Source == GoToolchainLocator.GoRootPropertySource),
            GoToolchainEnvironment = Settings.Get(environment, "GOTOOLCHAIN"),
            SearchedPlaces = locator.SearchedPlaces,
            CacheRoot = context.Cache?.Root,
        };
        return context;
    }

    /// <summary>Where downloads come from: the GoToolchainFeed property, else GOPACK_GO_DOWNLOAD_BASE, else go.dev; null after logging a bad setting.</summary>
    protected GoDownloadSource? GetDownloadSource(bool logErrors)
    {
        var property = Settings.Trimmed(Feed);
        var environment = Settings.Get(TaskEnvironment.Snapshot(), GoDownloadSource.EnvironmentVariable);
        var setting = property ?? environment;
        try
        {
            return GoDownloadSource.Parse(setting);
        }
        catch (FormatException e)
        {
            if (logErrors)
            {
                var name = property is not null ? "The GoToolchainFeed property" : $"The {GoDownloadSource.EnvironmentVariable} environment variable";
                LogGoPackError(GoPackErrors.InvalidProperty, $"{name} is not usable: {e.Message}");
            }

            return null;
        }
    }

    private string? ResolveCacheDirectory()
    {
        var cache = Settings.Trimmed(Cache);
        if (cache is null || Path.IsPathRooted(cache))
        {
            return cache;
        }

        // MSBuild's current directory is wherever dotnet was started; the property is written relative to the project.
        var projectDirectory = string.IsNullOrEmpty(ProjectFile) ? null : Path.GetDirectoryName(ProjectFile);
        return projectDirectory is null ? cache : Path.Combine(projectDirectory, cache);
    }

    protected sealed class ToolchainContext
    {
        public ToolchainSelectionInput Input { get; set; } = new ToolchainSelectionInput();

        public GoToolchainPolicy Policy { get; set; }

        /// <summary>Null when the cache folder is unknown (<see cref="CacheError"/> says why).</summary>
        public ToolchainCache? Cache { get; set; }

        public string? CacheError { get; set; }

        /// <summary>Null when Go has no name for this machine (<see cref="PlatformError"/> says why).</summary>
        public GoArchivePlatform? Platform { get; set; }

        public string? PlatformError { get; set; }
    }
}
