using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using System.Threading.Tasks;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// A task run on a thread of its own while the build goes on (go vet beside go build), collected later by another task
/// of the same build: what it logged is recorded and logged again by the collecting task, so its warnings get
/// NoWarn/WarningsAsErrors and the collecting task's success like any other task's.
/// Registered with MSBuild for the build's lifetime: a build that stops before collecting it (go build failed, Ctrl+C)
/// disposes it when it ends, and disposing cancels the task, which kills its go process tree.
/// </summary>
internal sealed class BackgroundTaskRun : IDisposable
{
    private readonly Action _cancel;
    private readonly RecordingEngine _engine;
    private readonly Task<bool> _run;

    /// <summary>The task that runs, for its outputs once collected.</summary>
    public ITask Task { get; }

    private BackgroundTaskRun(ITask task, Action cancel, IBuildEngine realEngine)
    {
        Task = task;
        _cancel = cancel;
        _engine = new RecordingEngine(realEngine);
        task.BuildEngine = _engine;
        _run = System.Threading.Tasks.Task.Factory.StartNew(task.Execute, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts <paramref name="task"/> (its parameters set, no BuildEngine of its own) and registers the run under
    /// <paramref name="key"/>; a run left under that key by an earlier, uncollected start is canceled first.
    /// </summary>
    public static void Start(IBuildEngine4 engine, string key, ITask task, Action cancel)
    {
        (engine.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build) as IDisposable)?.Dispose();
        engine.RegisterTaskObject(key, new BackgroundTaskRun(task, cancel, engine), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
    }

    /// <summary>The run registered under <paramref name="key"/>, taken out of MSBuild's keeping; null when none was started.</summary>
    public static BackgroundTaskRun? Take(IBuildEngine engine, string key) =>
        engine is IBuildEngine4 engine4 ? engine4.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build) as BackgroundTaskRun : null;

    /// <summary>Waits for the run (the collecting task's Cancel calls <see cref="Cancel"/>), logs what it logged, and returns its result.</summary>
    public bool Collect(TaskLoggingHelper log, IBuildEngine collectingEngine)
    {
        // Like ToolTask, give the node back to other projects while waiting for go.
        var yielded = !_run.IsCompleted && collectingEngine is IBuildEngine3;
        if (yielded) ((IBuildEngine3)collectingEngine).Yield();
        bool result;
        try
        {
            result = _run.GetAwaiter().GetResult();
        }
        finally
        {
            if (yielded) ((IBuildEngine3)collectingEngine).Reacquire();
        }
        _engine.ReplayTo(log);
        return result;
    }

    public void Cancel() => _cancel();

    /// <summary>MSBuild's end of the build for an uncollected run: stop it and wait until its processes are gone.</summary>
    public void Dispose()
    {
        if (_run.IsCompleted) return;
        _cancel();
        try
        {
            _run.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // A task that threw after cancellation has nothing left to report: nobody collects it.
        }
    }

    /// <summary>Records every event; answers the task's questions about its node with the starting task's answers.</summary>
    private sealed class RecordingEngine : IBuildEngine
    {
        private readonly object _gate = new object();
        private readonly List<BuildEventArgs> _events = new List<BuildEventArgs>();

        public RecordingEngine(IBuildEngine real)
        {
            ContinueOnError = real.ContinueOnError;
            LineNumberOfTaskNode = real.LineNumberOfTaskNode;
            ColumnNumberOfTaskNode = real.ColumnNumberOfTaskNode;
            ProjectFileOfTaskNode = real.ProjectFileOfTaskNode;
        }

        public bool ContinueOnError { get; }
        public int LineNumberOfTaskNode { get; }
        public int ColumnNumberOfTaskNode { get; }
        public string ProjectFileOfTaskNode { get; }

        public void LogErrorEvent(BuildErrorEventArgs e) => Record(e);
        public void LogWarningEvent(BuildWarningEventArgs e) => Record(e);
        public void LogMessageEvent(BuildMessageEventArgs e) => Record(e);
        public void LogCustomEvent(CustomBuildEventArgs e) => Record(e);

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        private void Record(BuildEventArgs e)
        {
            lock (_gate) _events.Add(e);
        }

        /// <summary>
        /// Through the collecting task's logging helper, not its engine: the helper is what knows that a warning made an
        /// error (WarningsAsErrors) failed the task.
        /// </summary>
        public void ReplayTo(TaskLoggingHelper log)
        {
            BuildEventArgs[] events;
            lock (_gate) events = _events.ToArray();
            foreach (var e in events)
            {
                switch (e)
                {
                    case BuildErrorEventArgs error:
                        log.LogError(error.Subcategory, error.Code, error.HelpKeyword, error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber, error.Message);
                        break;
                    case BuildWarningEventArgs warning:
                        log.LogWarning(warning.Subcategory, warning.Code, warning.HelpKeyword, warning.File, warning.LineNumber, warning.ColumnNumber, warning.EndLineNumber, warning.EndColumnNumber, warning.Message);
                        break;
                    case TaskCommandLineEventArgs command:
                        log.LogCommandLine(command.Importance, command.CommandLine);
                        break;
                    case BuildMessageEventArgs message:
                        log.LogMessage(message.Subcategory, message.Code, message.HelpKeyword, message.File, message.LineNumber, message.ColumnNumber, message.EndLineNumber, message.EndColumnNumber, message.Importance, message.Message);
                        break;
                }
            }
        }
    }
}
