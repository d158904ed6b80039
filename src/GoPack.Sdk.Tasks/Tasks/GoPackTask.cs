using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>Base for GoPack's tasks: errors carry a GOPACK code and point at the project file.</summary>
public abstract class GoPackTask : Task
{
    /// <summary>$(MSBuildProjectFullPath): where errors without a file of their own point.</summary>
    public string? ProjectFile { get; set; }

    protected void LogGoPackError(string code, string message, string? file = null, int line = 0)
    {
        Log.LogError(
            subcategory: null,
            errorCode: code,
            helpKeyword: null,
            file: file ?? ProjectFile ?? BuildEngine?.ProjectFileOfTaskNode,
            lineNumber: line,
            columnNumber: 0,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: Execution.UrlRedaction.Redact(message));
    }

    /// <summary>A message with any credentials in URLs taken out.</summary>
    protected void LogRedacted(MessageImportance importance, string format, params object?[] args)
    {
        var text = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        Log.LogMessage(importance, Execution.UrlRedaction.Redact(text));
    }

    protected void LogGoPackWarning(string code, string message, string? file = null, int line = 0)
    {
        Log.LogWarning(null, code, null, file ?? ProjectFile ?? BuildEngine?.ProjectFileOfTaskNode, line, 0, 0, 0, Execution.UrlRedaction.Redact(message));
    }
}
