using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Testing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// `gofmt -l` of the project's Go files (vendor/ left out): each file gofmt would change is a GOFMT0001 warning
/// (GoFormatCheck=true), or, with Write (`dotnet build -t:GoFormat`), `gofmt -l -w` rewrites it and says so.
/// </summary>
public sealed class GoFormat : GoToolTask
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Rewrite the files (like `dotnet format`) instead of warning about them.</summary>
    public bool Write { get; set; }

    [Output] public string[] UnformattedFiles { get; private set; } = Array.Empty<string>();

    private string[] Paths => Files.Select(f => f.GetMetadata("FullPath"))
        .Where(p => p.IndexOf("/vendor/", StringComparison.Ordinal) < 0 && p.IndexOf("\\vendor\\", StringComparison.Ordinal) < 0)
        .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToArray();

    public override bool Execute()
    {
        if (Paths.Length == 0) return true;
        return base.Execute() && !Log.HasLoggedErrors;
    }

    protected override string ToolName => "gofmt";

    protected override string GenerateFullPathToTool()
    {
        var name = Path.GetFileName(GoExecutable).EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? "gofmt.exe" : "gofmt";
        return Path.Combine(GoRoot, "bin", name);
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(GenerateFullPathToTool()))
        {
            LogGoPackError(GoPackErrors.GoNotStartable, $"gofmt was not found at '{GenerateFullPathToTool()}'. Reinstall Go, or set GoFormatCheck=false.");
            return false;
        }
        return base.ValidateParameters();
    }

    protected override IEnumerable<string> GetArguments()
    {
        yield return "-l";
        if (Write) yield return "-w";
        foreach (var path in Paths) yield return path;
    }

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var listed = new List<string>();
        var errors = new List<string>();
        foreach (var line in lines.Where(l => l.Trim().Length > 0))
        {
            var path = line.Trim();
            if (File.Exists(path)) listed.Add(path);
            else errors.Add(line);
        }
        UnformattedFiles = listed.ToArray();
        foreach (var file in listed)
        {
            if (Write)
            {
                Log.LogMessage(MessageImportance.High, $"Formatted {file}");
            }
            else
            {
                Log.LogWarning(null, GoTestCodes.FormatCheck, null, file, 0, 0, 0, 0,
                    "The file is not formatted as gofmt formats it. Run `dotnet build -t:GoFormat` (or gofmt -w) to format it.");
            }
        }
        // A file gofmt can't parse: the compiler reports it with its position; say it here without failing twice.
        if (errors.Count > 0) base.ReportOutput(errors, 0);
        if (exitCode != 0 && errors.Count > 0)
        {
            Log.LogWarning(null, GoTestCodes.FormatCheck, null, ProjectFileOrTaskNode, 0, 0, 0, 0, "gofmt could not read every file: " + string.Join(" ", errors.Select(e => e.Trim())));
        }
    }

    protected override bool HandleTaskExecutionErrors() => !Log.HasLoggedErrors;
}
