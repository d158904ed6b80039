using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tasks
{
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
                message: message);
        }

        protected void LogGoPackWarning(string code, string message, string? file = null, int line = 0)
        {
            Log.LogWarning(null, code, null, file ?? ProjectFile ?? BuildEngine?.ProjectFileOfTaskNode, line, 0, 0, 0, message);
        }
    }
}
