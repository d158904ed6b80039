using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using GoPack.Sdk.Common;
using GoPack.Sdk.Diagnostics;
using GoPack.Sdk.Execution;
using GoPack.Sdk.Modules;
using GoPack.Sdk.Project;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Runs one go command and turns its output into MSBuild diagnostics with file, line, column and a GO code.
/// ToolTask gives us cancellation (Ctrl+C kills the go process tree) and yielding the node while go runs.
/// </summary>
public abstract class GoToolTask : ToolTask
{
    private readonly List<string> _output = new List<string>();
    private readonly object _outputLock = new object();
    private volatile bool _canceled;
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

    // Private module credentials (GO_GIT_CRED__*, GIT_CREDENTIALS) reach git through go's environment only, and
    // every line this task logs is masked with them.
    private readonly GitCredentials _credentials = GitCredentials.FromEnvironment(TaskEnvironment.Snapshot());

    protected GoToolTask()
    {
        YieldDuringToolExecution = true;
        StandardOutputImportance = "low";
        StandardErrorImportance = "low";
    }

    [Required] public string GoExecutable { get; set; } = "";
    [Required] public string GoRoot { get; set; } = "";
    [Required] public string WorkingDirectory { get; set; } = "";

    /// <summary>$(MSBuildProjectFullPath): where errors without a file of their own point.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>ComputeGoBuildFlags' FlagLines: go build flags, one per line (see there why not a string[]).</summary>
    public string? FlagLines { get; set; }

    protected IEnumerable<string> Flags =>
        (FlagLines ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimEnd('\r'));

    /// <summary>
    /// $(GoMaxConcurrentCommands): how many compiling go commands (go build, go vet) may run at once on this machine,
    /// across MSBuild nodes and builds (GoCommandSlots); 0 or less: no limit. Commands that don't compile ignore it.
    /// </summary>
    public int MaxConcurrentCommands { get; set; }

    /// <summary>The build was canceled while this task waited for a slot: go never ran.</summary>
    protected bool CanceledWaitingForSlot { get; private set; }

    /// <summary>Whether this command compiles, and so waits for one of MaxConcurrentCommands' slots.</summary>
    protected virtual bool TakesCommandSlot => false;

    /// <summary>Show go's own output (-x command traces, -v package names) at normal verbosity, as troubleshooting asks.</summary>
    public bool Verbose { get; set; }

    /// <summary>
    /// ResolveGoTarget's TargetVariables: GOOS=…, GOARCH=…, GOARM=… lines a RuntimeIdentifier or the Go* properties
    /// decided. go list must see them too: build constraints (_windows.go, //go:build arm64) depend on them.
    /// </summary>
    public string? TargetVariables { get; set; }

    /// <summary>go.mod (or go.work) that module errors without a position are attached to.</summary>
    public string? ModuleFile { get; set; }

    /// <summary>$(GoToolchainVersion): the Go that runs, named in GO2001 ("module requires Go X").</summary>
    public string? ToolchainVersion { get; set; }

    protected override string ToolName => Path.GetFileName(GoExecutable);

    protected override string GenerateFullPathToTool() => GoExecutable;

    protected override string GetWorkingDirectory() => WorkingDirectory;

    protected override string GenerateCommandLineCommands() => CommandLine.Join(GetArguments());

    // ToolTask turns every backslash into a slash on Unix (for tools written for Windows paths); go's arguments
    // (-ldflags values, -X strings, templates) are already what go must see.
    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    /// <summary>The go subcommand and its arguments.</summary>
    protected abstract IEnumerable<string> GetArguments();

    /// <summary>Environment set for go on top of the inherited one. Logged at normal verbosity.</summary>
    protected virtual IDictionary<string, string> GetEnvironmentOverrides()
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            // The chosen toolchain must not be second-guessed by a GOROOT left in the environment.
            ["GOROOT"] = GoRoot,
        };
        // GoPack chose the toolchain; go must not switch to another one behind MSBuild's back.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOTOOLCHAIN"))) environment["GOTOOLCHAIN"] = "local";
        foreach (var line in (TargetVariables ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=');
            if (equals > 0) environment[line.Substring(0, equals).Trim()] = line.Substring(equals + 1).Trim();
        }
        return environment;
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(GoExecutable))
        {
            LogGoPackError(GoPackErrors.GoNotStartable, $"The go executable '{GoExecutable}' does not exist. Check the GoRoot property or reinstall Go.");
            return false;
        }
        if (!Directory.Exists(WorkingDirectory))
        {
            LogGoPackError(GoPackErrors.ModuleDirectoryMissing, $"The Go module directory '{WorkingDirectory}' does not exist.");
            return false;
        }
        return base.ValidateParameters();
    }

    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var startInfo = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        foreach (var pair in GetEnvironmentOverrides()) startInfo.EnvironmentVariables[pair.Key] = pair.Value;
        foreach (var pair in _credentials.EnvironmentVariables) startInfo.EnvironmentVariables[pair.Key] = pair.Value;
        return startInfo;
    }

    protected override void LogToolCommand(string message)
    {
        var environment = string.Join(" ", GetEnvironmentOverrides().Select(p => p.Key + "=" + CommandLine.Join(new[] { p.Value })));
        Log.LogCommandLine(MessageImportance.Normal, _credentials.Mask($"{environment} {CommandLine.Join(new[] { GenerateFullPathToTool() })} {GenerateCommandLineCommands()}"));
    }

    /// <summary>
    /// Longer lines of go's output are cut when they are captured: go quotes what it can't read (a 1 MB go.mod line
    /// came back as a 1 MB error, printed twice), and a log line that long helps no one. GoTest keeps its JSON whole.
    /// </summary>
    protected virtual int MaxLineLength => LogText.MaxLineLength;

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        // A GOPROXY or module URL with user:password@ in it is the user's secret too, wherever go quotes it.
        var line = UrlRedaction.RedactUserInfo(_credentials.Mask(singleLine));
        lock (_outputLock) _output.Add(LogText.Shorten(line, MaxLineLength));
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        _output.Clear();
        int exitCode;
        try
        {
            exitCode = TakesCommandSlot && MaxConcurrentCommands > 0
                ? ExecuteInCommandSlot(pathToTool, responseFileCommands, commandLineCommands)
                : base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        }
        catch (OperationCanceledException)
        {
            // Canceled while waiting for a slot: go never started, and there is nothing to report.
            CanceledWaitingForSlot = true;
            return -1;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // ToolTask would report MSB6003 with a stack trace. E2BIG (a command line past the OS's limit, e.g. a
            // module path a megabyte long), EACCES (a go without its execute bit) and ENOEXEC are the user's to fix.
            LogGoPackError(GoPackErrors.GoNotStartable,
                $"'{pathToTool}' could not be started: {e.Message} (the command line is {commandLineCommands.Length:N0} characters: " +
                $"{LogText.Shorten(commandLineCommands, 300)}). Check that the file is an executable Go toolchain (GoRoot), and that go.mod's module path and the build's settings are of a sensible length.");
            return -1;
        }

        string[] lines;
        lock (_outputLock) lines = _output.ToArray();
        ReportOutput(lines, exitCode);
        // An error found in a successful go's output (GoList: a "go" that isn't Go) fails the task like go's own.
        return exitCode == 0 && Log.HasLoggedErrors ? -1 : exitCode;
    }

    /// <summary>
    /// Runs go in a slot, waiting for it with the node yielded, so the node builds other projects meanwhile. The yield
    /// is this method's, not ToolTask's (which yields inside its ExecuteTool, after go started, and reacquires before
    /// returning): holding a slot while waiting to reacquire a node that runs a task waiting for that slot deadlocked
    /// `dotnet build -m`. Here the slot is let go of before the node is asked back. Before the slot, the command waits
    /// for the first of its kind on the machine, if that one still runs (GoCommandSlots.WaitForFirstOfKind); the order
    /// (first, then slot; a running command waits for nothing) keeps waits from ever forming a cycle.
    /// </summary>
    private int ExecuteInCommandSlot(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var yieldSetting = YieldDuringToolExecution;
        var yields = yieldSetting && BuildEngine is IBuildEngine3;
        if (yields) ((IBuildEngine3)BuildEngine).Yield();
        YieldDuringToolExecution = false;
        try
        {
            using var first = WaitForFirstOfKind();
            int exitCode;
            using (AcquireCommandSlot())
            {
                exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
            }

            if (exitCode == 0) first.Succeeded();
            return exitCode;
        }
        finally
        {
            YieldDuringToolExecution = yieldSetting;
            if (yields) ((IBuildEngine3)BuildEngine).Reacquire();
        }
    }

    private GoCommandSlots.FirstOfKind WaitForFirstOfKind()
    {
        var environment = TaskEnvironment.Snapshot();
        var cache = GoBuildCache.Directory(environment);
        if (cache is null) return GoCommandSlots.FirstOfKind.NotFirst; // GOCACHE=off: nothing to share
        var verb = GetArguments().FirstOrDefault() ?? "";
        return LoggedWait(
            told => GoCommandSlots.WaitForFirstOfKind(GoCommandSlots.DefaultDirectory, FirstOfKindKey(verb, cache, environment), () => GoBuildCache.Generation(cache), _cancellation.Token,
                waiting: told,
                unlimited: why => Log.LogMessage(MessageImportance.Low, $"go starts without waiting for a first go {verb}: {why}.")),
            $"Waiting for the first go {verb} of this toolchain and these flags on this machine to finish: it compiles what this one then takes from go's build cache.",
            $"the first go {verb}");
    }

    /// <summary>Runs a wait, saying so when it has to wait (<c>told</c>) and, after, how long it waited.</summary>
    private T LoggedWait<T>(Func<Action, T> wait, string waitingMessage, string waitedFor)
    {
        var started = DateTime.UtcNow;
        var waited = false;
        var result = wait(() =>
        {
            waited = true;
            Log.LogMessage(MessageImportance.Normal, waitingMessage);
        });
        if (waited) Log.LogMessage(MessageImportance.Low, $"Waited {(DateTime.UtcNow - started).TotalSeconds:0.0} s for {waitedFor}.");
        return result;
    }

    /// <summary>
    /// Commands of one kind share what they compile through go's build cache: the same go, verb, flags, environment
    /// GoPack sets, and the variables that move or change the cache. Only a hash is kept (the values may be secret).
    /// Two kinds taken for one only cost time (the second doesn't wait), never a result.
    /// </summary>
    private string FirstOfKindKey(string verb, string cache, IReadOnlyDictionary<string, string> environment)
    {
        var parts = new List<string> { GoExecutable, FileStamps.Stamp(GoExecutable), verb };
        parts.AddRange(Flags);
        parts.AddRange(GetEnvironmentOverrides().Select(p => p.Key + "=" + p.Value));
        parts.Add(cache);
        parts.AddRange(new[] { "GOFLAGS", "GOEXPERIMENT", "CGO_ENABLED" }
            .Select(n => n + "=" + (environment.TryGetValue(n, out var value) ? value : "")));
        return Hex.Sha256(string.Join("\n", parts), bytes: 16);
    }

    private IDisposable AcquireCommandSlot() =>
        LoggedWait(
            told => GoCommandSlots.Acquire(GoCommandSlots.DefaultDirectory, MaxConcurrentCommands, _cancellation.Token,
                waiting: _ => told(),
                unlimited: why => Log.LogMessage(MessageImportance.Low, $"go starts without waiting for a slot: {why}.")),
            $"Waiting for one of the {MaxConcurrentCommands} go commands already compiling on this machine to finish (GoMaxConcurrentCommands={MaxConcurrentCommands}).",
            "a go command slot");

    protected override bool HandleTaskExecutionErrors()
    {
        if (CanceledWaitingForSlot) return false;
        // ReportOutput has already said what went wrong, in Go's words; MSBuild's "exited with code 1" adds nothing.
        return Log.HasLoggedErrors ? false : base.HandleTaskExecutionErrors();
    }

    /// <summary>Turns go's output into diagnostics and messages; a failure go didn't explain becomes GO0000.</summary>
    protected virtual void ReportOutput(IReadOnlyList<string> lines, int exitCode)
    {
        var parser = new GoOutputParser(WorkingDirectory, NullIfEmpty(ModuleFile));
        var entries = GoDiagnosticRefiner.Refine(parser.Parse(lines), new GoDiagnosticContext
        {
            MainModule = exitCode == 0 ? null : LoadMainModule(),
            ToolchainVersion = NullIfEmpty(ToolchainVersion),
        });
        var errors = 0;
        var text = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Diagnostic is { } d)
            {
                LogDiagnostic(d);
                if (d.Severity == GoDiagnosticSeverity.Error) errors++;
            }
            else if (entry.Text is { } line)
            {
                text.Add(line);
                Log.LogMessage(exitCode == 0 && !Verbose ? MessageImportance.Low : MessageImportance.Normal, line);
            }
        }

        if (exitCode != 0 && errors == 0 && !_canceled)
        {
            var said = string.Join(" ", text.Select(t => t.Trim()).Where(t => t.Length > 0 && !t.StartsWith("#", StringComparison.Ordinal)));
            var message = said.Length == 0 ? $"go exited with code {exitCode} and printed nothing." : LogText.Shorten(said, LogText.MaxLineLength);
            if (LogText.KilledBySignal(exitCode) is { } signal)
            {
                message = $"go was killed by {signal} (exit code {exitCode}): the toolchain at '{GoRoot}' crashed, or the system stopped it (out of memory?). " +
                    $"Build again; if it happens again, reinstall Go there or choose another toolchain with GoRoot. {(said.Length == 0 ? "It printed nothing." : "It printed: " + LogText.Shorten(said, 1000))}";
            }
            Log.LogError(null, GoDiagnosticCodes.Unrecognized, null, NullIfEmpty(ModuleFile) ?? ProjectFileOrTaskNode, 0, 0, 0, 0, message);
        }
    }

    /// <summary>The go.mod the errors are anchored to, parsed for its require and go lines; null for a go.work or a broken file.</summary>
    private GoModFile? LoadMainModule()
    {
        var file = NullIfEmpty(ModuleFile);
        if (file is null || !string.Equals(Path.GetFileName(file), "go.mod", StringComparison.Ordinal) || !File.Exists(file))
        {
            return null;
        }

        try
        {
            return GoModFile.Load(Path.GetFullPath(file));
        }
        catch (Exception e) when (e is GoModParseException || e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override void Cancel()
    {
        _canceled = true;
        _cancellation.Cancel();
        base.Cancel();
    }

    protected void LogDiagnostic(GoDiagnostic d)
    {
        var file = d.File ?? ProjectFileOrTaskNode;
        d = d with { Message = LogText.Shorten(d.Message, LogText.MaxLineLength) };
        switch (d.Severity)
        {
            case GoDiagnosticSeverity.Error:
                Log.LogError(null, d.Code, null, file, d.Line, d.Column, 0, 0, d.Message);
                break;
            case GoDiagnosticSeverity.Warning:
                Log.LogWarning(null, d.Code, null, file, d.Line, d.Column, 0, 0, d.Message);
                break;
            default:
                Log.LogMessage(null, d.Code, null, file, d.Line, d.Column, 0, 0, MessageImportance.High, d.Message);
                break;
        }
    }

    protected void LogGoPackError(string code, string message) => Log.GoPackError(code, message, ProjectFileOrTaskNode);

    protected string? ProjectFileOrTaskNode => GoPackLog.ProjectAnchor(ProjectFile, BuildEngine);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
