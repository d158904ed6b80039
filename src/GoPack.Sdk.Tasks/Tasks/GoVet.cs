using System;
using System.Collections.Generic;
using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Testing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// `go vet -json` of the project's packages, tests included: each finding is an MSBuild warning at its file, line and
/// column with a code per analyzer (GOVET-printf), so NoWarn, WarningsAsErrors and TreatWarningsAsErrors apply. vet
/// prints its JSON on stderr and exits 0 with findings; a package vet can't type-check (a test file that doesn't
/// compile) is a warning too: the build itself succeeded, and `dotnet test` reports it as the error it is there.
/// vet can run beside go build: a GoVet with StartInBackground starts it and returns, and a later GoVet with the same
/// RunKey collects it (its warnings are logged then, by the collecting task).
/// </summary>
public sealed class GoVet : GoToolTask
{
    private volatile BackgroundTaskRun? _collecting;

    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

    /// <summary>GoVetFlags: analyzer flags (-printf.funcs=Logf, -shadow...), written as on a shell command line.</summary>
    public string? VetFlags { get; set; }

    public bool CgoEnabled { get; set; }

    [Output] public int FindingCount { get; private set; }

    /// <summary>
    /// What names a run started in the background (the vet stamp file): a GoVet with it and StartInBackground starts
    /// vet and returns at once; one with it alone collects that run, or runs vet itself when none was started.
    /// </summary>
    public string? RunKey { get; set; }

    public bool StartInBackground { get; set; }

    private string BackgroundKey => "GoPack.Sdk.GoVet|" + RunKey;

    public override bool Execute()
    {
        try
        {
            CommandLine.Split(VetFlags);
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.InvalidFlags, $"GoVetFlags can't be used: {e.Message}");
            return false;
        }

        if (!string.IsNullOrEmpty(RunKey))
        {
            if (StartInBackground)
            {
                // An engine that can't keep the run (a test host) leaves vet to the collecting GoVet.
                if (BuildEngine is IBuildEngine4 engine)
                {
                    var background = CopyForBackground();
                    BackgroundTaskRun.Start(engine, BackgroundKey, background, background.Cancel);
                }
                return true;
            }

            if (BackgroundTaskRun.Take(BuildEngine, BackgroundKey) is { } run)
            {
                _collecting = run;
                try
                {
                    var succeeded = run.Collect(Log, BuildEngine);
                    FindingCount = run.Task is GoVet vet ? vet.FindingCount : 0;
                    return succeeded && !Log.HasLoggedErrors;
                }
                finally
                {
                    _collecting = null;
                }
            }
        }
        return base.Execute() && !Log.HasLoggedErrors;
    }

    public override void Cancel()
    {
        _collecting?.Cancel();
        base.Cancel();
    }

    /// <summary>This task's parameters on a GoVet that runs now, on a thread of its own, and can't yield the node (this task's engine owns that).</summary>
    private GoVet CopyForBackground() => new GoVet
    {
        GoExecutable = GoExecutable,
        GoRoot = GoRoot,
        WorkingDirectory = WorkingDirectory,
        ProjectFile = ProjectFile,
        FlagLines = FlagLines,
        Verbose = Verbose,
        TargetVariables = TargetVariables,
        ModuleFile = ModuleFile,
        ToolchainVersion = ToolchainVersion,
        EnvironmentVariables = EnvironmentVariables,
        Patterns = Patterns,
        VetFlags = VetFlags,
        CgoEnabled = CgoEnabled,
        MaxConcurrentCommands = MaxConcurrentCommands,
        YieldDuringToolExecution = false,
    };

    protected override IEnumerable<string> GetArguments()
    {
        yield return "vet";
        yield return "-json";
        // Not -trimpath: with it, vet's cgocall analyzer reads the cgo-generated files go cached for the same sources
        // in another directory (another checkout, a deleted copy) from that directory, and fails with "can't parse raw
        // cgo file" (Go 1.19 at least). Paths inside binaries don't matter to vet.
        foreach (var flag in Flags)
        {
            if (flag != "-trimpath" && flag != "-trimpath=true")
            {
                yield return flag;
            }
        }

        foreach (var flag in CommandLine.Split(VetFlags)) yield return flag;
        foreach (var pattern in Patterns) yield return pattern;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        return environment;
    }

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var (findings, other) = VetReportParser.Parse(lines, WorkingDirectory);
        foreach (var finding in findings)
        {
            Log.LogWarning(null, GoTestCodes.VetPrefix + finding.Analyzer, null, finding.File ?? ModuleFile ?? ProjectFileOrTaskNode,
                finding.Line, finding.Column, 0, 0, finding.Message);
        }
        FindingCount = findings.Count;

        var reported = 0;
        foreach (var entry in new GoOutputParser(WorkingDirectory, string.IsNullOrEmpty(ModuleFile) ? null : ModuleFile).Parse(other))
        {
            if (entry.Diagnostic is { } d && d.Severity != GoDiagnosticSeverity.Message)
            {
                Log.LogWarning(null, d.Code, null, d.File ?? ProjectFileOrTaskNode, d.Line, d.Column, 0, 0, "go vet: " + d.Message);
                reported++;
            }
            else if (entry.Text is { } text)
            {
                Log.LogMessage(MessageImportance.Low, text);
            }
        }
        if (exitCode != 0 && reported == 0 && findings.Count == 0)
        {
            Log.LogWarning(null, GoDiagnosticCodes.Unrecognized, null, ModuleFile ?? ProjectFileOrTaskNode, 0, 0, 0, 0,
                $"go vet exited with code {exitCode}: {string.Join(" ", other)}");
        }
    }

    // A failing vet is reported as warnings above; the build goes on.
    protected override bool HandleTaskExecutionErrors() => !Log.HasLoggedErrors && !CanceledWaitingForSlot;

    protected override bool TakesCommandSlot => true;
}
