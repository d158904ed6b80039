using System.Collections.Generic;

namespace GoPack.Sdk.Modules;

/// <summary>The directives go.mod and go.work share, with Go's own usage messages (golang.org/x/mod/modfile/rule.go).</summary>
internal static class ModDirectives
{
    public static string SingleArg(ModStatement statement, string usage, string? filePath)
    {
        if (statement.Args.Count != 1)
        {
            throw new GoModParseException(usage, filePath, statement.Line);
        }

        return statement.Args[0].Text;
    }

    public static void CheckNotRepeated(bool seen, ModStatement statement, string? filePath)
    {
        if (seen)
        {
            throw new GoModParseException("repeated " + statement.Verb + " statement", filePath, statement.Line);
        }
    }

    public static GoModReplace ParseReplace(ModStatement statement, string? filePath)
    {
        var args = statement.Args;
        var arrow = -1;
        if (args.Count >= 3 && IsArrow(args[1]))
        {
            arrow = 1;
        }
        else if (args.Count >= 4 && IsArrow(args[2]))
        {
            arrow = 2;
        }

        var targetCount = arrow < 0 ? 0 : args.Count - arrow - 1;
        if (arrow < 0 || targetCount < 1 || targetCount > 2)
        {
            throw new GoModParseException(
                "usage: replace module/path [v1.2.3] => other/module v1.4 or replace module/path [v1.2.3] => ../local/directory",
                filePath,
                statement.Line);
        }

        var oldPath = args[0].Text;
        var oldVersion = arrow == 2 ? args[1].Text : null;
        var newPath = args[arrow + 1].Text;
        var newVersion = targetCount == 2 ? args[arrow + 2].Text : null;

        // Go's own rule, and what makes GoModReplace.IsLocal trustworthy: only a directory may come without a version.
        if (newVersion is null && !IsDirectoryPath(newPath))
        {
            throw new GoModParseException(
                "replacement module without version must be directory path (rooted or starting with ./ or ../)",
                filePath,
                statement.Line);
        }

        if (newVersion is not null && IsDirectoryPath(newPath))
        {
            throw new GoModParseException(
                "replacement module directory path \"" + newPath + "\" cannot have version",
                filePath,
                statement.Line);
        }

        return new GoModReplace(oldPath, oldVersion, newPath, newVersion, statement.Line);
    }

    public static GoModGodebug ParseGodebug(ModStatement statement, string? filePath)
    {
        var setting = statement.Args.Count == 1 ? statement.Args[0].Text : string.Empty;
        var eq = setting.IndexOf('=');
        if (eq <= 0)
        {
            throw new GoModParseException("usage: godebug key=value", filePath, statement.Line);
        }

        return new GoModGodebug(setting.Substring(0, eq), setting.Substring(eq + 1), statement.Line);
    }

    /// <summary>
    /// Go's modfile.IsDirectoryPath: go.mod files travel between systems, so Unix and Windows forms both count.
    /// </summary>
    public static bool IsDirectoryPath(string path)
    {
        return path == "." || path.StartsWith("./", System.StringComparison.Ordinal) || path.StartsWith(".\\", System.StringComparison.Ordinal)
            || path == ".." || path.StartsWith("../", System.StringComparison.Ordinal) || path.StartsWith("..\\", System.StringComparison.Ordinal)
            || path.StartsWith("/", System.StringComparison.Ordinal) || path.StartsWith("\\", System.StringComparison.Ordinal)
            || (path.Length >= 2 && IsAsciiLetter(path[0]) && path[1] == ':');
    }

    private static bool IsAsciiLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

    private static bool IsArrow(ModToken token) => !token.Quoted && token.Text == "=>";
}
