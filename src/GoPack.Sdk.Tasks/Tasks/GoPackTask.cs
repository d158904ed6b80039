using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>Base for GoPack's tasks: errors carry a GOPACK code and point at the project file.</summary>
public abstract class GoPackTask : Task
{
    /// <summary>$(MSBuildProjectFullPath): where errors without a file of their own point.</summary>
    public string? ProjectFile { get; set; }

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
