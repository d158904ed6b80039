using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Testing;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Runs staticcheck or golangci-lint (GoLint=true) on the project's packages; each <c>file:line:col: message (code)</c>
/// line it prints is a warning GOLINT-code. A linter that isn't installed is a warning (GOPACK0043), never a failure.
/// </summary>
public sealed class GoLint : GoToolTask
{
    private string? _tool;

    [Required] public string[] Patterns { get; set; } = Array.Empty<string>();

    /// <summary>GoLintTool: staticcheck, golangci-lint, or a path; empty: golangci-lint, else staticcheck (Debian: go-staticcheck).</summary>
    public string? Tool { get; set; }

    /// <summary>GoLintFlags: more arguments for the linter.</summary>
    public string? LintFlags { get; set; }

    public bool CgoEnabled { get; set; }

    /// <summary>False when no linter was found: the target then leaves its stamp alone, so the warning comes back.</summary>
    [Output] public bool Ran { get; private set; }

    public override bool Execute()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE");
        var gopath = Environment.GetEnvironmentVariable("GOPATH");
        // `go install` puts tools in $GOPATH/bin (default ~/go/bin), which is often not on PATH.
        var search = string.Join(Path.PathSeparator.ToString(), new[] { path, gopath is null ? null : Path.Combine(gopath, "bin"), home is null ? null : Path.Combine(home, "go", "bin") }.Where(p => !string.IsNullOrEmpty(p)));
        var candidates = string.IsNullOrWhiteSpace(Tool) ? new[] { "golangci-lint", "staticcheck", "go-staticcheck" } : new[] { Tool!.Trim() };
        _tool = candidates.Select(c => ExecutableSearch.Find(c, search)).FirstOrDefault(f => f is not null);
        if (_tool is null)
        {
            Log.LogWarning(null, GoPackErrors.LinterNotFound, null, ProjectFileOrTaskNode, 0, 0, 0, 0,
                $"GoLint=true, but {string.Join(" or ", candidates)} was not found on PATH or in ~/go/bin. Install one (go install honnef.co/go/tools/cmd/staticcheck@latest), set GoLintTool to its path, or set GoLint=false.");
            return true;
        }
        try
        {
            CommandLine.Split(LintFlags);
        }
        catch (FormatException e)
        {
            LogGoPackError(GoPackErrors.InvalidFlags, $"GoLintFlags can't be used: {e.Message}");
            return false;
        }
        Ran = true;
        return base.Execute() && !Log.HasLoggedErrors;
    }

    private bool IsGolangciLint => Path.GetFileNameWithoutExtension(_tool ?? "").StartsWith("golangci-lint", StringComparison.OrdinalIgnoreCase);

    protected override string ToolName => Path.GetFileName(_tool ?? "staticcheck");

    protected override string GenerateFullPathToTool() => _tool ?? "staticcheck";

    protected override IEnumerable<string> GetArguments()
    {
        if (IsGolangciLint) yield return "run";
        foreach (var flag in CommandLine.Split(LintFlags)) yield return flag;
        foreach (var pattern in Patterns) yield return pattern;
    }

    protected override IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = base.GetEnvironmentOverrides();
        environment["CGO_ENABLED"] = CgoEnabled ? "1" : "0";
        // The linters run go themselves: the chosen toolchain first on PATH.
        environment["PATH"] = Path.Combine(GoRoot, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        return environment;
    }

    protected override void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var (findings, other) = LintOutputParser.Parse(lines, WorkingDirectory, Path.GetFileNameWithoutExtension(_tool ?? "lint"));
        foreach (var finding in findings)
        {
            Log.LogWarning(null, GoTestCodes.LintPrefix + finding.Code, null, finding.File, finding.Line, finding.Column, 0, 0, finding.Message);
        }
        foreach (var line in other) Log.LogMessage(MessageImportance.Low, line);
        if (exitCode != 0 && findings.Count == 0)
        {
            Log.LogWarning(null, GoTestCodes.LintPrefix + "failed", null, ProjectFileOrTaskNode, 0, 0, 0, 0,
                $"{Path.GetFileName(_tool)} exited with code {exitCode}: {string.Join(" ", other.Select(l => l.Trim()).Where(l => l.Length > 0))}");
        }
    }

    // Findings are warnings; a linter's non-zero exit for them is not a build failure.
    protected override bool HandleTaskExecutionErrors() => !Log.HasLoggedErrors;
}
