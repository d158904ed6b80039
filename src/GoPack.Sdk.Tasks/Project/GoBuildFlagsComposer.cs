using System;
using System.Collections.Generic;
using System.Linq;
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
    /// Optimize, .NET's property: false compiles every package with -gcflags=all=-N -l (no optimizations, no inlining),
    /// what delve needs to step and show variables; blank means <see cref="Release"/>.
    /// </summary>
    public string? Optimize { get; init; }

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
/// <item>Defaults: -trimpath and -ldflags "-s -w" in Release (GoTrimPath/GoStripSymbols override); in Debug
/// -gcflags=all=-N -l instead (Optimize overrides), so a debugger sees symbols, source paths, every variable and every
/// line, as VS Code's Go extension builds for delve.</item>
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

    public static GoBuildFlagsResult Compose(GoBuildFlagsOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var environment = options.Environment;
        var notes = new List<string>();
        string? error = null;
        var trimPath = ReadBool(options.TrimPath, "GoTrimPath", ref error) ?? options.Release;
        var strip = ReadBool(options.StripSymbols, "GoStripSymbols", ref error) ?? options.Release;
        var optimize = ReadBool(options.Optimize, "Optimize", ref error) ?? options.Release;
        var troubleshootProperty = ReadBool(options.Troubleshoot, "GoTroubleshoot", ref error);
        var cgoProperty = ReadBool(options.CgoEnabled, "CgoEnabled", ref error);
        if (error is not null)
        {
            return new GoBuildFlagsResult { Error = error };
        }

        var ldflags = new PerPackageFlag("ldflags");
        var gcflags = new PerPackageFlag("gcflags");
        var tags = new List<string>();
        var extras = new List<string>();
        string? mod = null;
        var raceGiven = false;
        var xGiven = false;
        var buildVcsGiven = false;

        var overrideText = Settings.Trimmed(options.BuildFlags);
        var overrideSource = "GoBuildFlags property";
        if (overrideText is null)
        {
            overrideText = Settings.Get(environment, "GO_BUILD_FLAGS");
            overrideSource = "GO_BUILD_FLAGS environment variable";
        }

        if (overrideText is not null)
        {
            IReadOnlyList<string> tokens;
            try
            {
                tokens = CommandLine.Split(overrideText);
            }
            catch (FormatException e)
            {
                return new GoBuildFlagsResult { Error = $"{overrideSource} can't be read: {e.Message}. Quote with matching ' or \" characters." };
            }

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
                                return new GoBuildFlagsResult { Error = $"{overrideSource}: {token} needs a value." };
                            }

                            value = tokens[++i];
                        }

                        if (name == "ldflags")
                        {
                            error = ldflags.Add(value, overrideSource);
                        }
                        else if (name == "gcflags")
                        {
                            error = gcflags.Add(value, overrideSource);
                        }
                        else if (name == "tags")
                        {
                            AddTags(tags, value);
                        }
                        else if (name == "mod")
                        {
                            mod = value;
                        }
                        else
                        {
                            notes.Add($"-o {value} in {overrideSource} is ignored: GoPack chooses the output path.");
                        }

                        if (error is not null)
                        {
                            return new GoBuildFlagsResult { Error = error };
                        }

                        break;
                    default:
                        raceGiven |= name == "race" && value != "false";
                        xGiven |= name == "x" && value != "false";
                        buildVcsGiven |= name == "buildvcs";
                        extras.Add(token);
                        break;
                }
            }

            notes.Add($"{overrideSource} replaces GoPack's default build flags.");
        }
        else
        {
            if (strip)
            {
                ldflags.AddParts("-s", "-w");
            }

            if (!optimize)
            {
                gcflags.Add("all=-N -l", "Optimize property");
            }
        }

        error = ldflags.Add(options.LdFlags, "GoLdFlags property") ?? gcflags.Add(options.GcFlags, "GoGcFlags property");
        if (error is not null)
        {
            return new GoBuildFlagsResult { Error = error };
        }

        AddTags(tags, options.Tags);

        foreach (var item in options.LinkerSymbols)
        {
            var symbol = item.Trim();
            if (symbol.Length == 0)
            {
                continue;
            }

            var equals = symbol.IndexOf('=');
            if (equals <= 0)
            {
                return new GoBuildFlagsResult { Error = $"GoLinkerSymbol '{symbol}' must be importpath.name=value, e.g. main.version=1.2.3." };
            }

            error = AddSymbol(ldflags, symbol, "GoLinkerSymbol");
            if (error is not null)
            {
                return new GoBuildFlagsResult { Error = error };
            }
        }

        var linkerSymbol = Settings.Get(environment, "GO_LINKER_SYMBOL");
        var linkerValue = Settings.Get(environment, "GO_LINKER_VALUE");
        if (linkerSymbol is not null && linkerValue is not null)
        {
            error = AddSymbol(ldflags, linkerSymbol + "=" + linkerValue, "GO_LINKER_SYMBOL/GO_LINKER_VALUE");
            if (error is not null)
            {
                return new GoBuildFlagsResult { Error = error };
            }
        }
        else if (linkerSymbol is not null || linkerValue is not null)
        {
            notes.Add($"{(linkerSymbol is not null ? "GO_LINKER_SYMBOL" : "GO_LINKER_VALUE")} is ignored: it only works together with {(linkerSymbol is not null ? "GO_LINKER_VALUE" : "GO_LINKER_SYMBOL")}, as on Heroku.");
        }

        IReadOnlyList<string> goflags = (Settings.Get(environment, "GOFLAGS") ?? "").Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        bool GoflagsSets(string flag) => goflags.Any(f => f.StartsWith("-" + flag + "=", StringComparison.Ordinal) || f.StartsWith("--" + flag + "=", StringComparison.Ordinal));

        var arguments = new List<string>();
        if (mod is not null)
        {
            arguments.Add("-mod=" + mod);
        }
        else if (options.HasVendor)
        {
            if (GoflagsSets("mod"))
            {
                notes.Add("vendor/modules.txt exists, but GOFLAGS already chooses -mod, so GoPack does not add -mod=vendor.");
            }
            else
            {
                arguments.Add("-mod=vendor");
                notes.Add("-mod=vendor: vendor/modules.txt exists.");
            }
        }

        if (overrideText is null && trimPath)
        {
            arguments.Add("-trimpath");
        }

        if (options.BuildVcs is bool buildVcs && !buildVcsGiven && !GoflagsSets("buildvcs"))
        {
            arguments.Add(buildVcs ? "-buildvcs=true" : "-buildvcs=false");
        }

        bool troubleshoot;
        var troubleshootSource = "GoTroubleshoot property";
        if (troubleshootProperty is bool property)
        {
            troubleshoot = property;
        }
        else
        {
            troubleshootSource = "CC_TROUBLESHOOT environment variable";
            troubleshoot = ReadEnvironmentBool(environment, "CC_TROUBLESHOOT", notes) ?? false;
        }

        if (troubleshoot && !xGiven)
        {
            arguments.Add("-x");
        }

        var cLibrary = options.BuildMode.IsCLibrary();
        var buildModeSource = "GoBuildMode=" + options.BuildMode.ToFlagValue();
        if (cLibrary && cgoProperty == false)
        {
            return new GoBuildFlagsResult
            {
                ErrorCode = GoPackErrors.InvalidBuildMode,
                Error = $"{buildModeSource} builds a C library, which needs cgo, but the CgoEnabled property turns cgo off. Remove CgoEnabled=false (cgo needs a C compiler: gcc or clang), or build a program (GoBuildMode=exe).",
            };
        }

        if (cLibrary && options.StaticTarget)
        {
            return new GoBuildFlagsResult
            {
                ErrorCode = GoPackErrors.InvalidBuildMode,
                Error = $"{buildModeSource} builds a C library, which needs cgo, but a linux-musl RuntimeIdentifier builds static binaries with cgo off. Use the glibc RuntimeIdentifier (linux-x64, linux-arm64, ...) with a C compiler for it.",
            };
        }

        var cgoExplicit = cgoProperty;
        var cgoSource = "CgoEnabled property";
        if (cgoExplicit is null && options.StaticTarget)
        {
            cgoExplicit = false;
            cgoSource = "linux-musl RuntimeIdentifier (static binaries)";
            if (Settings.Get(environment, "CGO_ENABLED") == "1")
            {
                notes.Add("CGO_ENABLED=1 is not used: a linux-musl RuntimeIdentifier builds static binaries with cgo off.");
            }
        }

        if (cgoExplicit is null)
        {
            cgoSource = "CGO_ENABLED environment variable";
            var variable = Settings.Get(environment, "CGO_ENABLED");
            if (variable == "1" || variable == "0")
            {
                cgoExplicit = variable == "1";
            }
            else if (variable is not null)
            {
                notes.Add($"CGO_ENABLED is '{variable}', which go reads as unset; GoPack uses its default.");
            }
        }

        if (cLibrary && cgoExplicit != true)
        {
            if (cgoExplicit == false)
            {
                notes.Add($"CGO_ENABLED=0 is not used: {buildModeSource} builds a C library, which needs cgo.");
            }

            cgoExplicit = true;
            cgoSource = $"{buildModeSource} (a C library needs cgo)";
        }

        bool cgo;
        if (raceGiven || troubleshoot)
        {
            var raceSource = raceGiven ? overrideSource : troubleshootSource;
            if (cgoExplicit == false)
            {
                if (raceGiven)
                {
                    return new GoBuildFlagsResult { Error = $"{overrideSource} has -race, which needs cgo, but the {cgoSource} turns cgo off. Remove one of them." };
                }

                notes.Add($"-race is left out although {troubleshootSource} asks for it: -race needs cgo, which the {cgoSource} turns off.");
                cgo = false;
            }
            else
            {
                if (!raceGiven)
                {
                    arguments.Add("-race");
                }

                cgo = true;
                if (cgoExplicit is null)
                {
                    cgoSource = $"-race ({raceSource})";
                    notes.Add($"CGO_ENABLED=1 because -race ({raceSource}) needs cgo: a C compiler (gcc or clang) must be installed.");
                }
            }
        }
        else
        {
            cgo = cgoExplicit ?? false;
            if (cgoExplicit is null)
            {
                cgoSource = DefaultCgoSource;
            }
        }

        if (tags.Count > 0)
        {
            arguments.Add("-tags=" + string.Join(",", tags));
        }

        gcflags.Emit(arguments, notes, mergeIntoAll: false);
        ldflags.Emit(arguments, notes, mergeIntoAll: true);
        arguments.AddRange(extras);

        foreach ((var flag, var emitted) in new[] { ("tags", tags.Count > 0), ("gcflags", gcflags.HasValues), ("ldflags", ldflags.HasValues) })
        {
            if (emitted && GoflagsSets(flag))
            {
                notes.Add($"GOFLAGS sets -{flag}, which the -{flag} on go build's command line replaces; move it to the Go{(flag == "tags" ? "Tags" : flag == "gcflags" ? "GcFlags" : "LdFlags")} property.");
            }
        }

        return new GoBuildFlagsResult
        {
            Arguments = arguments,
            CgoEnabled = cgo,
            CgoSource = cgoSource,
            Troubleshoot = troubleshoot,
            Notes = notes,
        };
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

    private static string? AddSymbol(PerPackageFlag ldflags, string symbol, string source)
    {
        var quoted = QuoteFlagElement(symbol);
        if (quoted is null)
        {
            return $"{source}: '{symbol}' holds both ' and \" as well as a space, which go's -ldflags cannot express.";
        }

        ldflags.AddParts("-X", quoted);
        return null;
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

    private static bool? ReadBool(string? value, string property, ref string? error)
    {
        try
        {
            return Settings.ParseBool(value);
        }
        catch (FormatException e)
        {
            error ??= $"{property}: {e.Message}.";
            return null;
        }
    }

    // Platform variables are not ours to reject: an unreadable one is reported and left unset.
    private static bool? ReadEnvironmentBool(IReadOnlyDictionary<string, string>? environment, string name, List<string> notes)
    {
        try
        {
            return Settings.ParseBool(Settings.Get(environment, name));
        }
        catch (FormatException e)
        {
            notes.Add($"{name} is ignored: {e.Message}.");
            return null;
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
                unpatterned = -1;
            }

            if (groups.Count > 1)
            {
                notes.Add($"-{_name} is given for several package patterns ({string.Join(", ", groups.Select(g => g.Pattern ?? "command-line packages"))}); go applies the last one that matches each package.");
            }

            // The plain group last: for the packages on the command line it is then the one go uses.
            foreach (var group in groups.Where(g => g.Pattern is not null).Concat(groups.Where(g => g.Pattern is null)))
            {
                arguments.Add($"-{_name}={(group.Pattern is null ? "" : group.Pattern + "=")}{string.Join(" ", group.Parts)}");
            }
        }

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
