using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// `dotnet build -t:GoToolchainList`: the installed and cached Go toolchains, and which one a build of this project
/// would use and why, decided exactly as ResolveGoToolchain decides. Never downloads; starts go only to ask a
/// toolchain without a VERSION file its version, once (the answer is remembered).
/// </summary>
public sealed class GoToolchainList : GoToolchainTask
{
    public override bool Execute()
    {
        var context = Gather();
        if (context is null)
        {
            return false;
        }

        var input = context.Input;
        var decision = ToolchainSelector.Select(input);
        var project = string.IsNullOrEmpty(ProjectFile) ? "this project" : Path.GetFileName(ProjectFile);
        var goToolchain = input.GoToolchainEnvironment is null
            ? "GOTOOLCHAIN not set (GoPack runs go with GOTOOLCHAIN=local)"
            : $"GOTOOLCHAIN={input.GoToolchainEnvironment}";
        var request = decision.Request.IsDefault ? $"no particular Go version (the default is Go {decision.Request.Version})" : decision.Request.ToString();

        var lines = new List<string>
        {
            $"Go toolchains for {project}: it asks for {request}; GoToolchainPolicy={ToolchainSelector.PolicyName(context.Policy)}; {goToolchain}.",
            "  Installed:",
        };
        var installed = new List<GoToolchain>();
        if (input.GoRootToolchain is not null)
        {
            installed.Add(input.GoRootToolchain);
        }

        installed.AddRange(input.Installed);
        AddToolchains(lines, installed, decision);

        if (context.Cache is null)
        {
            lines.Add($"  GoPack cache: unknown ({context.CacheError})");
        }
        else
        {
            lines.Add($"  GoPack cache {context.Cache.Root}:");
            AddToolchains(lines, input.Cached, decision);
            foreach (var other in context.Cache.EnumerateEntries().Where(e => context.Platform is null || !e.Platform.Equals(context.Platform)))
            {
                lines.Add($"      {other.Version.ReleaseName} for {other.Platform} (not this machine's platform)  {other.Path}");
            }
        }

        lines.Add("  Searched: " + string.Join("; ", input.SearchedPlaces) + ".");
        var source = GetDownloadSource(logErrors: false);
        lines.Add(source is null
            ? $"  Downloads: the GoToolchainFeed property or {GoDownloadSource.EnvironmentVariable} is not usable (a build would say why)."
            : $"  Downloads: {source}.");

        switch (decision.Kind)
        {
            case ToolchainDecisionKind.UseInstalled:
                var chosen = decision.Toolchain!;
                lines.Add($"  A build would use Go {chosen.Version?.ToString() ?? "(unknown version)"} at {chosen.GoRoot} (from {ToolchainSelector.ShortSource(chosen)}): {decision.Reason}.");
                if (decision.Warning is not null)
                {
                    lines.Add($"  It would warn ({GoPackErrors.ToolchainFallback}): {decision.Warning}");
                }

                break;
            case ToolchainDecisionKind.Download:
                var into = context.Cache is null ? "the GoPack cache" : context.Cache.Root;
                lines.Add($"  A build would download {decision.DownloadDescription} into {into}: {decision.Reason}. `dotnet build -t:GoToolchainInstall` does it now.");
                if (decision.Fallback is not null)
                {
                    lines.Add($"  If the download fails, it would build with Go {decision.Fallback.Version} at {decision.Fallback.GoRoot} and warn ({GoPackErrors.ToolchainFallback}).");
                }

                break;
            default:
                lines.Add($"  A build would fail with {decision.ErrorCode}: {decision.ErrorMessage}");
                break;
        }

        foreach (var line in lines)
        {
            LogRedacted(MessageImportance.High, line);
        }

        return true;
    }

    private static void AddToolchains(List<string> lines, IReadOnlyList<GoToolchain> toolchains, ToolchainDecision decision)
    {
        if (toolchains.Count == 0)
        {
            lines.Add("      (none)");
            return;
        }

        foreach (var toolchain in toolchains)
        {
            // The same marker in both lists: the cache's entries are candidates like any other.
            var marker = ReferenceEquals(toolchain, decision.Toolchain) ? "  * " : "    ";
            var version = toolchain.Version is null ? "Go (unknown version)" : $"Go {toolchain.Version}";
            var source = ToolchainSelector.ShortSource(toolchain);
            lines.Add($"  {marker}{version}  {toolchain.GoRoot}{(source == toolchain.GoRoot ? string.Empty : $" (from {source})")}");
        }
    }
}
