using System;

namespace GoPack.Sdk.Modules;

/// <summary>
/// A go.mod or go.work file that Go itself would reject. <see cref="Exception.Message"/> is Go's wording without the
/// position, so a caller can report it as <c>file(line): error: message</c>.
/// </summary>
public sealed class GoModParseException : Exception
{
    public GoModParseException(string message, string? filePath, int line)
        : base(message)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The path given to Load or Parse; null when the text came without one.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the offending statement.</summary>
    public int Line { get; }
}
