using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Modules;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Project;

/// <summary>
/// Decides which Go version a project asks for. The first source that is set wins:
/// <list type="number">
/// <item>the GoVersion property;</item>
/// <item>the GOVERSION environment variable (Heroku, Scalingo), then RAILPACK_GO_VERSION;</item>
/// <item>a <c>// +heroku goVersion X</c> or <c>// +scalingo goVersion X</c> comment in go.mod;</item>
/// <item>the go.work <c>toolchain</c> line, the go.mod <c>toolchain</c> line, the go.work <c>go</c> line, the go.mod
/// <c>go</c> line: go.work before go.mod because go itself lets the workspace's lines win;</item>
/// <item><see cref="GoVersionRequest.DefaultVersion"/>.</item>
/// </list>
/// A source that is set but unreadable is an error naming it; resolution never skips to the next source, because
/// a typo in a pin must not silently build with another Go.
/// </summary>
public static class GoVersionResolver
{
    public static GoVersionRequest Resolve(string? goVersionProperty, IReadOnlyDictionary<string, string>? environment, GoProjectInfo project)
    {
        if (project is null)
        {
            throw new ArgumentNullException(nameof(project));
        }

        return Resolve(goVersionProperty, environment, project.GoMod, project.GoWork, LocalMinimums(project));
    }

    /// <summary>
    /// The go lines that need no network besides the project's own go.mod/go.work: the go.mod of every workspace
    /// <c>use</c> module and local <c>replace</c> target, and the <c>## explicit; go 1.20</c> lines of
    /// vendor/modules.txt. go refuses (Go 1.21+) or fails to compile (older) code whose go line is newer than itself.
    /// </summary>
    public static IReadOnlyList<GoVersionRequest> LocalMinimums(GoProjectInfo project)
    {
        if (project is null)
        {
            throw new ArgumentNullException(nameof(project));
        }

        var minimums = new List<GoVersionRequest>();
        foreach (var directory in project.UseDirectories.Concat(project.LocalReplaceDirectories).Distinct(Paths.Comparer))
        {
            var path = Path.Combine(directory, "go.mod");
            if (project.GoModPath is not null && Paths.SamePath(path, project.GoModPath))
            {
                continue;
            }

            GoModFile module;
            try
            {
                module = GoModFile.Load(path);
            }
            catch (Exception e) when (e is GoModParseException || e is IOException || e is UnauthorizedAccessException)
            {
                // go reports a broken or missing module itself, at its line; it decides nothing here.
                continue;
            }

            if (module.GoVersion is string go && GoVersion.TryParse(go, out var version) && !go.StartsWith("go", StringComparison.Ordinal))
            {
                var label = Paths.Relative(project.ModuleRoot, path);
                minimums.Add(new GoVersionRequest(version, GoVersionSource.LocalModuleGoLine,
                    $"{label} go line of {module.ModulePath ?? directory} ({label}:{module.GoLine})", path, module.GoLine, null));
            }
        }

        if (project.VendorModulesPath is string vendor)
        {
            var label = Paths.Relative(project.ModuleRoot, vendor);
            foreach (var entry in VendorModules.LoadGoVersions(vendor))
            {
                if (GoVersion.TryParse(entry.GoVersion, out var version))
                {
                    minimums.Add(new GoVersionRequest(version, GoVersionSource.VendorGoLine,
                        $"{label} go line of {entry.ModulePath} ({label}:{entry.Line})", vendor, entry.Line, null));
                }
            }
        }

        return minimums;
    }

    public static GoVersionRequest Resolve(
        string? goVersionProperty,
        IReadOnlyDictionary<string, string>? environment,
        GoModFile? goMod,
        GoWorkFile? goWork,
        IReadOnlyList<GoVersionRequest>? localMinimums = null)
    {
        var platformVersions = PlatformSettings.Read(environment).GoVersions;
        var request = ResolveChoice(goVersionProperty, platformVersions, goMod);
        if (request is not null)
        {
            if (request.Succeeded)
            {
                request.Warning = BelowMinimumWarning(request, GoLineMinimum(goMod, goWork, localMinimums));
                request.Overridden = OverriddenSettings(request, platformVersions, goMod, goWork);
            }

            return request;
        }

        request = ResolveMinimum(goMod, goWork);
        if (!request.Succeeded || localMinimums is null)
        {
            return request;
        }

        // The project's own lines decide unless a local module or vendored dependency needs a newer Go: then that
        // one does, and its source says which (go.mod before go.work, as go reads them, on equal versions).
        var higher = localMinimums.Where(m => request.IsDefault || m.Version! > request.Version!).OrderByDescending(m => m.Version).FirstOrDefault();
        return higher ?? request;
    }

    private static GoVersionRequest? ResolveChoice(string? goVersionProperty, IReadOnlyList<PlatformGoVersion> platformVersions, GoModFile? goMod)
    {
        var property = Settings.Trimmed(goVersionProperty);
        if (property is not null)
        {
            return FromText(property, GoVersionSource.GoVersionProperty, "GoVersion property", null, 0);
        }

        foreach (var variable in platformVersions)
        {
            return FromText(variable.Value, variable.Kind, variable.Source, null, 0);
        }

        if (goMod?.PlatformGoVersion is string platform)
        {
            var label = FileLabel(goMod.FilePath, "go.mod");
            return FromText(platform, GoVersionSource.PlatformComment,
                $"{label} // +{goMod.PlatformGoVersionSource} goVersion comment ({label}:{goMod.PlatformGoVersionLine})",
                goMod.FilePath, goMod.PlatformGoVersionLine);
        }

        return null;
    }

    /// <summary>The explicit settings and toolchain lines below the winning one that name another version.</summary>
    private static IReadOnlyList<string> OverriddenSettings(GoVersionRequest winner, IReadOnlyList<PlatformGoVersion> platformVersions, GoModFile? goMod, GoWorkFile? goWork)
    {
        var others = platformVersions
            .Select(v => (Kind: v.Kind, Value: (string?)v.Value, Label: v.Source))
            .Concat(new (GoVersionSource Kind, string? Value, string Label)[]
            {
                (GoVersionSource.PlatformComment, goMod?.PlatformGoVersion, $"go.mod // +{goMod?.PlatformGoVersionSource} goVersion comment"),
                (GoVersionSource.WorkToolchainLine, goWork?.Toolchain, "go.work toolchain line"),
                (GoVersionSource.ModToolchainLine, goMod?.Toolchain, "go.mod toolchain line"),
            });
        var result = new List<string>();
        foreach (var (kind, value, label) in others)
        {
            if (kind <= winner.SourceKind || value is null) continue;
            // GoVersion.TryParse takes "go1.22" and "1.22" alike, as the winner's own text was read.
            if (!GoVersion.TryParse(value, out var version) || version != winner.Version) result.Add($"{label} ({value})");
        }

        return result;
    }

    /// <summary>The newest go line (not toolchain line: that one is a preference) the project and its local modules require.</summary>
    private static GoVersionRequest? GoLineMinimum(GoModFile? goMod, GoWorkFile? goWork, IReadOnlyList<GoVersionRequest>? localMinimums)
    {
        var lines = new List<GoVersionRequest>();
        if (goWork?.GoVersion is string workGo)
        {
            var label = FileLabel(goWork.FilePath, "go.work");
            lines.Add(FromText(workGo, GoVersionSource.WorkGoLine, $"{label} go line ({label}:{goWork.GoLine})", goWork.FilePath, goWork.GoLine, allowPrefix: false));
        }

        if (goMod?.GoVersion is string modGo)
        {
            var label = FileLabel(goMod.FilePath, "go.mod");
            lines.Add(FromText(modGo, GoVersionSource.ModGoLine, $"{label} go line ({label}:{goMod.GoLine})", goMod.FilePath, goMod.GoLine, allowPrefix: false));
        }

        lines.AddRange(localMinimums ?? Array.Empty<GoVersionRequest>());
        return lines.Where(l => l.Succeeded).OrderByDescending(l => l.Version).FirstOrDefault();
    }

    /// <summary>
    /// GOPACK0018's text when <paramref name="request"/>, a choice, can't give what <paramref name="minimum"/>
    /// needs: a line older than the minimum's line (1.19 for go 1.21.3), or a pin older than it.
    /// </summary>
    private static string? BelowMinimumWarning(GoVersionRequest request, GoVersionRequest? minimum)
    {
        if (minimum?.Version is not GoVersion needed || request.Version is not GoVersion asked)
        {
            return null;
        }

        var older = request.IsLine
            ? asked.Major < needed.Major || (asked.Major == needed.Major && asked.Minor < needed.Minor)
            : asked < needed;
        if (!older)
        {
            return null;
        }

        var undo = request.SourceKind switch
        {
            GoVersionSource.GoVersionProperty => "remove the GoVersion property",
            GoVersionSource.GoVersionEnvironment => "unset GOVERSION",
            GoVersionSource.RailpackEnvironment => "unset RAILPACK_GO_VERSION",
            _ => "remove the comment",
        };
        return $"{request.Source} asks for {request.Describe()}, older than the Go {needed} that {minimum.Source} requires: " +
            $"Go {(request.IsLine ? $"{asked.Major}.{asked.Minor}" : asked.ToString())} can fail on code written for Go {needed} " +
            $"(e.g. `undefined: max`, `note: module requires Go {needed}`). Set `-p:GoVersion={needed}` (or newer), or {undo} so that the go line decides.";
    }

    private static GoVersionRequest ResolveMinimum(GoModFile? goMod, GoWorkFile? goWork)
    {
        // "toolchain default" asks for nothing in particular: go then uses the go line.
        if (goWork?.Toolchain is string workToolchain && workToolchain != "default")
        {
            return FromToolchain(workToolchain, GoVersionSource.WorkToolchainLine, goWork.FilePath, "go.work", goWork.ToolchainLine);
        }

        if (goMod?.Toolchain is string modToolchain && modToolchain != "default")
        {
            return FromToolchain(modToolchain, GoVersionSource.ModToolchainLine, goMod.FilePath, "go.mod", goMod.ToolchainLine);
        }

        if (goWork?.GoVersion is string workGo)
        {
            var label = FileLabel(goWork.FilePath, "go.work");
            return FromText(workGo, GoVersionSource.WorkGoLine, $"{label} go line ({label}:{goWork.GoLine})", goWork.FilePath, goWork.GoLine, allowPrefix: false);
        }

        if (goMod?.GoVersion is string modGo)
        {
            var label = FileLabel(goMod.FilePath, "go.mod");
            return FromText(modGo, GoVersionSource.ModGoLine, $"{label} go line ({label}:{goMod.GoLine})", goMod.FilePath, goMod.GoLine, allowPrefix: false);
        }

        return GoVersionRequest.Default();
    }

    // A toolchain name is "go" + version, optionally with a custom build's suffix (go1.22.3-bigcorp), which go drops.
    private static GoVersionRequest FromToolchain(string name, GoVersionSource kind, string? file, string fallbackLabel, int line)
    {
        var label = FileLabel(file, fallbackLabel);
        var source = $"{label} toolchain line ({label}:{line})";
        if (!name.StartsWith("go", StringComparison.Ordinal))
        {
            return Invalid(name, kind, source, file, line, "a toolchain name such as go1.22.3");
        }

        var version = name.Substring(2);
        var suffix = version.IndexOfAny(new[] { '-', '+', ' ', '\t' });
        if (suffix >= 0)
        {
            version = version.Substring(0, suffix);
        }

        return FromText(version, kind, source, file, line, allowPrefix: false);
    }

    private static GoVersionRequest FromText(string text, GoVersionSource kind, string source, string? file, int line, bool allowPrefix = true)
    {
        // The platforms accept "go1.22" as well as "1.22"; go.mod's go line does not.
        var prefixed = text.StartsWith("go", StringComparison.Ordinal);
        if ((allowPrefix || !prefixed) && GoVersion.TryParse(text, out var version))
        {
            // Only a choice (property, variable, comment) names a line with X.Y; a go.mod line is a minimum.
            return new GoVersionRequest(version, kind, source, file, line, null, line: allowPrefix && GoVersionRequest.IsLineText(text));
        }

        return Invalid(text, kind, source, file, line, allowPrefix ? "a Go version such as 1.22, 1.22.3 or go1.22.3" : "a Go version such as 1.22 or 1.22.3");
    }

    private static GoVersionRequest Invalid(string text, GoVersionSource kind, string source, string? file, int line, string expected) =>
        new(null, kind, source, file, line, $"{source}: '{text}' is not {expected}.");

    private static string FileLabel(string? path, string fallback) => path is null ? fallback : Path.GetFileName(path);

}
