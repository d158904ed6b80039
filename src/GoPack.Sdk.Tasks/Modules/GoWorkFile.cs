using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Modules;

/// <summary>
/// A go.work file, read with the same grammar and the same leniency as <see cref="GoModFile"/>.
/// </summary>
public sealed class GoWorkFile
{
    private GoWorkFile(string? filePath)
    {
        FilePath = filePath;
    }

    public string? FilePath { get; }

    public string? GoVersion { get; private set; }

    public int GoLine { get; private set; }

    public string? Toolchain { get; private set; }

    public int ToolchainLine { get; private set; }

    /// <summary>The module directories, as written (relative to the go.work file unless rooted).</summary>
    public IReadOnlyList<GoWorkUse> Uses { get; private set; } = Array.Empty<GoWorkUse>();

    public IReadOnlyList<GoModReplace> Replaces { get; private set; } = Array.Empty<GoModReplace>();

    public IReadOnlyList<GoModGodebug> Godebugs { get; private set; } = Array.Empty<GoModGodebug>();

    /// <exception cref="GoModParseException">The text is not a go.work file Go could read.</exception>
    public static GoWorkFile Parse(string text, string? filePath = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var syntax = ModFileSyntax.Read(text, filePath);
        var file = new GoWorkFile(filePath);
        file.Interpret(syntax);
        return file;
    }

    /// <exception cref="GoModParseException">The file is not a go.work file Go could read.</exception>
    public static GoWorkFile Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Parse(FileProbe.ReadAllBytes(path), path);
    }

    /// <summary>A file's bytes: invalid UTF-8 in a word or string is an error at its line, as go rejects it.</summary>
    /// <exception cref="GoModParseException">Not a file Go could read.</exception>
    internal static GoWorkFile Parse(byte[] content, string? filePath)
    {
        var text = ModFileText.Decode(content);
        var syntax = ModFileSyntax.Read(text.Text, filePath, text.InvalidOffsets);
        var file = new GoWorkFile(filePath);
        file.Interpret(syntax);
        return file;
    }

    private void Interpret(ModFileSyntax syntax)
    {
        var uses = new List<GoWorkUse>();
        var replaces = new List<GoModReplace>();
        var godebugs = new List<GoModGodebug>();
        var path = FilePath;

        foreach (var statement in syntax.Statements)
        {
            switch (statement.Verb)
            {
                case "go":
                    ModDirectives.CheckNotRepeated(GoVersion is not null, statement, path);
                    GoVersion = ModDirectives.SingleArg(statement, "usage: go 1.23", path);
                    GoLine = statement.Line;
                    break;
                case "toolchain":
                    ModDirectives.CheckNotRepeated(Toolchain is not null, statement, path);
                    Toolchain = ModDirectives.SingleArg(statement, "usage: toolchain name", path);
                    ToolchainLine = statement.Line;
                    break;
                case "use":
                    uses.Add(new GoWorkUse(ModDirectives.SingleArg(statement, "usage: use local/dir", path), statement.Line));
                    break;
                case "replace":
                    replaces.Add(ModDirectives.ParseReplace(statement, path));
                    break;
                case "godebug":
                    godebugs.Add(ModDirectives.ParseGodebug(statement, path));
                    break;
            }
        }

        Uses = uses;
        Replaces = replaces;
        Godebugs = godebugs;
    }
}
