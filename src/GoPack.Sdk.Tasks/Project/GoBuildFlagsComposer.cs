using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Common;
using GoPack.Sdk.Execution;

namespace GoPack.Sdk.Project;

/// <summary>Inputs of <see cref="GoBuildFlagsComposer.Compose"/>: MSBuild property values as written (tri-state switches are text).</summary>
public sealed class GoBuildFlagsOptions
{
    /// <summary>GoBuildFlags: replaces GoPack's default flags (-trimpath, -ldflags "-s -w"), like Vercel's GO_BUILD_FLAGS.</summary>
    public string? BuildFlags { get; init; }

    /// <summary>GoLdFlags: added to -ldflags.</summary>
    public string? LdFlags { get; init; }

    /// <summary>GoGcFlags: added to -gcflags.</summary>
    public string? GcFlags { get; init; }

    /// <summary>GoTags: build tags, separated by ',', ';' or spaces.</summary>
    public string? Tags { get; init; }

    /// <summary>@(GoLinkerSymbol): "importpath.name=value" each, passed as -X.</summary>
    public IReadOnlyList<string> LinkerSymbols { get; init; } = Array.Empty<string>();

    /// <summary>GoTroubleshoot: -x -race; falls back to CC_TROUBLESHOOT.</summary>
    public string? Troubleshoot { get; init; }

    /// <summary>CgoEnabled; falls back to CGO_ENABLED.</summary>
    public string? CgoEnabled { get; init; }

    /// <summary>Configuration is Release: the defaults for <see cref="TrimPath"/> and <see cref="StripSymbols"/>.</summary>
    public bool Release { get; init; }

    /// <summary>GoTrimPath; blank means <see cref="Release"/>.</summary>
    public string? TrimPath { get; init; }

    /// <summary>GoStripSymbols (-ldflags "-s -w"); blank means <see cref="Release"/>.</summary>
    public string? StripSymbols { get; init; }

    /// <summary>
    /// Optimize, .NET's property: false compiles the project's own packages with -N -l (no optimizations, no inlining),
    /// what delve needs to step and show variables; blank means <see cref="Release"/>.
    /// </summary>
    public string? Optimize { get; init; }

    /// <summary>
    /// GoDebugDependencies: true gives -N -l to every package Optimize=false compiles (-gcflags=all=-N -l: the standard
    /// library and required modules too); blank or false to the project's own code only (<see cref="ModuleRoot"/>,
    /// <see cref="LocalModuleDirectories"/>), as a .NET Debug build leaves the framework and NuGet packages optimized.
    /// </summary>
    public string? DebugDependencies { get; init; }

    /// <summary>go's working directory: the module's root (or the workspace's). Its packages are the project's own code.</summary>
    public string? ModuleRoot { get; init; }

    /// <summary>Workspace modules and local replace targets (full paths): the project's own code too.</summary>
    public IReadOnlyList<string> LocalModuleDirectories { get; init; } = Array.Empty<string>();

    /// <summary><see cref="GoProjectInfo.HasVendor"/>.</summary>
    public bool HasVendor { get; init; }

    /// <summary>
    /// A target that must not link a C library (a linux-musl RuntimeIdentifier): cgo is off unless the CgoEnabled
    /// property asks for it (the caller rejects that contradiction), whatever CGO_ENABLED says.
    /// </summary>
    public bool StaticTarget { get; init; }

    /// <summary>-buildvcs=true/false (publish: on when git metadata and git are there); null leaves go's default.</summary>
    public bool? BuildVcs { get; init; }

    /// <summary>GoBuildMode: a C library (c-shared, c-archive) needs cgo, so it turns cgo on; -buildmode itself is the link step's.</summary>
    public GoBuildMode BuildMode { get; init; }

    /// <summary>GO_BUILD_FLAGS, GO_LINKER_SYMBOL, GO_LINKER_VALUE, CC_TROUBLESHOOT, CGO_ENABLED and GOFLAGS are read.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>The go build flags, one argv entry each, and the CGO setting to run go with.</summary>
public sealed class GoBuildFlagsResult
{
    /// <summary>Flags only: the caller adds "build", "-o", the output and the packages.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    /// <summary>The CGO_ENABLED to give go: 1 when true, 0 when false.</summary>
    public bool CgoEnabled { get; init; }

    /// <summary>"CgoEnabled property", "CGO_ENABLED environment variable", "-race (GoTroubleshoot property)", "default", ...</summary>
    public string CgoSource { get; init; } = "";

    /// <summary>Troubleshooting was asked for: log verbosely too.</summary>
    public bool Troubleshoot { get; init; }

    /// <summary>Decisions worth a line in the build log.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    public string? Error { get; init; }

    /// <summary>The GOPACK code of <see cref="Error"/>: <see cref="GoPackErrors.InvalidFlags"/> unless said otherwise.</summary>
    public string ErrorCode { get; init; } = GoPackErrors.InvalidFlags;

    public bool Succeeded => Error is null;
}

/// <summary>
/// Composes go build's flags from properties and the platforms' environment variables.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Defaults: -trimpath and -ldflags "-s -w" in Release (GoTrimPath/GoStripSymbols override); in Debug -N -l
/// for the project's own packages instead (Optimize overrides), so a debugger sees symbols, source paths, every
/// variable and every line of them. The standard library and required modules stay optimized, as a .NET Debug build
/// takes the framework and NuGet packages as they are: compiling them again without optimizations made a first build
/// ~6 s instead of ~0.3 s (Go 1.19 ships the standard library compiled). GoDebugDependencies=true gives -N -l to every
/// package (-gcflags=all=-N -l, as dlv debug and VS Code's Go extension build).</item>
/// <item>GoBuildFlags (else GO_BUILD_FLAGS) replaces those defaults as a whole, as GO_BUILD_FLAGS does on Vercel; the
/// other settings still add to it, merged into its flags: go keeps only the last -ldflags/-gcflags/-tags that applies,
/// so two of them would silently drop one.</item>
/// <item>-X symbols: @(GoLinkerSymbol), then GO_LINKER_SYMBOL=GO_LINKER_VALUE (Heroku's pair, used only when both are set).</item>
/// <item>-mod=vendor when vendor/modules.txt exists, unless the flags or GOFLAGS already choose -mod.</item>
/// <item>Troubleshooting (GoTroubleshoot, else CC_TROUBLESHOOT) adds -x -race. -race needs cgo, so cgo is turned on,
/// unless CgoEnabled/CGO_ENABLED explicitly turns it off: then -race is left out, because an explicit setting beats an
/// implied one.</item>
/// <item>CGO: CgoEnabled, else CGO_ENABLED, else off: static binaries, as Railpack, Vercel and ko build.</item>
/// </list>
/// </remarks>
public static class GoBuildFlagsComposer
{
    private const string DefaultCgoSource = "default (static binaries, as Railpack and Vercel build)";

    /// <summary>What Debug compiles the project's packages with: no optimizations, no inlining (delve's advice).</summary>
    private const string DebugGcFlags = "-N -l";

    public static GoBuildFlagsResult Compose(GoBuildFlagsOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        try
        {
            return new Composition(options).Compose();
        }
        catch (InvalidFlagsException e)
        {
            return new GoBuildFlagsResult { Error = e.Message, ErrorCode = e.Code };
        }
    }

    /// <summary>
    /// Quotes one element of a -ldflags/-gcflags list as go's cmd/internal/quoted.Join does, so go splits it back
    /// unchanged; null when it holds both quote characters and a space, which go cannot express.
    /// </summary>
    public static string? QuoteFlagElement(string element)
    {
        var space = element.Any(c => c == ' ' || c == '\t' || c == '\n' || c == '\r');
        var single = element.IndexOf('\'') >= 0;
        var @double = element.IndexOf('"') >= 0;
        if (!space && !single && !@double)
        {
            return element;
        }

        if (!single)
        {
            return "'" + element + "'";
        }

        return !@double ? "\"" + element + "\"" : null;
    }

    private static void AddTags(List<string> tags, string? text)
    {
        foreach (var tag in (text ?? "").Split(new[] { ',', ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }
    }

    /// <summary>"-ldflags=x" → (ldflags, x); "--race" → (race, null); a non-flag → (null, null).</summary>
    private static (string? Name, string? Value) SplitFlag(string token)
    {
        if (!token.StartsWith("-", StringComparison.Ordinal) || token == "-" || token == "--")
        {
            return (null, null);
        }

        var body = token.StartsWith("--", StringComparison.Ordinal) ? token.Substring(2) : token.Substring(1);
        var equals = body.IndexOf('=');
        return equals < 0 ? (body, null) : (body.Substring(0, equals), body.Substring(equals + 1));
    }

    /// <summary>Settings that can't make flags: ends the composition, and becomes the result's <see cref="GoBuildFlagsResult.Error"/>.</summary>
    private sealed class InvalidFlagsException : Exception
    {
        public InvalidFlagsException(string message, string code = GoPackErrors.InvalidFlags)
            : base(message)
        {
            Code = code;
        }

        public string Code { get; }
    }

    /// <summary>One composition: the flags collected so far, and a named step for each rule of the remarks above.</summary>
    private sealed class Composition
    {
        private readonly GoBuildFlagsOptions _options;
        private readonly PlatformSettings _platform;
        private readonly IReadOnlyList<string> _goflags;
        private readonly List<string> _notes = new();
        private readonly List<string> _arguments = new();
        private readonly PerPackageFlag _ldflags = new("ldflags");
        private readonly PerPackageFlag _gcflags = new("gcflags");
        private readonly List<string> _tags = new();

        /// <summary>Flags of GoBuildFlags/GO_BUILD_FLAGS that GoPack passes on as they are, after its own.</summary>
        private readonly List<string> _extras = new();
        private string? _mod;
        private bool _raceGiven;
        private bool _xGiven;
        private bool _buildVcsGiven;

        /// <summary>"GoBuildFlags property" or "GO_BUILD_FLAGS environment variable" when one replaces the defaults; else null.</summary>
        private string? _overrideSource;

        /// <summary>The -gcflags patterns Debug's -N -l is for ("./...", "../lib/...", or "all"); null when optimizing.</summary>
        private IReadOnlyList<string>? _debugPatterns;

        public Composition(GoBuildFlagsOptions options)
        {
            _options = options;
            _platform = PlatformSettings.Read(options.Environment);
            _goflags = (Settings.Get(options.Environment, "GOFLAGS") ?? "").Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        }

        public GoBuildFlagsResult Compose()
        {
            var trimPath = ReadSwitch(_options.TrimPath, "GoTrimPath") ?? _options.Release;
            var strip = ReadSwitch(_options.StripSymbols, "GoStripSymbols") ?? _options.Release;
            var optimize = ReadSwitch(_options.Optimize, "Optimize") ?? _options.Release;
            var debugDependencies = ReadSwitch(_options.DebugDependencies, "GoDebugDependencies") ?? false;
            var troubleshootProperty = ReadSwitch(_options.Troubleshoot, "GoTroubleshoot");
            var cgoProperty = ReadSwitch(_options.CgoEnabled, "CgoEnabled");

            if (!ReadOverride())
            {
                if (strip)
                {
                    _ldflags.AddParts("-s", "-w");
                }

                if (!optimize)
                {
                    _debugPatterns = debugDependencies ? new[] { "all" } : OwnCodePatterns();
                }
            }

            AddSettingFlags();
            AddLinkerSymbols();
            AddModuleMode();
            if (_overrideSource is null && trimPath)
            {
                _arguments.Add("-trimpath");
            }

            AddBuildVcs();
            (var troubleshoot, var troubleshootSource) = DecideTroubleshooting(troubleshootProperty);
            if (troubleshoot && !_xGiven)
            {
                _arguments.Add("-x");
            }

            (var cgo, var cgoSource) = DecideCgo(cgoProperty, troubleshoot, troubleshootSource);
            EmitCollectedFlags();
            return new GoBuildFlagsResult
            {
                Arguments = _arguments,
                CgoEnabled = cgo,
                CgoSource = cgoSource,
                Troubleshoot = troubleshoot,
                Notes = _notes,
            };
        }

        /// <summary>GoBuildFlags, else GO_BUILD_FLAGS: replaces the defaults; its flags are sorted into GoPack's. False when neither is set.</summary>
        private bool ReadOverride()
        {
            var text = Settings.Trimmed(_options.BuildFlags);
            var source = "GoBuildFlags property";
            if (text is null && _platform.BuildFlags is { } variable)
            {
                text = variable.Value;
                source = variable.Source;
            }

            if (text is null)
            {
                return false;
            }

            IReadOnlyList<string> tokens;
            try
            {
                tokens = CommandLine.Split(text);
            }
            catch (FormatException e)
            {
                throw new InvalidFlagsException($"{source} can't be read: {e.Message}. Quote with matching ' or \" characters.");
            }

            _overrideSource = source;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                (var name, var value) = SplitFlag(token);
                switch (name)
                {
                    case "ldflags":
                    case "gcflags":
                    case "tags":
                    case "mod":
                    case "o":
                        if (value is null)
                        {
                            if (i + 1 >= tokens.Count)
                            {
                                throw new InvalidFlagsException($"{source}: {token} needs a value.");
                            }

                            value = tokens[++i];
                        }

                        AddOverrideValue(name, value, source);
                        break;
                    default:
                        _raceGiven |= name == "race" && value != "false";
                        _xGiven |= name == "x" && value != "false";
                        _buildVcsGiven |= name == "buildvcs";
                        _extras.Add(token);
                        break;
                }
            }

            _notes.Add($"{source} replaces GoPack's default build flags.");
            return true;
        }

        private void AddOverrideValue(string name, string value, string source)
        {
            switch (name)
            {
                case "ldflags":
                    Check(_ldflags.Add(value, source));
                    break;
                case "gcflags":
                    Check(_gcflags.Add(value, source));
                    break;
                case "tags":
                    AddTags(_tags, value);
                    break;
                case "mod":
                    _mod = value;
                    break;
                default:
                    _notes.Add($"-o {value} in {source} is ignored: GoPack chooses the output path.");
                    break;
            }
        }

        /// <summary>GoLdFlags, GoGcFlags and GoTags add to whatever is there.</summary>
        private void AddSettingFlags()
        {
            Check(_ldflags.Add(_options.LdFlags, "GoLdFlags property"));
            Check(_gcflags.Add(_options.GcFlags, "GoGcFlags property"));
            AddTags(_tags, _options.Tags);
        }

        /// <summary>-X for each @(GoLinkerSymbol), then Heroku's GO_LINKER_SYMBOL=GO_LINKER_VALUE.</summary>
        private void AddLinkerSymbols()
        {
            foreach (var item in _options.LinkerSymbols)
            {
                var symbol = item.Trim();
                if (symbol.Length == 0)
                {
                    continue;
                }

                if (symbol.IndexOf('=') <= 0)
                {
                    throw new InvalidFlagsException($"GoLinkerSymbol '{symbol}' must be importpath.name=value, e.g. main.version=1.2.3.");
                }

                AddSymbol(symbol, "GoLinkerSymbol");
            }

            if (_platform.LinkerSymbol is { } variable)
            {
                AddSymbol(variable.Value, variable.Variable);
            }
            else if (_platform.LinkerSymbolNote is { } note)
            {
                _notes.Add(note);
            }
        }

        private void AddSymbol(string symbol, string source)
        {
            var quoted = QuoteFlagElement(symbol) ?? throw new InvalidFlagsException($"{source}: '{symbol}' holds both ' and \" as well as a space, which go's -ldflags cannot express.");
            _ldflags.AddParts("-X", quoted);
        }

        /// <summary>The override's -mod, else -mod=vendor when vendor/modules.txt exists and GOFLAGS chooses no -mod.</summary>
        private void AddModuleMode()
        {
            if (_mod is not null)
            {
                _arguments.Add("-mod=" + _mod);
            }
            else if (_options.HasVendor && GoflagsSets("mod"))
            {
                _notes.Add("vendor/modules.txt exists, but GOFLAGS already chooses -mod, so GoPack does not add -mod=vendor.");
            }
            else if (_options.HasVendor)
            {
                _arguments.Add("-mod=vendor");
                _notes.Add("-mod=vendor: vendor/modules.txt exists.");
            }
        }

        private void AddBuildVcs()
        {
            if (_options.BuildVcs is bool buildVcs && !_buildVcsGiven && !GoflagsSets("buildvcs"))
            {
                _arguments.Add(buildVcs ? "-buildvcs=true" : "-buildvcs=false");
            }
        }

        /// <summary>GoTroubleshoot, else CC_TROUBLESHOOT (a platform value GoPack can't read is noted and left unset).</summary>
        private (bool On, string Source) DecideTroubleshooting(bool? property)
        {
            if (property is bool on)
            {
                return (on, "GoTroubleshoot property");
            }

            var variable = _platform.Troubleshoot;
            try
            {
                return (Settings.ParseBool(variable?.Value) ?? false, variable?.Source ?? "CC_TROUBLESHOOT environment variable");
            }
            catch (FormatException e)
            {
                _notes.Add($"{variable!.Variable} is ignored: {e.Message}.");
                return (false, variable.Source);
            }
        }

        /// <summary>
        /// CgoEnabled, else a static (linux-musl) target's off, else CGO_ENABLED, else off; a C library (GoBuildMode)
        /// needs it on; -race (asked for or implied by troubleshooting) turns it on unless it was turned off explicitly.
        /// </summary>
        private (bool On, string Source) DecideCgo(bool? property, bool troubleshoot, string troubleshootSource)
        {
            var cLibrary = _options.BuildMode.IsCLibrary();
            var buildModeSource = "GoBuildMode=" + _options.BuildMode.ToFlagValue();
            if (cLibrary && property == false)
            {
                throw new InvalidFlagsException(
                    $"{buildModeSource} builds a C library, which needs cgo, but the CgoEnabled property turns cgo off. Remove CgoEnabled=false (cgo needs a C compiler: gcc or clang), or build a program (GoBuildMode=exe).",
                    GoPackErrors.InvalidBuildMode);
            }

            if (cLibrary && _options.StaticTarget)
            {
                throw new InvalidFlagsException(
                    $"{buildModeSource} builds a C library, which needs cgo, but a linux-musl RuntimeIdentifier builds static binaries with cgo off. Use the glibc RuntimeIdentifier (linux-x64, linux-arm64, ...) with a C compiler for it.",
                    GoPackErrors.InvalidBuildMode);
            }

            var explicitly = property;
            var source = "CgoEnabled property";
            if (explicitly is null && _options.StaticTarget)
            {
                explicitly = false;
                source = "linux-musl RuntimeIdentifier (static binaries)";
                if (_platform.CgoEnabled?.Value == "1")
                {
                    _notes.Add("CGO_ENABLED=1 is not used: a linux-musl RuntimeIdentifier builds static binaries with cgo off.");
                }
            }

            if (explicitly is null)
            {
                source = "CGO_ENABLED environment variable";
                var variable = _platform.CgoEnabled?.Value;
                if (variable == "1" || variable == "0")
                {
                    explicitly = variable == "1";
                }
                else if (variable is not null)
                {
                    _notes.Add($"CGO_ENABLED is '{variable}', which go reads as unset; GoPack uses its default.");
                }
            }

            if (cLibrary && explicitly != true)
            {
                if (explicitly == false)
                {
                    _notes.Add($"CGO_ENABLED=0 is not used: {buildModeSource} builds a C library, which needs cgo.");
                }

                explicitly = true;
                source = $"{buildModeSource} (a C library needs cgo)";
            }

            if (!_raceGiven && !troubleshoot)
            {
                return explicitly is bool on ? (on, source) : (false, DefaultCgoSource);
            }

            var raceSource = _raceGiven ? _overrideSource! : troubleshootSource;
            if (explicitly == false)
            {
                if (_raceGiven)
                {
                    throw new InvalidFlagsException($"{_overrideSource} has -race, which needs cgo, but the {source} turns cgo off. Remove one of them.");
                }

                _notes.Add($"-race is left out although {troubleshootSource} asks for it: -race needs cgo, which the {source} turns off.");
                return (false, source);
            }

            if (!_raceGiven)
            {
                _arguments.Add("-race");
            }

            if (explicitly is null)
            {
                _notes.Add($"CGO_ENABLED=1 because -race ({raceSource}) needs cgo: a C compiler (gcc or clang) must be installed.");
                return (true, $"-race ({raceSource})");
            }

            return (true, source);
        }

        /// <summary>-tags, -gcflags, -ldflags (one each: go keeps only the last), then the override's other flags; notes where GOFLAGS loses.</summary>
        private void EmitCollectedFlags()
        {
            if (_tags.Count > 0)
            {
                _arguments.Add("-tags=" + string.Join(",", _tags));
            }

            if (_debugPatterns is null)
            {
                _gcflags.Emit(_arguments, _notes, mergeIntoAll: false);
            }
            else
            {
                _gcflags.EmitWithDebug(_arguments, _notes, _debugPatterns, DebugGcFlags);
            }

            _ldflags.Emit(_arguments, _notes, mergeIntoAll: true);
            _arguments.AddRange(_extras);

            foreach ((var flag, var emitted) in new[] { ("tags", _tags.Count > 0), ("gcflags", _gcflags.HasValues || _debugPatterns is not null), ("ldflags", _ldflags.HasValues) })
            {
                if (emitted && GoflagsSets(flag))
                {
                    _notes.Add($"GOFLAGS sets -{flag}, which the -{flag} on go build's command line replaces; move it to the Go{(flag == "tags" ? "Tags" : flag == "gcflags" ? "GcFlags" : "LdFlags")} property.");
                }
            }
        }

        /// <summary>
        /// The project's own code as -gcflags patterns relative to go's working directory, the module root: go matches a
        /// pattern that starts with ./ or ../ against each package's directory (and "..." never against vendor/), so
        /// "./..." is the module's (or workspace's) packages and "../lib/..." a local module beside it. A directory that
        /// no such pattern can name (on another drive; '=' or "..." in its path) makes it "all", noted: a slower first
        /// build rather than a package the debugger can't follow.
        /// </summary>
        private IReadOnlyList<string> OwnCodePatterns()
        {
            var patterns = new List<string> { "./..." };
            var root = Settings.Trimmed(_options.ModuleRoot);
            foreach (var directory in _options.LocalModuleDirectories)
            {
                var relative = root is null ? null : Paths.Relative(root, directory).TrimEnd('/');
                var outside = relative is null || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative);
                if (!outside)
                {
                    continue; // the root or below it: "./..." has it
                }

                if (relative is null || Path.IsPathRooted(relative) || relative.IndexOf('=') >= 0 || relative.Contains("..."))
                {
                    _notes.Add($"Debug compiles every package with -N -l: no -gcflags package pattern names the local module '{directory}' as a folder relative to '{root}'.");
                    return new[] { "all" };
                }

                var pattern = relative + "/...";
                if (!patterns.Contains(pattern))
                {
                    patterns.Add(pattern);
                }
            }

            return patterns;
        }

        private bool GoflagsSets(string flag) =>
            _goflags.Any(f => f.StartsWith("-" + flag + "=", StringComparison.Ordinal) || f.StartsWith("--" + flag + "=", StringComparison.Ordinal));

        private static bool? ReadSwitch(string? value, string property)
        {
            try
            {
                return Settings.ParseBool(value);
            }
            catch (FormatException e)
            {
                throw new InvalidFlagsException($"{property}: {e.Message}.");
            }
        }

        private static void Check(string? error)
        {
            if (error is not null)
            {
                throw new InvalidFlagsException(error);
            }
        }
    }

    /// <summary>
    /// A per-package flag (-ldflags, -gcflags) collected from several settings. go keeps the last flag whose package
    /// pattern matches, so values with the same pattern are merged into one flag rather than repeated.
    /// </summary>
    private sealed class PerPackageFlag
    {
        private readonly string _name;
        private readonly List<(string? Pattern, List<string> Parts)> _groups = new();

        public PerPackageFlag(string name)
        {
            _name = name;
        }

        public bool HasValues => _groups.Any(g => g.Parts.Count > 0);

        /// <summary>Parses "[pattern=]values" as go does; returns an error message, or null.</summary>
        public string? Add(string? value, string source)
        {
            var text = Settings.Trimmed(value);
            if (text is null)
            {
                return null;
            }

            string? pattern = null;
            if (text[0] != '-' && text[0] != '\'' && text[0] != '"')
            {
                var equals = text.IndexOf('=');
                if (equals < 0)
                {
                    return $"{source}: -{_name} '{text}' is missing =<value> in <pattern>=<value> (values start with '-').";
                }

                if (equals == 0)
                {
                    return $"{source}: -{_name} '{text}' is missing <pattern> in <pattern>=<value>.";
                }

                pattern = text.Substring(0, equals);
                text = text.Substring(equals + 1).Trim();
            }

            Group(pattern).Add(text);
            return null;
        }

        public void AddParts(params string[] parts) => Group(null).AddRange(parts);

        public void Emit(List<string> arguments, List<string> notes, bool mergeIntoAll)
        {
            var groups = _groups.Where(g => g.Parts.Count > 0).ToList();
            var unpatterned = groups.FindIndex(g => g.Pattern is null);

            // The linker runs for main packages only, which "all" includes: folding the plain values into the "all"
            // group keeps both, where two flags would leave go using only the later one.
            if (mergeIntoAll && unpatterned >= 0 && groups.Count == 2 && groups.Any(g => g.Pattern == "all"))
            {
                var all = groups.First(g => g.Pattern == "all");
                all.Parts.AddRange(groups[unpatterned].Parts);
                groups.RemoveAt(unpatterned);
            }

            NoteSeveralPatterns(groups, notes);

            // The plain group last: for the packages on the command line it is then the one go uses.
            foreach (var group in groups.Where(g => g.Pattern is not null).Concat(groups.Where(g => g.Pattern is null)))
            {
                arguments.Add(Format(group.Pattern, group.Parts));
            }
        }

        /// <summary>
        /// -gcflags with Debug's <paramref name="debugFlags"/> for <paramref name="debugPatterns"/>, combined with the
        /// settings' flags as go needs them: go compiles each package with the last -gcflags whose pattern matches it, so
        /// flags for "all" come first and also join each debug pattern's, flags for exactly a debug pattern join it,
        /// other patterns follow as given, and the plain flags (for the packages on the command line, the project's own)
        /// come last with the debug flags in front.
        /// </summary>
        public void EmitWithDebug(List<string> arguments, List<string> notes, IReadOnlyList<string> debugPatterns, string debugFlags)
        {
            var groups = _groups.Where(g => g.Parts.Count > 0).ToList();
            NoteSeveralPatterns(groups, notes);

            var all = groups.Where(g => g.Pattern == "all").SelectMany(g => g.Parts).ToList();
            if (all.Count > 0 && !debugPatterns.Contains("all"))
            {
                arguments.Add(Format("all", all));
            }

            foreach (var pattern in debugPatterns)
            {
                var same = pattern == "all" ? Enumerable.Empty<string>() : groups.Where(g => g.Pattern == pattern).SelectMany(g => g.Parts);
                arguments.Add(Format(pattern, new[] { debugFlags }.Concat(all).Concat(same)));
            }

            foreach (var group in groups.Where(g => g.Pattern is not null && g.Pattern != "all" && !debugPatterns.Contains(g.Pattern)))
            {
                arguments.Add(Format(group.Pattern, group.Parts));
            }

            foreach (var group in groups.Where(g => g.Pattern is null))
            {
                var given = group.Parts.SelectMany(p => p.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)).ToList();
                var missing = debugFlags.Split(' ').Any(f => !given.Contains(f));
                arguments.Add(Format(null, missing ? new[] { debugFlags }.Concat(group.Parts) : group.Parts));
            }
        }

        private void NoteSeveralPatterns(List<(string? Pattern, List<string> Parts)> groups, List<string> notes)
        {
            if (groups.Count > 1)
            {
                notes.Add($"-{_name} is given for several package patterns ({string.Join(", ", groups.Select(g => g.Pattern ?? "command-line packages"))}); go applies the last one that matches each package.");
            }
        }

        private string Format(string? pattern, IEnumerable<string> parts) =>
            $"-{_name}={(pattern is null ? "" : pattern + "=")}{string.Join(" ", parts)}";

        private List<string> Group(string? pattern)
        {
            foreach (var group in _groups)
            {
                if (group.Pattern == pattern)
                {
                    return group.Parts;
                }
            }

            var parts = new List<string>();
            _groups.Add((pattern, parts));
            return parts;
        }
    }
}
