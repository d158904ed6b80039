using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Functions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Runs the functions analyzer (go/parser, go/build) over the Go files under api/ and keeps its JSON in obj/ as the
/// analysis cache (<see cref="FunctionAnalysis"/>). The target around it runs it only when an input changed, so a
/// no-op build starts no process. A failed run leaves no cache, so the next build runs it again.
/// </summary>
public sealed class GoAnalyzeFunctions : ToolTask
{
    private readonly List<string> _output = new List<string>();
    private readonly object _outputLock = new object();
    private string _temporaryOutput = "";

    public GoAnalyzeFunctions()
    {
        YieldDuringToolExecution = true;
        StandardOutputImportance = "low";
        StandardErrorImportance = "low";
    }

    [Required] public string AnalyzerPath { get; set; } = "";

    /// <summary>The project root: the directory holding api/.</summary>
    [Required] public string ProjectRoot { get; set; } = "";

    /// <summary>The analysis cache to write.</summary>
    [Required] public string OutputFile { get; set; } = "";

    /// <summary>ComputeGoBuildFlags' FlagLines: their -tags select files, as for go build.</summary>
    public string? FlagLines { get; set; }

    public bool CgoEnabled { get; set; }

    public string? ProjectFile { get; set; }

    protected override string ToolName => Path.GetFileName(AnalyzerPath);

    protected override string GenerateFullPathToTool() => AnalyzerPath;

    protected override string GetWorkingDirectory() => ProjectRoot;

    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    protected override string GenerateCommandLineCommands()
    {
        var arguments = new List<string> { "-root", ProjectRoot, "-files", ListFile, "-o", _temporaryOutput };
        var tags = Tags(FlagLines, Environment.GetEnvironmentVariable("GOFLAGS"));
        if (tags is not null)
        {
            arguments.Add("-tags");
            arguments.Add(tags);
        }

        return CommandLine.Join(arguments);
    }

    private string ListFile => OutputFile + ".files";

    /// <summary>The build tags go build will use: the last -tags of the flags, else of GOFLAGS.</summary>
    public static string? Tags(string? flagLines, string? goflags)
    {
        static string? Last(IEnumerable<string> flags)
        {
            string? tags = null;
            var list = flags.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var flag = list[i].TrimStart('-');
                if (flag.StartsWith("tags=", StringComparison.Ordinal)) tags = flag.Substring(5);
                else if (flag == "tags" && list[i].StartsWith("-", StringComparison.Ordinal) && i + 1 < list.Count) tags = list[++i];
            }

            return tags;
        }

        return Last((flagLines ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimEnd('\r')))
            ?? Last((goflags ?? "").Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries));
    }

    protected override System.Diagnostics.ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var startInfo = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        // go/build reads CGO_ENABLED to decide whether files importing "C" are part of the build.
        startInfo.EnvironmentVariables["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        return startInfo;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        lock (_outputLock) _output.Add(singleLine);
        base.LogEventsFromTextOutput(singleLine, messageImportance);
    }

    public override bool Execute()
    {
        if (File.Exists(OutputFile)) File.Delete(OutputFile);
        var directory = Path.GetDirectoryName(Path.GetFullPath(OutputFile))!;
        Directory.CreateDirectory(directory);
        var sources = FunctionSources.Enumerate(ProjectRoot, includeTests: false);
        File.WriteAllText(ListFile, string.Join("\n", sources) + "\n", new UTF8Encoding(false));
        _temporaryOutput = OutputFile + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        try
        {
            if (!base.Execute() || !File.Exists(_temporaryOutput))
            {
                if (!Log.HasLoggedErrors) Fail("it ended without writing its result");
                return false;
            }

            var json = File.ReadAllText(_temporaryOutput);
            FunctionAnalysis.Parse(json);
            Execution.AtomicFile.WriteAllText(OutputFile, json);
            Log.LogMessage(MessageImportance.Normal, "Analysed {0} Go file(s) under {1}api/", sources.Count, ProjectRoot);
            return true;
        }
        catch (FormatException e)
        {
            Fail(e.Message);
            return false;
        }
        finally
        {
            if (File.Exists(_temporaryOutput)) File.Delete(_temporaryOutput);
        }
    }

    protected override bool HandleTaskExecutionErrors()
    {
        string text;
        lock (_outputLock) text = string.Join(" ", _output.Select(l => l.Trim()).Where(l => l.Length > 0));
        Fail(text.Length == 0 ? $"it exited with code {ExitCode}" : text);
        return false;
    }

    private void Fail(string why)
    {
        Log.GoPackError(GoPackErrors.FunctionsAnalyzerFailed,
            $"The functions analyzer '{AnalyzerPath}' failed: {why}. Delete it so the next build compiles it again (or set GoToolsCache to another folder).",
            GoPackLog.ProjectAnchor(ProjectFile, BuildEngine));
    }
}
