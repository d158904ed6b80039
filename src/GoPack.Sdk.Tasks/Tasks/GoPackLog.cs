using GoPack.Sdk.Execution;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// How every GoPack task reports its own GOPACK errors and warnings, whatever its base class (Task or ToolTask): at a
/// file and line when there is one, else at the project file, and with credentials in URLs taken out.
/// </summary>
internal static class GoPackLog
{
    /// <summary>Where a diagnostic without a file of its own points: $(MSBuildProjectFullPath), else the task's project.</summary>
    public static string? ProjectAnchor(string? projectFile, IBuildEngine? engine) =>
        string.IsNullOrEmpty(projectFile) ? engine?.ProjectFileOfTaskNode : projectFile;

    public static void GoPackError(this TaskLoggingHelper log, string code, string message, string? file, int line = 0, int column = 0) =>
        log.LogError(null, code, null, file, line, column, 0, 0, UrlRedaction.Redact(message));

    public static void GoPackWarning(this TaskLoggingHelper log, string code, string message, string? file, int line = 0, int column = 0) =>
        log.LogWarning(null, code, null, file, line, column, 0, 0, UrlRedaction.Redact(message));
}
