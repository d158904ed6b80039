using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>Base for GoPack's tasks: errors carry a GOPACK code and point at the project file.</summary>
public abstract class GoPackTask : Task
{
    /// <summary>$(MSBuildProjectFullPath): where errors without a file of their own point.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>
    /// Where a task that works its answers out from files and settings keeps them (obj/), so that a build in which none
    /// of them changed runs none of its logic (<see cref="TaskAnswerCache"/>). Empty: the task always runs.
    /// </summary>
    public string? AnswerCacheFile { get; set; }

    /// <summary>Runs <paramref name="execute"/>, or takes its answers from <see cref="AnswerCacheFile"/> when nothing they depend on changed.</summary>
    protected bool ExecuteWithAnswerCache(System.Func<bool> execute) => TaskAnswerCache.Execute(this, AnswerCacheFile, execute);

    protected void LogGoPackError(string code, string message, string? file = null, int line = 0) =>
        Log.GoPackError(code, message, file ?? GoPackLog.ProjectAnchor(ProjectFile, BuildEngine), line);

    /// <summary>A message with any credentials in URLs taken out.</summary>
    protected void LogRedacted(MessageImportance importance, string format, params object?[] args)
    {
        var text = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        Log.LogMessage(importance, Execution.UrlRedaction.Redact(text));
    }

    protected void LogGoPackWarning(string code, string message, string? file = null, int line = 0) =>
        Log.GoPackWarning(code, message, file ?? GoPackLog.ProjectAnchor(ProjectFile, BuildEngine), line);
}
