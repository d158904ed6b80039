using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GoPack.Sdk.Modules;

namespace GoPack.Sdk.Diagnostics;

/// <summary>What <see cref="GoDiagnosticRefiner"/> knows about the build beyond go's output.</summary>
public sealed class GoDiagnosticContext
{
    /// <summary>The main module's go.mod, parsed: its module path, go line and require lines anchor errors go printed without a line.</summary>
    public GoModFile? MainModule { get; init; }

    /// <summary>The toolchain that ran, e.g. "1.19.8", for GO2001.</summary>
    public string? ToolchainVersion { get; init; }
}

/// <summary>
/// Makes go's diagnostics say what the parser alone can't: the <c>require</c> line of a module that could not be
/// downloaded (with what to do offline), an import line of an import cycle, one GO2001 error for
/// <c>note: module requires Go X</c>, the <c>-gcflags=-e</c> hint for <c>too many errors</c>; and reports each
/// identical diagnostic once (go prints some twice, e.g. module download failures and <c>found packages</c>).
/// Reads only the go files of a package named in an import cycle.
/// </summary>
public static class GoDiagnosticRefiner
{
    /// <summary>What to do when modules can't be downloaded; README's Diagnostics section quotes it.</summary>
    public const string OfflineHint =
        "To build without the network: run `go mod vendor` once online and commit vendor/ (GoPack then builds with -mod=vendor), " +
        "or set GOPROXY to a reachable proxy or a file:// module mirror.";

    public const string TooManyErrorsHint = "the compiler stopped after 10 errors; pass -p:GoGcFlags=-e to see them all";

    private static readonly Regex ModuleVersionRegex = new Regex(@"^(?<path>[^\s@]+)@(?<version>\S+?): ", RegexOptions.CultureInvariant);

    private static readonly Regex ImportsRegex = new Regex(@"(?:^|\s)imports (?<path>\S+?)(?=:|\s|$)", RegexOptions.CultureInvariant);

    private static readonly Regex RequiresRegex = new Regex(@"^note: module requires Go (?<version>\S+)$", RegexOptions.CultureInvariant);

    private static readonly string[] NetworkFragments =
    {
        "Get \"http", "dial tcp", "no such host", "connection refused", "i/o timeout", "proxyconnect", "TLS handshake timeout", "network is unreachable",
    };

    public static IReadOnlyList<GoOutputEntry> Refine(IReadOnlyList<GoOutputEntry> entries, GoDiagnosticContext context)
    {
        if (entries is null)
        {
            throw new ArgumentNullException(nameof(entries));
        }

        context ??= new GoDiagnosticContext();
        var seen = new HashSet<(string, string, string?, int, int)>();
        var result = new List<GoOutputEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Diagnostic is not { } diagnostic)
            {
                result.Add(entry);
                continue;
            }

            var refined = Refine(diagnostic, context);

            // The package header differs between two prints of the same problem; what the user sees does not.
            if (seen.Add((refined.Code, refined.Message, refined.File, refined.Line, refined.Column)))
            {
                result.Add(new GoOutputEntry(refined, null));
            }
        }

        return result;
    }

    private static GoDiagnostic Refine(GoDiagnostic d, GoDiagnosticContext context)
    {
        if (d.Code == GoDiagnosticCodes.CompilerStoppedEarly)
        {
            return d with { Message = d.Message + ": " + TooManyErrorsHint };
        }

        if (d.Code == GoDiagnosticCodes.ModuleRequiresNewerGo)
        {
            return ModuleRequires(d, context);
        }

        if (d.Code != GoDiagnosticCodes.Module)
        {
            return d;
        }

        if (d.Message.IndexOf("import cycle not allowed", StringComparison.Ordinal) >= 0 && d.Line == 0)
        {
            return ImportCycle(d, context);
        }

        var module = ModuleVersionRegex.Match(d.Message);
        if (module.Success && NetworkFragments.Any(f => d.Message.IndexOf(f, StringComparison.Ordinal) >= 0))
        {
            var message = d.Message + " " + OfflineHint;
            var require = context.MainModule?.Requires.FirstOrDefault(r => r.Path == module.Groups["path"].Value);
            return d.Line == 0 && require is not null && context.MainModule!.FilePath is not null
                ? d with { Message = message, File = context.MainModule.FilePath, Line = require.Line, Column = 0 }
                : d with { Message = message };
        }

        return d;
    }

    /// <summary>GO2001 at the go.mod line that names the module: its go line (the main module) or its require line.</summary>
    private static GoDiagnostic ModuleRequires(GoDiagnostic d, GoDiagnosticContext context)
    {
        var match = RequiresRegex.Match(d.Message);
        var needed = match.Success ? match.Groups["version"].Value : "a newer version";
        var package = d.Package is null ? null : d.Package.Split(' ')[0];
        var main = context.MainModule;
        string module;
        var file = d.File;
        var line = d.Line;
        if (main?.ModulePath is string mainPath && package is not null && IsInModule(package, mainPath))
        {
            module = mainPath;
            file = main.FilePath ?? file;
            line = main.GoLine;
        }
        else
        {
            var require = package is null ? null : main?.Requires.Where(r => IsInModule(package, r.Path)).OrderByDescending(r => r.Path.Length).FirstOrDefault();
            module = require?.Path ?? (package is null ? "a module" : "the module of " + package);
            if (require is not null && main?.FilePath is not null)
            {
                file = main.FilePath;
                line = require.Line;
            }
        }

        var used = string.IsNullOrEmpty(context.ToolchainVersion) ? "an older Go" : "Go " + context.ToolchainVersion;
        var message =
            $"{module} requires Go {needed} (its go.mod go line), but this build used {used}: the errors above come from Go {needed} features. " +
            $"Build with Go {needed} or newer: set `-p:GoVersion={needed}` (GoPack downloads it, or install it and put it on PATH), " +
            "or remove an older GoVersion/GOVERSION setting so that the go line decides.";
        return d with { Message = message, File = file, Line = line, Column = 0 };
    }

    /// <summary>The cycle's last edge, "A imports B", anchored at B's import line in A's files when A is in the main module.</summary>
    private static GoDiagnostic ImportCycle(GoDiagnostic d, GoDiagnosticContext context)
    {
        var main = context.MainModule;
        if (main?.ModulePath is not string mainPath || main.FilePath is null)
        {
            return d;
        }

        var chain = new List<string>();
        var first = Regex.Match(d.Message, @"^package (?<path>\S+)");
        if (first.Success)
        {
            chain.Add(first.Groups["path"].Value);
        }

        chain.AddRange(ImportsRegex.Matches(d.Message).Cast<Match>().Select(m => m.Groups["path"].Value));
        var root = Path.GetDirectoryName(main.FilePath)!;
        for (var i = chain.Count - 1; i >= 1; i--)
        {
            var importer = chain[i - 1];
            if (!IsInModule(importer, mainPath))
            {
                continue;
            }

            var relative = importer.Length == mainPath.Length ? string.Empty : importer.Substring(mainPath.Length + 1);
            var position = ImportLocator.Find(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)), chain[i]);
            if (position is not null)
            {
                return d with { File = position.Value.File, Line = position.Value.Line, Column = position.Value.Column };
            }
        }

        return d;
    }

    private static bool IsInModule(string package, string module) =>
        package == module || package.StartsWith(module + "/", StringComparison.Ordinal);
}
