using System;
using System.Collections.Generic;
using System.IO;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Modules;

/// <summary>
/// A go.mod file, read with Go's grammar (golang.org/x/mod/modfile) so line numbers and error wording match what
/// the go command reports.
/// </summary>
/// <remarks>
/// Unlike Go, directives this code does not know are skipped rather than rejected: a newer toolchain may accept a
/// go.mod this parser predates, and the go command is the one that should have the last word on it.
/// Malformed structure (an unclosed block, a bad string) and known directives with the wrong shape still throw
/// <see cref="GoModParseException"/>, because no Go version would accept them.
/// </remarks>
public sealed class GoModFile
{
    private GoModFile(string? filePath)
    {
        FilePath = filePath;
    }

    /// <summary>The path given to <see cref="Load"/> or <see cref="Parse"/>; null when parsed without one.</summary>
    public string? FilePath { get; }

    public string? ModulePath { get; private set; }

    public int ModuleLine { get; private set; }

    /// <summary>The <c>go</c> directive's version without a prefix: "go 1.22.0" gives "1.22.0".</summary>
    public string? GoVersion { get; private set; }

    public int GoLine { get; private set; }

    /// <summary>The <c>toolchain</c> directive's name as written: "toolchain go1.22.3" gives "go1.22.3".</summary>
    public string? Toolchain { get; private set; }

    public int ToolchainLine { get; private set; }

    public IReadOnlyList<GoModRequire> Requires { get; private set; } = Array.Empty<GoModRequire>();

    public IReadOnlyList<GoModReplace> Replaces { get; private set; } = Array.Empty<GoModReplace>();

    public IReadOnlyList<GoModExclude> Excludes { get; private set; } = Array.Empty<GoModExclude>();

    public IReadOnlyList<GoModRetract> Retracts { get; private set; } = Array.Empty<GoModRetract>();

    public IReadOnlyList<GoModGodebug> Godebugs { get; private set; } = Array.Empty<GoModGodebug>();

    /// <summary>
    /// The Go version a build platform was told to use by a <c>// +heroku goVersion go1.20</c> or
    /// <c>// +scalingo goVersion 1.21</c> comment, with any "go" prefix removed so it compares with
    /// <see cref="GoVersion"/>. The first such comment wins.
    /// </summary>
    public string? PlatformGoVersion { get; private set; }

    public int PlatformGoVersionLine { get; private set; }

    /// <summary>"heroku" or "scalingo": which platform's comment gave <see cref="PlatformGoVersion"/>.</summary>
    public string? PlatformGoVersionSource { get; private set; }

    /// <summary>The package patterns of the first <c>// +heroku install ./cmd/... ./other</c> comment.</summary>
    public IReadOnlyList<string> PlatformInstall { get; private set; } = Array.Empty<string>();

    public string? PlatformInstallSource { get; private set; }

    /// <exception cref="GoModParseException">The text is not a go.mod file Go could read.</exception>
    public static GoModFile Parse(string text, string? filePath = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var syntax = ModFileSyntax.Read(text, filePath);
        var file = new GoModFile(filePath);
        file.Interpret(syntax);
        return file;
    }

    /// <exception cref="GoModParseException">The file is not a go.mod file Go could read.</exception>
    public static GoModFile Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Parse(FileProbe.ReadAllBytes(path), path);
    }

    /// <summary>A file's bytes: invalid UTF-8 in a word or string is an error at its line, as go rejects it.</summary>
    /// <exception cref="GoModParseException">Not a file Go could read.</exception>
    internal static GoModFile Parse(byte[] content, string? filePath)
    {
        var text = ModFileText.Decode(content);
        var syntax = ModFileSyntax.Read(text.Text, filePath, text.InvalidOffsets);
        var file = new GoModFile(filePath);
        file.Interpret(syntax);
        return file;
    }

    private void Interpret(ModFileSyntax syntax)
    {
        var requires = new List<GoModRequire>();
        var replaces = new List<GoModReplace>();
        var excludes = new List<GoModExclude>();
        var retracts = new List<GoModRetract>();
        var godebugs = new List<GoModGodebug>();
        var path = FilePath;

        foreach (var statement in syntax.Statements)
        {
            switch (statement.Verb)
            {
                case "module":
                    ModDirectives.CheckNotRepeated(ModulePath is not null, statement, path);
                    ModulePath = ModDirectives.SingleArg(statement, "usage: module module/path", path);
                    ModuleLine = statement.Line;
                    break;
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
                case "require":
                    if (statement.Args.Count != 2)
                    {
                        throw new GoModParseException("usage: require module/path v1.2.3", path, statement.Line);
                    }

                    requires.Add(new GoModRequire(statement.Args[0].Text, statement.Args[1].Text, IsIndirect(statement.Comment), statement.Line));
                    break;
                case "exclude":
                    if (statement.Args.Count != 2)
                    {
                        throw new GoModParseException("usage: exclude module/path v1.2.3", path, statement.Line);
                    }

                    excludes.Add(new GoModExclude(statement.Args[0].Text, statement.Args[1].Text, statement.Line));
                    break;
                case "replace":
                    replaces.Add(ModDirectives.ParseReplace(statement, path));
                    break;
                case "retract":
                    retracts.Add(ParseRetract(statement, path));
                    break;
                case "godebug":
                    godebugs.Add(ModDirectives.ParseGodebug(statement, path));
                    break;
            }
        }

        foreach (var comment in syntax.Comments)
        {
            ReadPlatformAnnotation(comment);
        }

        Requires = requires;
        Replaces = replaces;
        Excludes = excludes;
        Retracts = retracts;
        Godebugs = godebugs;
    }

    /// <summary>Go's rule: the line's own comment is "indirect", or starts "indirect;" when more follows.</summary>
    private static bool IsIndirect(string? comment)
    {
        return comment is not null && (comment == "indirect" || comment.StartsWith("indirect;", StringComparison.Ordinal));
    }

    private static GoModRetract ParseRetract(ModStatement statement, string? path)
    {
        var args = statement.Args;
        if (args.Count == 1 && !IsPunct(args[0], "["))
        {
            return new GoModRetract(args[0].Text, args[0].Text, statement.Comment, statement.Line);
        }

        if (args.Count == 5 && IsPunct(args[0], "[") && IsPunct(args[2], ",") && IsPunct(args[4], "]")
            && !IsPunct(args[1], ",") && !IsPunct(args[3], "]"))
        {
            return new GoModRetract(args[1].Text, args[3].Text, statement.Comment, statement.Line);
        }

        throw new GoModParseException("usage: retract v1.2.3 or retract [v1.2.3, v1.2.4]", path, statement.Line);
    }

    private static bool IsPunct(ModToken token, string text) => !token.Quoted && token.Text == text;

    private void ReadPlatformAnnotation(ModComment comment)
    {
        var words = comment.Text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return;
        }

        var source = words[0] switch
        {
            "+heroku" => "heroku",
            "+scalingo" => "scalingo",
            _ => null,
        };
        if (source is null)
        {
            return;
        }

        if (words[1] == "goVersion" && words.Length >= 3 && PlatformGoVersion is null)
        {
            var version = words[2];
            PlatformGoVersion = version.StartsWith("go", StringComparison.Ordinal) ? version.Substring(2) : version;
            PlatformGoVersionLine = comment.Line;
            PlatformGoVersionSource = source;
        }
        else if (words[1] == "install" && words.Length >= 3 && PlatformInstallSource is null)
        {
            var patterns = new string[words.Length - 2];
            Array.Copy(words, 2, patterns, 0, patterns.Length);
            PlatformInstall = patterns;
            PlatformInstallSource = source;
        }
    }
}
