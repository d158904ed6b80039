using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Modules;
using GoPack.Sdk.Toolchains;

namespace GoPack.Sdk.Project;

/// <summary>
/// Decides which Go version a project asks for. The first source that is set wins:
/// <list type="number">
/// <item>the GoVersion property;</item>
/// <item>the GOVERSION environment variable (Heroku, Scalingo), then RAILPACK_GO_VERSION;</item>
/// <item>a <c>// +heroku goVersion X</c> or <c>// +scalingo goVersion X</c> comment in go.mod;</item>
/// <item>the go.work <c>toolchain</c> line, the go.mod <c>toolchain</c> line, the go.work <c>go</c> line, the go.mod
/// <c>go</c> line: go.work before go.mod because go itself lets the workspace's lines win;</item>
/// <item><see cref="DefaultVersion"/>.</item>
/// </list>
/// A source that is set but unreadable is an error naming it; resolution never skips to the next source, because
/// a typo in a pin must not silently build with another Go.
/// </summary>
public static class GoVersionResolver
{
    /// <summary>
    /// Used when nothing asks for a version. 1.25 is what Railpack's code uses today (its docs still say 1.23, which
    /// Go no longer supports with security fixes). It is a language version, so the newest 1.25.x is meant, and a
    /// default never fails a build: any installed toolchain is accepted (<see cref="GoVersionRequest.IsDefault"/>).
    /// </summary>
    public const string DefaultVersion = "1.25";

    public static GoVersionRequest Resolve(string? goVersionProperty, IReadOnlyDictionary<string, string>? environment, GoProjectInfo project)
    {
        if (project is null)
        {
            throw new ArgumentNullException(nameof(project));
        }

        return Resolve(goVersionProperty, environment, project.GoMod, project.GoWork);
    }

    public static GoVersionRequest Resolve(
        string? goVersionProperty,
        IReadOnlyDictionary<string, string>? environment,
        GoModFile? goMod,
        GoWorkFile? goWork)
    {
        var property = Settings.Trimmed(goVersionProperty);
        if (property is not null)
        {
            return FromText(property, GoVersionSource.GoVersionProperty, "GoVersion property", null, 0);
        }

        var goversion = Settings.Get(environment, "GOVERSION");
        if (goversion is not null)
        {
            return FromText(goversion, GoVersionSource.GoVersionEnvironment, "GOVERSION environment variable", null, 0);
        }

        var railpack = Settings.Get(environment, "RAILPACK_GO_VERSION");
        if (railpack is not null)
        {
            return FromText(railpack, GoVersionSource.RailpackEnvironment, "RAILPACK_GO_VERSION environment variable", null, 0);
        }

        if (goMod?.PlatformGoVersion is string platform)
        {
            var label = FileLabel(goMod.FilePath, "go.mod");
            return FromText(platform, GoVersionSource.PlatformComment,
                $"{label} // +{goMod.PlatformGoVersionSource} goVersion comment ({label}:{goMod.PlatformGoVersionLine})",
                goMod.FilePath, goMod.PlatformGoVersionLine);
        }

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

        return new GoVersionRequest(GoVersion.Parse(DefaultVersion), GoVersionSource.Default, "default", null, 0, null);
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
            return new GoVersionRequest(version, kind, source, file, line, null);
        }

        return Invalid(text, kind, source, file, line, allowPrefix ? "a Go version such as 1.22, 1.22.3 or go1.22.3" : "a Go version such as 1.22 or 1.22.3");
    }

    private static GoVersionRequest Invalid(string text, GoVersionSource kind, string source, string? file, int line, string expected) =>
        new(null, kind, source, file, line, $"{source}: '{text}' is not {expected}.");

    private static string FileLabel(string? path, string fallback) => path is null ? fallback : Path.GetFileName(path);
}
