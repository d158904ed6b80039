using System;
using System.Collections.Generic;
using System.Text;

namespace GoPack.Sdk.Execution;

/// <summary>Turns flag strings into argument lists and back.</summary>
public static class CommandLine
{
    /// <summary>
    /// Splits a flag string the way a POSIX shell would for simple words: whitespace separates, '…' and "…"
    /// group (GO_BUILD_FLAGS="-ldflags '-s -w'"), a backslash escapes the next character outside single quotes.
    /// </summary>
    public static IReadOnlyList<string> Split(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;

        var current = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < text!.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = '\0'; else current.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"') quote = '\0';
                else if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\')) current.Append(text[++i]);
                else current.Append(c);
            }
            else if (c == '\'' || c == '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) result.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0') throw new FormatException($"Unterminated {quote} quote in: {text}");
        if (inWord) result.Add(current.ToString());
        return result;
    }

    /// <summary>
    /// Joins arguments into one string that .NET's Process (on every OS) splits back into exactly these
    /// arguments: the Windows CommandLineToArgvW quoting rules.
    /// </summary>
    public static string Join(IEnumerable<string> arguments)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (builder.Length > 0) builder.Append(' ');
            AppendQuoted(builder, argument);
        }
        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) < 0)
        {
            builder.Append(argument);
            return;
        }

        builder.Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless they precede a quote.
            builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            builder.Append(c);
            backslashes = 0;
        }
        builder.Append('\\', backslashes * 2);
        builder.Append('"');
    }
}

internal static class EnumerableExtensions
{
    public static IEnumerable<string> WhereNotEmpty(this IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value)) yield return value!.Trim();
        }
    }
}
