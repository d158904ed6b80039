using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoPack.Sdk.Functions;

/// <summary>Inputs of <see cref="FunctionsPlanner.Plan"/>.</summary>
public sealed class FunctionsPlanOptions
{
    /// <summary>The project root, full path: the go.mod directory, or the project directory when there is none.</summary>
    public string ProjectRoot { get; init; } = "";

    /// <summary>The go.mod module path; null when there is no go.mod and GoPack lends the project a temporary module.</summary>
    public string? ModulePath { get; init; }

    /// <summary>The Go language version for the temporary module's go line ("1.19").</summary>
    public string GoVersion { get; init; } = "";

    /// <summary>
    /// The project must be a function project (GoFunctions=true, or no go.mod and nothing else to build): finding no
    /// function is then an error. Otherwise a project without functions is simply not one.
    /// </summary>
    public bool Required { get; init; }

    public FunctionAnalysis Analysis { get; init; } = new FunctionAnalysis();

    /// <summary>Every Go file under api/, tests included (<see cref="FunctionSources.Enumerate"/>): the ones go can't read by name are renamed for it.</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>Where the generated files go (obj/&lt;cfg&gt;/_gofunctions: "_" keeps go's ./... patterns out of it, as obj/ is often inside the module), full path.</summary>
    public string IntermediateDirectory { get; init; } = "";

    /// <summary>The binary's file name, for the generated comment and the manifest.</summary>
    public string BinaryName { get; init; } = "";

    /// <summary>Reads a user's source file (tests replace it).</summary>
    public Func<string, byte[]> ReadFile { get; init; } = File.ReadAllBytes;
}

/// <summary>A GoPack error about a function project, at a file's line and column when it has one.</summary>
public sealed record FunctionDiagnostic(string Code, string Message, string? File = null, int Line = 0, int Column = 0);

/// <summary>A file the plan writes: a full path and its text.</summary>
public sealed record GeneratedFile(string Path, string Content);

/// <summary>What <see cref="FunctionsPlanner.Plan"/> decided.</summary>
public sealed class FunctionsPlan
{
    public bool IsFunctionProject { get; init; }

    public IReadOnlyList<FunctionDiagnostic> Errors { get; init; } = Array.Empty<FunctionDiagnostic>();

    public bool Succeeded => Errors.Count == 0;

    public IReadOnlyList<FunctionEndpoint> Functions { get; init; } = Array.Empty<FunctionEndpoint>();

    /// <summary>The module the handlers' import paths start with: the go.mod's, or the temporary module's.</summary>
    public string ModulePath { get; init; } = "";

    /// <summary>No go.mod: the module is GoPack's, seen by go through the overlay.</summary>
    public bool TemporaryModule { get; init; }

    /// <summary>The generated main package's directory as go sees it (it exists only in the overlay).</summary>
    public string MainPackageDirectory { get; init; } = "";

    /// <summary>What go build is given to link the server: "./_gopack/functions".</summary>
    public string MainPackagePattern { get; init; } = "";

    /// <summary>The -overlay file go reads every function project build with.</summary>
    public string OverlayFile { get; init; } = "";

    /// <summary>The routes → functions manifest, in obj/ until the build copies it next to the binary.</summary>
    public string ManifestFile { get; init; } = "";

    public IReadOnlyList<GeneratedFile> Files { get; init; } = Array.Empty<GeneratedFile>();
}

/// <summary>
/// Turns the analysis of api/ into a function project: which files are functions, their routes, the errors Vercel
/// would report, and the files that build them without touching the user's tree. go sees those files through an
/// -overlay: the generated main package (<c>_gopack/functions</c> under the project root), a go.mod when the project has
/// none, and renamed copies of what go can't read as it is (a file named <c>[id].go</c>, whose first character go
/// refuses on a command line; a <c>package main</c> handler of a project without go.mod).
/// </summary>
public static class FunctionsPlanner
{
    /// <summary>The temporary module's path when the project has no go.mod.</summary>
    public const string TemporaryModulePath = "gopack.local/functions";

    /// <summary>The generated main package, relative to the project root. "_" keeps go's ./... patterns away from it.</summary>
    public const string MainPackageRelativeDirectory = "_gopack/functions";

    /// <summary>The name a renamed file gets in front of its own ("[id].go" → "gopack_route_[id].go").</summary>
    public const string RenamePrefix = "gopack_route_";

    /// <summary>The package a <c>package main</c> handler is compiled as when the project has no go.mod.</summary>
    public const string RenamedMainPackage = "handler";

    public static FunctionsPlan Plan(FunctionsPlanOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));

        var root = Path.GetFullPath(options.ProjectRoot).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var temporary = options.ModulePath is null;
        var modulePath = options.ModulePath ?? TemporaryModulePath;
        var files = options.Analysis.Files.Where(f => !f.Excluded).ToList();
        var handlers = files.Where(f => f.Handler is not null).ToList();
        if (!options.Required && handlers.Count == 0)
        {
            return new FunctionsPlan { IsFunctionProject = false };
        }

        string Full(string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        var errors = new List<FunctionDiagnostic>();

        foreach (var file in files.Where(f => f.Error is not null))
        {
            errors.Add(new FunctionDiagnostic(Diagnostics.GoDiagnosticCodes.Compiler, file.Error!.Message, Full(file.Path), file.Error.Line, file.Error.Column));
        }

        foreach (var file in files.Where(f => f.Handler is null))
        {
            foreach (var function in file.Invalid)
            {
                errors.Add(new FunctionDiagnostic(GoPackErrors.FunctionSignatureInvalid,
                    $"{function.Name} in {file.Path} is not an HTTP handler: {function.Problem} ({function.Signature}). " +
                    $"A function under api/ needs exactly `func {function.Name}(w http.ResponseWriter, r *http.Request)`. " +
                    "Fix the signature; if it is a helper, make it unexported or move it out of api/.",
                    Full(file.Path), function.Line, function.Column));
            }
        }

        if (handlers.Count == 0)
        {
            var looked = options.Analysis.Files.Count == 0
                ? "there is no Go file under api/"
                : $"none of the {options.Analysis.Files.Count} Go file(s) under api/ exports a `func Name(w http.ResponseWriter, r *http.Request)`";
            errors.Add(new FunctionDiagnostic(GoPackErrors.FunctionsNotFound,
                $"This is a function project (GoFunctions=true, or no go.mod and no main.go), but {looked}. " +
                "Add one, e.g. api/index.go with `package handler` and `func Handler(w http.ResponseWriter, r *http.Request)`, " +
                "or build the project as something else: remove GoFunctions=true, or add a go.mod with a main package."));
            return new FunctionsPlan { IsFunctionProject = true, Errors = errors };
        }

        var functions = new List<FunctionEndpoint>();
        var shapes = new Dictionary<string, (FunctionRoute Route, string Source)>(StringComparer.Ordinal);
        foreach (var file in handlers)
        {
            if (file.Package == "main" && !temporary)
            {
                errors.Add(new FunctionDiagnostic(GoPackErrors.FunctionPackageMain,
                    $"{file.Path} is `package main`, but its function {file.Handler!.Name} must be imported by the server GoPack generates, and with a go.mod " +
                    "a main package can't be imported. Please change `package main` to `package handler` (any name but main), as Vercel asks.",
                    Full(file.Path), file.PackageLine, file.PackageColumn));
                continue;
            }

            (var routes, var routeError) = FunctionRoute.FromSource(file.Path);
            if (routeError is not null)
            {
                errors.Add(new FunctionDiagnostic(GoPackErrors.FunctionRouteInvalid, $"{file.Path} can't be a function: {routeError}", Full(file.Path)));
                continue;
            }

            foreach (var route in routes)
            {
                if (shapes.TryGetValue(route.Shape, out var other))
                {
                    errors.Add(new FunctionDiagnostic(GoPackErrors.FunctionRouteInvalid,
                        $"{file.Path} and {other.Source} both answer {route.Pattern}{(route.Pattern == other.Route.Pattern ? "" : " (" + other.Route.Pattern + ")")}. " +
                        "Rename or remove one of them.",
                        Full(file.Path)));
                }
                else
                {
                    shapes[route.Shape] = (route, file.Path);
                }
            }

            var directory = file.Path.Substring(0, file.Path.LastIndexOf('/'));
            functions.Add(new FunctionEndpoint
            {
                Source = file.Path,
                Function = file.Handler!.Name,
                PackageName = file.Package == "main" ? RenamedMainPackage : file.Package ?? "",
                ImportPath = modulePath + "/" + directory,
                Routes = routes,
            });
        }

        if (errors.Count > 0)
        {
            return new FunctionsPlan { IsFunctionProject = true, Errors = errors };
        }

        var intermediate = Path.GetFullPath(options.IntermediateDirectory);
        var generated = new List<GeneratedFile>();
        var overlay = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var mainDirectory = Path.Combine(root, MainPackageRelativeDirectory.Replace('/', Path.DirectorySeparatorChar));

        var mainFile = Path.Combine(intermediate, "main.go");
        generated.Add(new GeneratedFile(mainFile, FunctionsMainGenerator.Generate(functions, options.BinaryName)));
        overlay[Path.Combine(mainDirectory, "main.go")] = mainFile;

        if (temporary)
        {
            var goMod = Path.Combine(intermediate, "go.mod");
            generated.Add(new GeneratedFile(goMod,
                $"// A temporary module GoPack lends a function project without go.mod; go sees it through -overlay.\nmodule {TemporaryModulePath}\n\ngo {options.GoVersion}\n"));
            overlay[Path.Combine(root, "go.mod")] = goMod;
        }

        // Copies: package main handlers of a project without go.mod, compiled as package handler. A //line comment
        // keeps every position go reports in the user's file.
        var analyzed = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var copies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (temporary)
        {
            var index = 0;
            foreach (var file in files.Where(f => f.Package == "main" && f.Error is null))
            {
                var source = Full(file.Path);
                var copy = Path.Combine(intermediate, "src", $"{index++}_{SafeFileName(Path.GetFileName(source))}");
                generated.Add(new GeneratedFile(copy, RenamePackage(options.ReadFile(source), file, source)));
                copies[file.Path] = copy;
            }
        }

        foreach (var source in options.Sources)
        {
            var name = source.Substring(source.LastIndexOf('/') + 1);
            var full = Full(source);
            copies.TryGetValue(source, out var copy);
            if (!IsNameGoAccepts(name))
            {
                // go refuses a file whose name starts with "[" (cmd/go's SafeArg): hide it, and show its content
                // under a name go accepts, keeping _test and _GOOS_GOARCH suffixes.
                overlay[full] = "";
                overlay[Path.Combine(Path.GetDirectoryName(full)!, RenamePrefix + name)] = copy ?? full;
            }
            else if (copy is not null)
            {
                overlay[full] = copy;
            }
        }

        var overlayFile = Path.Combine(intermediate, "overlay.json");
        generated.Add(new GeneratedFile(overlayFile, JsonSerializer.Serialize(new OverlayDocument { Replace = overlay }, FunctionsPlannerJson.Default.OverlayDocument) + "\n"));

        var manifestFile = Path.Combine(intermediate, "functions.json");
        generated.Add(new GeneratedFile(manifestFile, Manifest(functions, options.BinaryName, modulePath, temporary)));

        return new FunctionsPlan
        {
            IsFunctionProject = true,
            Functions = functions,
            ModulePath = modulePath,
            TemporaryModule = temporary,
            MainPackageDirectory = mainDirectory,
            MainPackagePattern = "./" + MainPackageRelativeDirectory,
            OverlayFile = overlayFile,
            ManifestFile = manifestFile,
            Files = generated,
        };
    }

    /// <summary>
    /// The manifest tools read (GoFunctionsManifest): every route in the order the server matches them, with the
    /// function, its package and its source file.
    /// </summary>
    public static string Manifest(IReadOnlyList<FunctionEndpoint> functions, string binaryName, string modulePath, bool temporaryModule)
    {
        var routes = FunctionsMainGenerator.Ordered(functions).Select(r => new ManifestRoute
        {
            Route = r.Route.Pattern,
            Parameters = r.Route.Parameters.ToList(),
            Function = r.Function.Function,
            Package = r.Function.ImportPath,
            PackageName = r.Function.PackageName,
            Source = r.Function.Source,
        }).ToList();
        var manifest = new ManifestDocument { Binary = binaryName, Module = modulePath, TemporaryModule = temporaryModule, Routes = routes };
        return JsonSerializer.Serialize(manifest, FunctionsManifestJson.Default.ManifestDocument) + "\n";
    }

    /// <summary>Whether go accepts the file name on its command line: cmd/go's SafeArg wants a letter, digit or non-ASCII first.</summary>
    public static bool IsNameGoAccepts(string name) =>
        name.Length > 0 && (char.IsLetterOrDigit(name[0]) && name[0] < 0x80 || name[0] >= 0x80 || name[0] == '.' || name[0] == '_');

    private static string SafeFileName(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_').ToArray());

    private static string RenamePackage(byte[] content, AnalyzedFile file, string source)
    {
        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        var offset = file.PackageOffset;
        var main = Encoding.UTF8.GetBytes("main");
        if (offset < start || offset + main.Length > content.Length || !content.Skip(offset).Take(main.Length).SequenceEqual(main))
        {
            throw new IOException($"{source} changed since it was analysed; build again.");
        }

        var text = new StringBuilder();
        // The copy's positions are the original's: the copy's second line is line 1, column 1 of the source.
        text.Append("//line ").Append(source).Append(":1:1\n");
        text.Append(Encoding.UTF8.GetString(content, start, offset - start));
        text.Append(RenamedMainPackage);
        text.Append(Encoding.UTF8.GetString(content, offset + main.Length, content.Length - offset - main.Length));
        return text.ToString();
    }

    /// <summary>go build -overlay's file: {"Replace": {path: replacement}} (Go's field name, capitalised).</summary>
    internal sealed class OverlayDocument
    {
        public SortedDictionary<string, string> Replace { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    internal sealed class ManifestDocument
    {
        public int Version { get; set; } = 1;

        public string Binary { get; set; } = "";

        public string Module { get; set; } = "";

        public bool TemporaryModule { get; set; }

        public List<ManifestRoute> Routes { get; set; } = new List<ManifestRoute>();
    }

    internal sealed class ManifestRoute
    {
        public string Route { get; set; } = "";

        public List<string> Parameters { get; set; } = new List<string>();

        public string Function { get; set; } = "";

        public string Package { get; set; } = "";

        public string PackageName { get; set; } = "";

        public string Source { get; set; } = "";
    }
}

/// <summary>
/// The overlay's and the manifest's JSON, generated at compile time. Two contexts because their names differ: the
/// overlay keeps Go's "Replace", the manifest is camelCase.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FunctionsPlanner.OverlayDocument))]
internal sealed partial class FunctionsPlannerJson : JsonSerializerContext
{
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FunctionsPlanner.ManifestDocument))]
internal sealed partial class FunctionsManifestJson : JsonSerializerContext
{
}
