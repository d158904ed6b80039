using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GoPack.Sdk.Common;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Chooses the Go toolchain for the build by GoToolchainPolicy (see <see cref="ToolchainSelector"/>) and, when the
/// policy allows and nothing installed fits, downloads one into the GoPack cache. The choice reads files (VERSION
/// files, the cache's markers, the remembered `go env` answers of toolchains without a VERSION file), so a build
/// that has what it needs starts no process and touches no network.
/// </summary>
public sealed class ResolveGoToolchain : GoToolchainTask
{
    /// <summary>Visual Studio's design-time builds must stay fast: they never download, they only say that a build would.</summary>
    public bool DesignTimeBuild { get; set; }

    /// <summary>
    /// obj/&lt;cfg&gt;/&lt;project&gt;.gotoolchain.fallback: remembers that the download of an older line failed and the
    /// installed Go was used instead, so later builds (a no-op above all) don't go to the network again. `dotnet
    /// clean`, a changed request or feed, and `-t:GoToolchainInstall` (<see cref="RetryDownload"/>) try again.
    /// </summary>
    public string? FallbackFile { get; set; }

    /// <summary>GoToolchainInstall: try the download even when an earlier build fell back.</summary>
    public bool RetryDownload { get; set; }

    [Output] public string ResolvedGoRoot { get; private set; } = "";
    [Output] public string GoExecutable { get; private set; } = "";
    [Output] public string Version { get; private set; } = "";
    [Output] public string Source { get; private set; } = "";

    /// <summary><see cref="Source"/> without a repeated path ("GoPack cache" for the cache's entries), for messages.</summary>
    [Output] public string SourceSummary { get; private set; } = "";

    public override bool Execute() => ExecuteWithAnswerCache(ExecuteCore);

    private bool ExecuteCore()
    {
        var context = Gather();
        if (context is null)
        {
            return false;
        }

        var decision = ToolchainSelector.Select(context.Input);
        GoToolchain? chosen;
        switch (decision.Kind)
        {
            case ToolchainDecisionKind.UseInstalled:
                chosen = decision.Toolchain!;
                if (decision.Warning is not null)
                {
                    LogGoPackWarning(GoPackErrors.ToolchainFallback, decision.Warning, decision.Request.SourceFile, decision.Request.SourceLine);
                }

                break;
            case ToolchainDecisionKind.Download when DesignTimeBuild:
                LogRedacted(MessageImportance.Normal, "A build would download {0} ({1}); design-time builds don't.", decision.DownloadDescription, decision.Reason);
                return true;
            case ToolchainDecisionKind.Download when decision.Fallback is not null && !RetryDownload && IsRememberedFallback(FallbackKey(context, decision)):
                chosen = decision.Fallback;
                LogGoPackWarning(GoPackErrors.ToolchainFallback,
                    decision.Warning + $" (An earlier build's download failed; `dotnet build -t:GoToolchainInstall` or `dotnet clean` tries again.)",
                    decision.Request.SourceFile, decision.Request.SourceLine);
                break;
            case ToolchainDecisionKind.Download:
                chosen = Download(context, decision);
                if (chosen is null)
                {
                    return false;
                }

                break;
            default:
                LogGoPackError(decision.ErrorCode!, decision.ErrorMessage!, decision.Request.SourceFile, decision.Request.SourceLine);
                return false;
        }

        ResolvedGoRoot = chosen.GoRoot;
        GoExecutable = chosen.GoExecutable;
        Version = chosen.Version?.ToString() ?? "";
        Source = chosen.Source;
        SourceSummary = ToolchainSelector.ShortSource(chosen);
        var why = decision.Kind != ToolchainDecisionKind.Download
            ? decision.Reason
            : ReferenceEquals(chosen, decision.Fallback)
                ? "the download failed, so the newest installed Go builds it"
                : "GoPack downloaded it because " + decision.Reason;
        LogRedacted(MessageImportance.Normal, "Go {0} at {1} (from {2}); the project asks for {3}: {4}",
            Version.Length > 0 ? Version : "(unknown version)", ResolvedGoRoot, ToolchainSelector.ShortSource(chosen), decision.Request, why);
        return true;
    }

    private ToolchainContext? _context;

    /// <summary>What the remembered fallback holds for: the request, the feed and the toolchain used instead.</summary>
    private string FallbackKey(ToolchainContext context, ToolchainDecision decision) =>
        string.Join("\t", "v1", decision.Request.ToString(), ToolchainSelector.PolicyName(context.Policy), GetDownloadSource(logErrors: false)?.FeedUri.ToString() ?? "",
            decision.Fallback?.GoRoot ?? "", decision.Fallback?.Version?.ToString() ?? "");

    private bool IsRememberedFallback(string key)
    {
        try
        {
            return !string.IsNullOrEmpty(FallbackFile) && FileProbe.FileExists(FallbackFile!) && FileProbe.ReadAllText(FallbackFile!) == key;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void RememberFallback(string key)
    {
        if (string.IsNullOrEmpty(FallbackFile))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FallbackFile))!);
            File.WriteAllText(FallbackFile, key);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Not remembered: the next build tries the download again, which is only slower.
        }
    }

    private GoToolchain? Download(ToolchainContext context, ToolchainDecision decision)
    {
        FileProbe.NotCacheable("a toolchain download was needed");
        _context = context;
        var wanted = decision.DownloadDescription;
        var why = decision.Reason;
        if (context.Policy != GoToolchainPolicy.Download && context.Input.Installed.Count == 0 && context.Input.Cached.Count == 0)
        {
            why += " (GoPack looked in: " + string.Join("; ", context.Input.SearchedPlaces) + ")";
        }

        if (context.Platform is null)
        {
            return Failed(decision, GoPackErrors.ToolchainNotAvailable, $"GoPack would download {wanted} because {why}, but {context.PlatformError} Install Go yourself and set GoRoot.");
        }

        if (context.Cache is null)
        {
            return Failed(decision, GoPackErrors.ToolchainDownloadFailed, $"GoPack would download {wanted} because {why}, but it has no toolchain cache: {context.CacheError}");
        }

        var source = GetDownloadSource(logErrors: true);
        if (source is null)
        {
            return null;
        }

        LogRedacted(MessageImportance.Normal, "Getting {0} from {1} because {2}.", wanted, source.FeedUri, why);
        var progress = new QueuedProgress();
        var installer = new ToolchainInstaller(context.Cache, progress);
        var clock = Stopwatch.StartNew();
        var work = Task.Run(() => DownloadAsync(installer, source, decision, context.Platform, CancellationToken));

        // Progress comes from the download's threads; the build engine is only ever called from this one.
        while (Task.WaitAny(new Task[] { work }, 200) < 0)
        {
            progress.Drain(line => LogRedacted(MessageImportance.Normal, line));
        }

        progress.Drain(line => LogRedacted(MessageImportance.Normal, line));
        DownloadResult result;
        try
        {
            result = work.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            LogGoPackError(GoPackErrors.ToolchainDownloadFailed, $"The download of {wanted} was canceled; nothing was installed.");
            return null;
        }
        catch (Exception e) when (e is ToolchainDownloadException || e is TimeoutException)
        {
            return Failed(decision, GoPackErrors.ToolchainDownloadFailed, $"GoPack needs {wanted} because {why}, but: {e.Message}");
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return Failed(decision, GoPackErrors.ToolchainDownloadFailed,
                $"GoPack needs {wanted} because {why}, but it cannot write to its toolchain cache {context.Cache.Root}: {e.Message} " +
                "Set the GoToolchainCache property to a folder you can write to.");
        }

        if (result.Toolchain is null)
        {
            var listed = string.Join(", ", result.Feed!.Releases.Where(r => r.Stable).Take(5).Select(r => r.Version.ReleaseName));
            return Failed(decision, GoPackErrors.ToolchainNotAvailable,
                $"GoPack needs {wanted} because {why}, but the Go release feed {source.FeedUri} lists no such release with an archive for {context.Platform} " +
                $"(newest stable releases listed: {(listed.Length == 0 ? "none" : listed)}). {ToolchainDownloadException.ConfigurationHint}");
        }

        if (progress.BytesReceived > 0)
        {
            // The one line a default-verbosity build shows: it explains why this build took longer.
            LogRedacted(MessageImportance.High, "Downloaded Go {0} ({1} MB) from {2} into {3} in {4} s.",
                result.Toolchain.Version, (progress.BytesReceived / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture),
                result.ArchiveUri, result.Toolchain.GoRoot, clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return result.Toolchain;
    }

    /// <summary>
    /// A download that could not be had: an older line than an installed Go falls back to that Go with a warning
    /// (GOPACK0017); anything else is the error, at the version's source, with what builds without the download.
    /// </summary>
    private GoToolchain? Failed(ToolchainDecision decision, string code, string message)
    {
        var request = decision.Request;
        if (decision.Fallback is not null)
        {
            LogGoPackWarning(GoPackErrors.ToolchainFallback, decision.Warning + " (The download: " + message + ")", request.SourceFile, request.SourceLine);
            RememberFallback(FallbackKey(_context!, decision));
            return decision.Fallback;
        }

        LogGoPackError(code, message + (decision.OfflineAdvice.Length > 0 ? " " + decision.OfflineAdvice : string.Empty), request.SourceFile, request.SourceLine);
        return null;
    }

    private static async Task<DownloadResult> DownloadAsync(
        ToolchainInstaller installer, GoDownloadSource source, ToolchainDecision decision, GoArchivePlatform platform, CancellationToken cancellationToken)
    {
        var feed = await installer.GetFeedAsync(source.FeedUri, cancellationToken).ConfigureAwait(false);
        var release = ToolchainSelector.SelectRelease(feed, decision, platform);
        var file = release?.FindArchive(platform);
        if (file is null)
        {
            return new DownloadResult(feed, null, null);
        }

        var toolchain = await installer.InstallAsync(file, source.ArchiveBaseUri, cancellationToken).ConfigureAwait(false);
        return new DownloadResult(feed, toolchain, source.GetArchiveUri(file));
    }

    private sealed record DownloadResult(GoReleaseFeed? Feed, GoToolchain? Toolchain, Uri? ArchiveUri);

    /// <summary>Holds the installer's lines until the task's own thread logs them.</summary>
    private sealed class QueuedProgress : IDownloadProgress
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        private long _bytesReceived;

        public long BytesReceived => Interlocked.Read(ref _bytesReceived);

        public void Report(string message) => _lines.Enqueue(message);

        public void Progress(long bytesReceived, long? totalBytes) => Interlocked.Exchange(ref _bytesReceived, bytesReceived);

        public void Drain(Action<string> log)
        {
            while (_lines.TryDequeue(out var line))
            {
                log(line);
            }
        }
    }
}
