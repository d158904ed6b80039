using System;
using System.Collections.Generic;
using System.Linq;

namespace GoPack.Sdk.Publishing;

/// <summary>A module in a binary's build info: the main module or a dependency, maybe replaced.</summary>
/// <param name="Path">Module path, e.g. golang.org/x/text.</param>
/// <param name="Version">v0.14.0, a pseudo-version, or "(devel)" for the main module.</param>
/// <param name="Sum">go.sum's h1: hash, or null (the main module; vendored builds before Go 1.22... have none).</param>
/// <param name="Replacement">What a go.mod replace directive put in its place, or null.</param>
public sealed record GoModuleInfo(string Path, string Version, string? Sum, GoModuleInfo? Replacement = null);

/// <summary>
/// The build information Go embeds in every binary, as `go version -m` prints it (tab-separated lines; `-json` exists
/// only from Go 1.25):
/// <code>
/// bin/svc: go1.19.8
///         path    example.com/svc
///         mod     example.com/svc (devel)
///         dep     golang.org/x/text       v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=
///         =>      ../text (devel)
///         build   -compiler=gc
///         build   CGO_ENABLED=0
///         build   vcs.revision=0123…
/// </code>
/// </summary>
public sealed class GoBuildInfo
{
    /// <summary>The binary's path as go printed it.</summary>
    public string File { get; init; } = "";

    /// <summary>go1.19.8.</summary>
    public string GoVersion { get; init; } = "";

    /// <summary>The main package's import path.</summary>
    public string? PackagePath { get; init; }

    /// <summary>The main module; null for a binary built from files outside a module (go build main.go).</summary>
    public GoModuleInfo? Main { get; init; }

    public IReadOnlyList<GoModuleInfo> Dependencies { get; init; } = Array.Empty<GoModuleInfo>();

    /// <summary>The "build" lines, in order: -compiler=gc, -tags=a,b, CGO_ENABLED=0, GOOS=linux, vcs.revision=…</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The value of a build setting, or null.</summary>
    public string? Setting(string key) => Settings.Where(s => s.Key == key).Select(s => s.Value).FirstOrDefault();

    /// <summary>
    /// Every binary in `go version -m` output for one or more files. Lines go doesn't write (blank ones, warnings) are
    /// skipped; a binary without build info ("not a Go executable", "no build info") yields nothing.
    /// </summary>
    public static IReadOnlyList<GoBuildInfo> Parse(IEnumerable<string> lines)
    {
        if (lines is null)
        {
            throw new ArgumentNullException(nameof(lines));
        }

        var result = new List<GoBuildInfo>();
        Builder? current = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] != '\t')
            {
                // "<file>: go1.19.8". A path may hold ": " itself, so the version is what follows the last one.
                var separator = line.LastIndexOf(": ", StringComparison.Ordinal);
                if (current is not null)
                {
                    result.Add(current.Build());
                }

                current = separator > 0 && line.Substring(separator + 2).StartsWith("go", StringComparison.Ordinal)
                    ? new Builder(line.Substring(0, separator), line.Substring(separator + 2).Trim())
                    : null;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var fields = line.Substring(1).Split('\t');
            switch (fields[0])
            {
                case "path" when fields.Length >= 2:
                    current.PackagePath = fields[1];
                    break;
                case "mod" when fields.Length >= 3:
                    current.Main = Module(fields);
                    current.Last = ModuleSlot.Main;
                    break;
                case "dep" when fields.Length >= 3:
                    current.Dependencies.Add(Module(fields));
                    current.Last = ModuleSlot.Dependency;
                    break;
                case "=>" when fields.Length >= 2:
                    current.Replace(Module(fields));
                    break;
                case "build" when fields.Length >= 2:
                    var setting = string.Join("\t", fields.Skip(1));
                    var equals = setting.IndexOf('=');
                    if (equals > 0)
                    {
                        current.Settings.Add(new KeyValuePair<string, string>(setting.Substring(0, equals), Unquote(setting.Substring(equals + 1))));
                    }

                    break;
            }
        }

        if (current is not null)
        {
            result.Add(current.Build());
        }

        return result;
    }

    // "mod|dep|=> path version [sum]": a local replacement has no version ("=> ../lib" or "=> ../lib (devel)").
    private static GoModuleInfo Module(string[] fields) =>
        new(fields[1], fields.Length > 2 ? fields[2] : "", fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null);

    // go quotes a setting value that holds spaces, quotes or tabs with strconv.Quote (-ldflags="-s -w").
    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[value.Length - 1] != '"')
        {
            return value;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length - 1)
            {
                var next = value[++i];
                builder.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private enum ModuleSlot
    {
        None,
        Main,
        Dependency,
    }

    private sealed class Builder
    {
        public Builder(string file, string goVersion)
        {
            File = file;
            GoVersion = goVersion;
        }

        public string File { get; }

        public string GoVersion { get; }

        public string? PackagePath { get; set; }

        public GoModuleInfo? Main { get; set; }

        public List<GoModuleInfo> Dependencies { get; } = new();

        public List<KeyValuePair<string, string>> Settings { get; } = new();

        public ModuleSlot Last { get; set; }

        // "=>" belongs to the mod or dep line just before it.
        public void Replace(GoModuleInfo replacement)
        {
            if (Last == ModuleSlot.Dependency && Dependencies.Count > 0)
            {
                Dependencies[Dependencies.Count - 1] = Dependencies[Dependencies.Count - 1] with { Replacement = replacement };
            }
            else if (Last == ModuleSlot.Main && Main is not null)
            {
                Main = Main with { Replacement = replacement };
            }
        }

        public GoBuildInfo Build() => new()
        {
            File = File,
            GoVersion = GoVersion,
            PackagePath = PackagePath,
            Main = Main,
            Dependencies = Dependencies,
            Settings = Settings,
        };
    }
}
