using System.Collections;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// The build engine for running a task in-process in a unit test: it records what the task logs (from any thread: a
/// download reports progress from its own) and builds nothing.
/// </summary>
public sealed class RecordingBuildEngine(string projectFile = "svc.gocsproj") : IBuildEngine
{
    private readonly object _gate = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => projectFile;

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (_gate) Errors.Add(e);
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (_gate) Warnings.Add(e);
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (_gate) Messages.Add(e);
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
}
