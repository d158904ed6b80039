using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Runs one build hook (Scalingo's bin/go-pre-compile, Clever Cloud's CC_PRE_BUILD_HOOK, GoPreBuildCommand, and the
/// post-build ones) through the shell, in the module directory, with the chosen Go first on PATH. Its output is
/// shown as it comes; a non-zero exit fails the build with GOPACK0015 and the output's last lines.
/// </summary>
public sealed class GoHook : ToolTask
{
    private readonly List<string> _tail = new List<string>();

    public GoHook()
    {
        YieldDuringToolExecution = true;
    }

    /// <summary>Shell command text, or the path of an executable file.</summary>
    [Required] public string Command { get; set; } = "";

    /// <summary>Command is the path of an executable file (bin/go-pre-compile), to be quoted for the shell.</summary>
    public bool IsFile { get; set; }

    /// <summary>For messages: "pre-build hook bin/go-pre-compile".</summary>
    [Required] public string HookName { get; set; } = "";

    [Required] public string WorkingDirectory { get; set; } = "";
    public string? GoRoot { get; set; }
    public string? OutputDirectory { get; set; }
    public string? Configuration { get; set; }
    public string? ProjectFile { get; set; }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    protected override string ToolName => IsWindows ? "cmd.exe" : "sh";

    protected override string GenerateFullPathToTool() =>
        IsWindows ? Path.Combine(Environment.SystemDirectory, "cmd.exe") : "/bin/sh";

    protected override string GenerateCommandLineCommands() =>
        IsWindows ? "/d /s /c \"" + ShellCommand + "\"" : CommandLine.Join(new[] { "-c", ShellCommand });

    private string ShellCommand =>
        !IsFile ? Command
        : IsWindows ? "\"" + Command + "\""
        : "'" + Command.Replace("'", "'\\''") + "'";

    protected override string GetWorkingDirectory() => WorkingDirectory;

    // ToolTask turns every backslash into a slash on Unix; a hook's shell command must reach the shell unchanged.
    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var startInfo = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        if (!string.IsNullOrEmpty(GoRoot))
        {
            startInfo.EnvironmentVariables["GOROOT"] = GoRoot;
            startInfo.EnvironmentVariables["PATH"] = SearchPath.Prepend(Path.Combine(GoRoot, "bin"), Environment.GetEnvironmentVariable("PATH"));
        }
        startInfo.EnvironmentVariables["GOPACK_OUTPUT_DIR"] = OutputDirectory ?? "";
        startInfo.EnvironmentVariables["GOPACK_CONFIGURATION"] = Configuration ?? "";
        return startInfo;
    }

    protected override void LogToolCommand(string message) =>
        Log.LogMessage(MessageImportance.Normal, "Running {0}: {1}", HookName, Command);

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        lock (_tail)
        {
            _tail.Add(singleLine);
            if (_tail.Count > 5) _tail.RemoveAt(0);
        }
        Log.LogMessage(MessageImportance.High, "  {0}", singleLine);
    }

    protected override bool HandleTaskExecutionErrors()
    {
        string tail;
        lock (_tail) tail = string.Join(" | ", _tail);
        Log.GoPackError(GoPackErrors.HookFailed,
            $"The {HookName} failed with exit code {ExitCode}" + (tail.Length > 0 ? ": " + tail : ".") + " Fix the hook, or remove it to build without it.",
            GoPackLog.ProjectAnchor(ProjectFile, BuildEngine));
        return false;
    }
}
