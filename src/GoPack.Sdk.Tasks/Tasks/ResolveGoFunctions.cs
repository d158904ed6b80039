using System;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;
using GoPack.Sdk.Functions;
using GoPack.Sdk.Project;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Decides whether the project is a function project from the cached analysis of api/ (<see cref="FunctionsPlanner"/>),
/// reports what Vercel would refuse, and writes what builds it into obj/: the generated main package, the -overlay
/// file, the temporary go.mod, renamed copies, the manifest. Starts no process; a file is rewritten only when its
/// content changes, so an unchanged project stays up to date.
/// </summary>
public sealed class ResolveGoFunctions : GoPackTask
{
    /// <summary>GoFunctions: true forces a function project; empty decides from api/.</summary>
    public string? Functions { get; set; }

    /// <summary>The project kind the main packages leave: DetectGo's, or library when there is no main package.</summary>
    [Required] public string ProjectKind { get; set; } = "";

    [Required] public string ProjectRoot { get; set; } = "";

    /// <summary>The go.mod's module path; empty without a go.mod.</summary>
    public string? ModulePath { get; set; }

    public string? ModFile { get; set; }

    /// <summary>The go.work go uses, if any: a workspace without a go.mod at its root can't lend a temporary module.</summary>
    public string? WorkFile { get; set; }

    /// <summary>GoToolchainVersion ("1.19.8"): the temporary go.mod's go line.</summary>
    public string? ToolchainVersion { get; set; }

    /// <summary>The analysis cache GoAnalyzeFunctions wrote; missing (design-time build): nothing is decided.</summary>
    [Required] public string AnalysisFile { get; set; } = "";

    [Required] public string IntermediateDirectory { get; set; } = "";

    /// <summary>Where go build writes the server (the intermediate binary directory).</summary>
    [Required] public string IntermediateBinDirectory { get; set; } = "";

    /// <summary>The binary's final path, $(GoTargetPath).</summary>
    [Required] public string OutputPath { get; set; } = "";

    public string? FlagLines { get; set; }

    /// <summary>$(GoExecutableSuffix): ".exe" when go builds for Windows.</summary>
    public string? ExecutableSuffix { get; set; }

    [Output] public bool IsFunctionProject { get; private set; }

    /// <summary>The server's main package, as a GoMainPackage item.</summary>
    [Output] public ITaskItem[] MainPackages { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>One item per route, with Function, Package, Source and Parameters metadata.</summary>
    [Output] public ITaskItem[] Routes { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>FlagLines with -overlay added: every go command of a function project must see the overlay.</summary>
    [Output] public string ResolvedFlagLines { get; private set; } = "";

    /// <summary>With a go.mod every package is compiled as a check; without one only what the server imports.</summary>
    [Output] public bool NeedsCompileCheck { get; private set; }

    [Output] public string OverlayFile { get; private set; } = "";

    [Output] public string ManifestFile { get; private set; } = "";

    [Output] public ITaskItem[] GeneratedFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        ResolvedFlagLines = FlagLines ?? "";
        bool? forced;
        try
        {
            forced = Settings.ParseBool(Functions);
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.InvalidProperty, $"GoFunctions is {e.Message}: set it to true (a function project), false (never one), or leave it empty (decided from api/).");
            return false;
        }

        var kind = ProjectKind.Trim().ToLowerInvariant();
        if (forced == true && kind != "module" && kind != "library" && kind != "functions" && kind != "file")
        {
            LogGoPackError(GoPackErrors.FunctionsNotFound,
                $"GoFunctions=true, but this is a {kind} project: GoPack builds functions from the api/ folder of a go.mod module, or of a folder without go.mod. " +
                "Point GoModuleDir at that folder, or remove GoFunctions.");
            return false;
        }

        var temporary = string.IsNullOrWhiteSpace(ModFile);
        if (temporary && !string.IsNullOrWhiteSpace(WorkFile))
        {
            // go would look for the temporary module in go.work's use lines, and not find it.
            if (forced == true)
            {
                LogGoPackError(GoPackErrors.FunctionsNotFound,
                    $"GoFunctions=true, but '{ProjectRoot}' is a go.work workspace without a go.mod of its own: the functions under api/ must belong to a module. " +
                    "Run `go mod init` there and add it to go.work (`go work use .`), or point GoModuleDir at the module that holds api/.");
                return false;
            }

            return true;
        }

        if (!File.Exists(AnalysisFile))
        {
            Log.LogMessage(MessageImportance.Low, "No functions analysis yet ({0}): the first build decides.", AnalysisFile);
            return true;
        }

        FunctionAnalysis analysis;
        try
        {
            analysis = FunctionAnalysis.Parse(File.ReadAllText(AnalysisFile));
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.FunctionsAnalyzerFailed, $"The functions analysis '{AnalysisFile}' can't be read: {e.Message} Build again to analyse api/ afresh.");
            File.Delete(AnalysisFile);
            return false;
        }

        var root = ProjectRoot.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        FunctionsPlan plan;
        try
        {
            plan = FunctionsPlanner.Plan(new FunctionsPlanOptions
            {
                ProjectRoot = root,
                ModulePath = temporary ? null : ModulePath,
                GoVersion = LanguageVersion(ToolchainVersion),
                Required = forced == true || kind == "functions",
                Analysis = analysis,
                Sources = FunctionSources.Enumerate(root, includeTests: true),
                IntermediateDirectory = IntermediateDirectory,
                BinaryName = Path.GetFileName(OutputPath),
            });
        }
        catch (IOException e)
        {
            LogGoPackError(GoPackErrors.FunctionsAnalyzerFailed, $"GoPack can't prepare the function project: {e.Message}");
            return false;
        }

        foreach (var error in plan.Errors)
        {
            Log.GoPackError(error.Code, error.Message, error.File ?? GoPackLog.ProjectAnchor(ProjectFile, BuildEngine), error.Line, error.Column);
        }

        if (!plan.Succeeded) return false;
        if (!plan.IsFunctionProject)
        {
            Log.LogMessage(MessageImportance.Low, "No function under api/: not a function project.");
            return true;
        }

        foreach (var file in plan.Files) WriteIfChanged(file);

        IsFunctionProject = true;
        OverlayFile = plan.OverlayFile;
        ManifestFile = plan.ManifestFile;
        NeedsCompileCheck = !plan.TemporaryModule;
        ResolvedFlagLines = (string.IsNullOrEmpty(FlagLines) ? "" : FlagLines + "\n") + "-overlay=" + plan.OverlayFile;
        GeneratedFiles = plan.Files.Select(f => (ITaskItem)LiteralItems.Create(f.Path)).ToArray();

        var main = LiteralItems.Create(plan.MainPackagePattern);
        main.SetLiteral("PackageDirectory", plan.MainPackageDirectory);
        main.SetLiteral("BinaryName", Path.GetFileNameWithoutExtension(OutputPath));
        main.SetLiteral("IntermediatePath", Path.Combine(IntermediateBinDirectory, Path.GetFileName(plan.MainPackageDirectory) + ExecutableSuffix));
        main.SetLiteral("OutputPath", OutputPath);
        main.SetLiteral("Source", "functions under api/");
        MainPackages = new ITaskItem[] { main };

        Routes = FunctionsMainGenerator.Ordered(plan.Functions).Select(r =>
        {
            var item = new TaskItem(r.Route.Pattern);
            item.SetMetadata("Function", r.Function.Function);
            item.SetMetadata("Package", r.Function.ImportPath);
            item.SetLiteral("Source", Path.Combine(root, r.Function.Source.Replace('/', Path.DirectorySeparatorChar)));
            item.SetMetadata("Parameters", string.Join(";", r.Route.Parameters));
            return (ITaskItem)item;
        }).ToArray();

        Log.LogMessage(MessageImportance.Normal, "Function project: {0} function(s), {1} route(s){2}.", plan.Functions.Count, Routes.Length,
            plan.TemporaryModule ? $" (no go.mod: temporary module {plan.ModulePath})" : "");
        foreach (var route in Routes)
        {
            Log.LogMessage(MessageImportance.Normal, "  {0} → {1}.{2} ({3})", route.ItemSpec, route.GetMetadata("Package"), route.GetMetadata("Function"), route.GetMetadata("Source"));
        }

        return true;
    }

    /// <summary>"1.19.8" → "1.19": a go line any toolchain of that release accepts.</summary>
    public static string LanguageVersion(string? toolchainVersion)
    {
        var parts = (toolchainVersion ?? "").TrimStart('g', 'o').Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out _) && int.TryParse(new string(parts[1].TakeWhile(char.IsDigit).ToArray()), out var minor)
            ? parts[0] + "." + minor.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "1.16";
    }

    private void WriteIfChanged(GeneratedFile file)
    {
        if (File.Exists(file.Path) && File.ReadAllText(file.Path) == file.Content) return;
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        Execution.AtomicFile.WriteAllText(file.Path, file.Content);
        Log.LogMessage(MessageImportance.Low, "Wrote {0}", file.Path);
    }
}
