using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Versions;

/// <summary>The Go version a project asks for, and where that came from, for the build log and for errors.</summary>
public sealed class GoVersionRequest
{
    internal GoVersionRequest(GoVersion? version, GoVersionSource sourceKind, string source, string? sourceFile, int sourceLine, string? error, bool line = false)
    {
        Version = version;
        IsLine = line && version is not null && version.Prerelease is null
            && sourceKind is GoVersionSource.GoVersionProperty or GoVersionSource.GoVersionEnvironment
                or GoVersionSource.RailpackEnvironment or GoVersionSource.PlatformComment;
        SourceKind = sourceKind;
        Source = source;
        SourceFile = sourceFile;
        SourceLine = sourceLine;
        Error = error;
    }

    /// <summary>
    /// Used when nothing asks for a version. 1.25 is what Railpack's code uses today (its docs still say 1.23, which
    /// Go no longer supports with security fixes). It is a language version, so the newest 1.25.x is meant, and a
    /// default never fails a build: any installed toolchain is accepted (<see cref="IsDefault"/>).
    /// </summary>
    public const string DefaultVersion = "1.25";

    /// <summary>The request when nothing asks for a version: <see cref="DefaultVersion"/>, which any toolchain satisfies.</summary>
    public static GoVersionRequest Default() => new(GoVersion.Parse(DefaultVersion), GoVersionSource.Default, "default", null, 0, null);

    /// <summary>A request as a setting or a test names it.</summary>
    /// <param name="line">Whether the choice was written X.Y (<see cref="IsLine"/>); null reads it from <paramref name="version"/>.</param>
    public static GoVersionRequest Create(string version, GoVersionSource sourceKind, string source, string? sourceFile = null, int sourceLine = 0, bool? line = null) =>
        new(GoVersion.Parse(version), sourceKind, source, string.IsNullOrEmpty(sourceFile) ? null : sourceFile, sourceLine, null, line ?? IsLineText(version));

    /// <summary>
    /// The request as one JSON value: DetectGo's output, which ResolveGoToolchain and GoToolchainList read back whole
    /// (<see cref="FromJson"/>), so no part of it is lost or re-derived on the way.
    /// </summary>
    public string ToJson()
    {
        if (Version is null)
        {
            throw new InvalidOperationException("A request that failed (" + Error + ") is reported, not handed on.");
        }

        return JsonSerializer.Serialize(new Wire
        {
            Version = Version.ToString(),
            Line = IsLine,
            SourceKind = SourceKind,
            Source = Source,
            SourceFile = SourceFile,
            SourceLine = SourceLine,
        }, GoVersionRequestJson.Default.Wire);
    }

    /// <summary>Reads <see cref="ToJson"/>'s value back.</summary>
    /// <exception cref="FormatException">Not a request GoPack wrote.</exception>
    public static GoVersionRequest FromJson(string json)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(json ?? throw new ArgumentNullException(nameof(json)), GoVersionRequestJson.Default.Wire);
        }
        catch (JsonException e)
        {
            throw new FormatException($"'{json}' is not a Go version request: {e.Message}", e);
        }

        if (wire?.Version is null || !GoVersion.TryParse(wire.Version, out var version))
        {
            throw new FormatException($"'{json}' is not a Go version request: it names no Go version.");
        }

        return new GoVersionRequest(version, wire.SourceKind, wire.Source ?? "", wire.SourceFile, wire.SourceLine, null, wire.Line);
    }

    internal sealed class Wire
    {
        public string? Version { get; set; }

        public bool Line { get; set; }

        public GoVersionSource SourceKind { get; set; }

        public string? Source { get; set; }

        public string? SourceFile { get; set; }

        public int SourceLine { get; set; }
    }

    /// <summary>"1.19", "go1.22": two numbers, which from a property, variable or comment name a release line.</summary>
    public static bool IsLineText(string? text)
    {
        var s = (text ?? string.Empty).Trim();
        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        var dot = s.IndexOf('.');
        return dot > 0 && dot < s.Length - 1 && s.IndexOf('.', dot + 1) < 0 && IsDigits(s, 0, dot) && IsDigits(s, dot + 1, s.Length);
    }

    private static bool IsDigits(string s, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (s[i] < '0' || s[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Null only when <see cref="Error"/> is set.</summary>
    public GoVersion? Version { get; }

    /// <summary>
    /// The text names one release: three parts (1.22.3, 1.22.0) or a prerelease (1.21rc1), or a go.mod line whose
    /// pre-1.21 two-part version is a release (go 1.20). A property, variable or comment written X.Y names a line
    /// instead (<see cref="IsLine"/>), whatever the Go version: GoVersion=1.19 means the newest 1.19.x.
    /// </summary>
    public bool Exact => Version is not null && !IsLine && !Version.IsLanguageVersion;

    /// <summary>
    /// A property, variable or comment written with two numbers (1.19, go1.22): any installed release of that line
    /// (1.19.8) is what was asked for, and a download takes the line's newest. Platforms read GOVERSION=1.19 so,
    /// even though go1.19 is also the name of the line's first release.
    /// </summary>
    public bool IsLine { get; }

    /// <summary>
    /// The version is a floor rather than a choice: go.mod/go.work <c>go</c> and <c>toolchain</c> lines, which go
    /// itself reads as "this or newer". An installed toolchain that <see cref="IsSatisfiedBy"/> is the right one to use.
    /// </summary>
    public bool IsMinimum => SourceKind is GoVersionSource.WorkToolchainLine or GoVersionSource.ModToolchainLine
        or GoVersionSource.WorkGoLine or GoVersionSource.ModGoLine or GoVersionSource.LocalModuleGoLine or GoVersionSource.VendorGoLine;

    /// <summary>
    /// GOPACK0018: an explicit version (property, variable, comment) older than a go line of the project requires,
    /// said before go starts and fails on code the older Go can't compile. Null when there is nothing to say.
    /// </summary>
    public string? Warning { get; internal set; }

    /// <summary>
    /// Lower-priority settings that ask for another version, e.g. "GOVERSION environment variable (1.21)": the log says
    /// they lost, so two settings that disagree are never a silent surprise. Empty when nothing disagrees. DetectGo
    /// logs them; they are not handed on in <see cref="ToJson"/>.
    /// </summary>
    public IReadOnlyList<string> Overridden { get; internal set; } = Array.Empty<string>();

    /// <summary>Nothing asked for a version: any installed toolchain will do; the version is what to download when none is.</summary>
    public bool IsDefault => SourceKind == GoVersionSource.Default;

    public GoVersionSource SourceKind { get; }

    /// <summary>For people: "GoVersion property", "GOVERSION environment variable", "go.mod toolchain line (go.mod:3)", "default".</summary>
    public string Source { get; }

    /// <summary>The go.mod or go.work the version was read from, for a diagnostic's location.</summary>
    public string? SourceFile { get; }

    public int SourceLine { get; }

    /// <summary>The version text could not be read; names the source.</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;

    /// <summary>"Go 1.22 (from go.mod toolchain line (go.mod:3))", for the build log.</summary>
    public override string ToString() => Version is null
        ? $"no Go version ({Error})"
        : IsDefault
            ? "no particular Go version"
            : $"Go {Version} (from {Source})";

    /// <summary>"Go 1.19" for a line, "Go 1.19.8" for a pin, for messages that already name the source.</summary>
    public string Describe() => Version is null ? "no Go version" : IsLine ? $"Go {Version.Major}.{Version.Minor}" : $"Go {Version}";

    /// <summary>Whether <paramref name="installed"/> belongs to an older line than a line request, or is newer than a pin.</summary>
    public bool IsOlderThan(GoVersion installed)
    {
        if (installed is null || Version is null)
        {
            return false;
        }

        return IsLine
            ? installed.Major > Version.Major || (installed.Major == Version.Major && installed.Minor > Version.Minor)
            : installed > Version;
    }

    /// <summary>Whether <paramref name="installed"/> can build what was asked for: it is this version or newer.</summary>
    public bool IsSatisfiedBy(GoVersion installed)
    {
        if (installed is null)
        {
            throw new ArgumentNullException(nameof(installed));
        }

        return Version is null || installed.Satisfies(Version);
    }

    /// <summary>
    /// Whether <paramref name="installed"/> is the release asked for: the same release for an exact version, any
    /// release of that minor (1.22.0, 1.22.7) for a language version such as 1.22. A toolchain provisioner uses this to
    /// prefer an installed toolchain over a download.
    /// </summary>
    public bool Matches(GoVersion installed)
    {
        if (installed is null)
        {
            throw new ArgumentNullException(nameof(installed));
        }

        if (Version is null)
        {
            return true;
        }

        if (Exact)
        {
            return installed == Version;
        }

        return installed.Major == Version.Major && installed.Minor == Version.Minor && installed.Patch is not null;
    }

    /// <summary>
    /// Null when <paramref name="installed"/> can build the project, else an error naming both versions and where
    /// each came from. Only an older toolchain is an error: a newer one builds any older Go code.
    /// </summary>
    /// <param name="installed">The toolchain's version; null (a development build) is never an error here.</param>
    /// <param name="installedSource">Where the toolchain is, e.g. "/usr/lib/go-1.19".</param>
    /// <param name="goToolchain">
    /// The effective GOTOOLCHAIN (the environment variable, else $GOROOT/go.env); null means go's own default, auto.
    /// From Go 1.21 on, go switches to the toolchain a go.mod/go.work asks for unless GOTOOLCHAIN=local, so an older
    /// go 1.21+ is then fine for those sources. Properties and environment variables are not read by go, so they
    /// never count on that.
    /// </param>
    public string? CheckToolchain(GoVersion? installed, string installedSource, string? goToolchain = null)
    {
        if (installed is null || Version is null || IsDefault || IsSatisfiedBy(installed))
        {
            return null;
        }

        var goSwitches = installed >= FirstSwitchingGo;
        var mode = Settings.Trimmed(goToolchain) ?? "auto";
        if (IsMinimum && goSwitches && mode != "local")
        {
            return null;
        }

        var asked = IsMinimum
            ? $"requires Go {Version} or newer"
            : Exact ? $"asks for Go {Version}" : $"asks for Go {Version.Major}.{Version.Minor} (the newest {Version.Major}.{Version.Minor}.x)";
        var message = $"{Source} {asked}, but the toolchain found is Go {installed} ({installedSource}).";
        if (IsMinimum && !goSwitches)
        {
            message += $" Go {installed} predates toolchain switching (Go 1.21), so it cannot fetch the Go version the module needs by itself.";
        }
        else if (IsMinimum)
        {
            message += " GOTOOLCHAIN=local stops go from fetching the Go version the module needs; unset GOTOOLCHAIN or set it to auto to let go fetch it.";
        }

        var install = Exact && !IsMinimum ? $"Go {Version}" : $"Go {Version} or newer";
        message += $" Install {install} (https://go.dev/dl/) or set GoRoot to a Go installation of that version.";
        return message;
    }

    private static readonly GoVersion FirstSwitchingGo = GoVersion.Parse("1.21.0");
}

/// <summary>
/// The request's JSON, generated at compile time: the reflection-based serializer cost DetectGo ~45 ms (Reflection.Emit,
/// the enum converter) whenever it worked its answer out, on every first or cold build.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(GoVersionRequest.Wire))]
internal sealed partial class GoVersionRequestJson : JsonSerializerContext
{
}
