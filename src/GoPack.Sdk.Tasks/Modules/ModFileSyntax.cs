using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoPack.Sdk.Modules;

/// <summary>One argument of a go.mod/go.work statement, already unquoted.</summary>
/// <remarks>
/// <see cref="Quoted"/> tells a quoted "[" apart from the retract range punctuation.
/// </remarks>
internal sealed record ModToken(string Text, bool Quoted, int Column);

/// <summary>
/// A statement: the verb plus its arguments. A line inside <c>require ( ... )</c> gets the block's verb,
/// so callers see the single-line and block forms the same way.
/// </summary>
internal sealed record ModStatement(string Verb, IReadOnlyList<ModToken> Args, int Line, string? Comment, bool InBlock);

/// <summary>A comment that is alone on its line (where build platforms put their annotations).</summary>
internal sealed record ModComment(string Text, int Line);

/// <summary>
/// The lexical and block structure shared by go.mod and go.work, after golang.org/x/mod/modfile/read.go.
/// It knows nothing about directives, so both file types (and directives newer than this code) parse the same way.
/// </summary>
internal sealed class ModFileSyntax
{
    private enum Kind
    {
        Ident,
        String,
        LParen,
        RParen,
        LBrack,
        RBrack,
        LBrace,
        RBrace,
        Comma,
    }

    private sealed record Token(Kind Kind, string Text, int Line, int Column);

    private sealed class RawLine
    {
        public List<Token> Tokens { get; } = new List<Token>();

        public string? Comment { get; set; }

        public int Line { get; set; }
    }

    private readonly string _text;
    private readonly string? _filePath;
    private readonly HashSet<int> _invalidUtf8;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private ModFileSyntax(string text, string? filePath, HashSet<int> invalidUtf8)
    {
        _text = text;
        _filePath = filePath;
        _invalidUtf8 = invalidUtf8;
    }

    public List<ModStatement> Statements { get; } = new List<ModStatement>();

    public List<ModComment> Comments { get; } = new List<ModComment>();

    public static ModFileSyntax Read(string text, string? filePath) => Read(text, filePath, new HashSet<int>());

    /// <param name="invalidUtf8">Offsets of U+FFFD characters that stand for bytes that were not UTF-8 (<see cref="ModFileText"/>).</param>
    public static ModFileSyntax Read(string text, string? filePath, HashSet<int> invalidUtf8)
    {
        // File.ReadAllText strips a BOM, but text handed to Parse directly may still carry one; Go accepts it too.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
            invalidUtf8 = new HashSet<int>();
        }

        var syntax = new ModFileSyntax(text, filePath, invalidUtf8);
        syntax.ReadAll();
        return syntax;
    }

    private void ReadAll()
    {
        while (true)
        {
            var line = ReadLine();
            if (line is null)
            {
                return;
            }

            if (line.Tokens.Count == 0)
            {
                if (line.Comment is not null)
                {
                    Comments.Add(new ModComment(line.Comment, line.Line));
                }

                continue;
            }

            if (line.Tokens[0].Kind == Kind.RParen)
            {
                throw Error("syntax error (unexpected ')')", line.Line);
            }

            if (line.Tokens[0].Kind != Kind.LParen)
            {
                CheckVerb(line.Tokens[0], line.Line);
            }

            var paren = line.Tokens.FindIndex(t => t.Kind == Kind.LParen);
            if (paren < 0)
            {
                Statements.Add(ToStatement(line.Tokens, 0, line.Tokens.Count, line.Line, line.Comment, inBlock: false));
                continue;
            }

            ReadBlock(line, paren);
        }
    }

    private void ReadBlock(RawLine opening, int paren)
    {
        var lparen = opening.Tokens[paren];
        if (paren == 0)
        {
            throw Error("syntax error (unexpected '(')", opening.Line);
        }

        // Verbs like "require" head the block; Go also allows extra words ("replace foo ("), which prefix every line.
        var head = opening.Tokens.GetRange(0, paren);
        var rest = opening.Tokens.GetRange(paren + 1, opening.Tokens.Count - paren - 1);

        // Go parses whatever follows "(" on the opening line as the block's first line, or closes the block there.
        var line = rest.Count > 0 ? new RawLine { Line = opening.Line, Comment = opening.Comment } : null;
        if (line is not null)
        {
            line.Tokens.AddRange(rest);
        }

        while (true)
        {
            line ??= ReadLine();
            if (line is null)
            {
                var where = (_filePath ?? "go.mod") + ":" + lparen.Line.ToString(CultureInfo.InvariantCulture) + ":" + head[0].Column.ToString(CultureInfo.InvariantCulture);

                // The error points at the opening line: where the missing ")" belongs is a guess, where the block began is not.
                throw Error("syntax error (unterminated block started at " + where + ")", head[0].Line);
            }

            if (line.Tokens.Count == 0)
            {
                if (line.Comment is not null)
                {
                    Comments.Add(new ModComment(line.Comment, line.Line));
                }

                line = null;
                continue;
            }

            if (line.Tokens[0].Kind == Kind.RParen)
            {
                if (line.Tokens.Count > 1)
                {
                    throw Error("syntax error (expected newline after closing paren)", line.Line);
                }

                return;
            }

            var tokens = new List<Token>(head);
            tokens.AddRange(line.Tokens);
            Statements.Add(ToStatement(tokens, 0, tokens.Count, line.Line, line.Comment, inBlock: true));
            line = null;
        }
    }

    /// <summary>
    /// Unknown directives are skipped for forward compatibility, but only words can be directives Go may add
    /// later: a line starting with "{", "}", a quoted string or stray bytes is what go reports as
    /// "unknown directive", and so does GoPack, rather than reading a garbled file as an empty one.
    /// </summary>
    private void CheckVerb(Token verb, int line)
    {
        if (verb.Kind == Kind.Ident && IsWord(verb.Text))
        {
            return;
        }

        throw Error("unknown directive: " + Shorten(verb.Text), line);
    }

    private static bool IsWord(string text)
    {
        if (text.Length == 0 || !IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>A 1 MB line must not become a 1 MB error message.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

    private static ModStatement ToStatement(List<Token> tokens, int start, int end, int line, string? comment, bool inBlock)
    {
        var args = new List<ModToken>(end - start - 1);
        for (var i = start + 1; i < end; i++)
        {
            args.Add(new ModToken(tokens[i].Text, tokens[i].Kind == Kind.String, tokens[i].Column));
        }

        return new ModStatement(tokens[start].Text, args, line, comment, inBlock);
    }

    /// <summary>Reads the tokens up to the end of the line; null at the end of the file.</summary>
    private RawLine? ReadLine()
    {
        if (_pos >= _text.Length)
        {
            return null;
        }

        var line = new RawLine { Line = _line };
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                Advance();
                return line;
            }

            // "\r" is plain white space to Go, which is all CRLF files need.
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                Advance();
                continue;
            }

            var column = Column();
            if (c == '/' && Peek(1) == '/')
            {
                var start = _pos + 2;
                var end = _text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = _text.Length;
                }

                line.Comment = _text.Substring(start, end - start).Trim();
                _pos = end;
                continue;
            }

            switch (c)
            {
                case '(':
                    line.Tokens.Add(new Token(Kind.LParen, "(", _line, column));
                    Advance();
                    continue;
                case ')':
                    line.Tokens.Add(new Token(Kind.RParen, ")", _line, column));
                    Advance();
                    continue;
                case '[':
                    line.Tokens.Add(new Token(Kind.LBrack, "[", _line, column));
                    Advance();
                    continue;
                case ']':
                    line.Tokens.Add(new Token(Kind.RBrack, "]", _line, column));
                    Advance();
                    continue;
                case '{':
                    line.Tokens.Add(new Token(Kind.LBrace, "{", _line, column));
                    Advance();
                    continue;
                case '}':
                    line.Tokens.Add(new Token(Kind.RBrace, "}", _line, column));
                    Advance();
                    continue;
                case ',':
                    line.Tokens.Add(new Token(Kind.Comma, ",", _line, column));
                    Advance();
                    continue;
                case '"':
                case '`':
                    line.Tokens.Add(new Token(Kind.String, ReadString(c), line.Line, column));
                    continue;
            }

            // Every character left is either part of an identifier or rejected here, so each pass of this loop
            // consumes at least one character: a character that is neither (a no-break space, a control
            // character) once made it add empty tokens forever.
            if (!IsIdent(c))
            {
                throw Error("unexpected input character " + Describe(c), _line);
            }

            var identStart = _pos;
            while (_pos < _text.Length && IsIdent(_text[_pos]) && !(_text[_pos] == '/' && Peek(1) == '/'))
            {
                CheckUtf8();
                _pos++;
            }

            line.Tokens.Add(new Token(Kind.Ident, _text.Substring(identStart, _pos - identStart), _line, column));
        }

        return line;
    }

    private static bool IsIdent(char c)
    {
        switch (c)
        {
            case ' ':
            case '(':
            case ')':
            case '[':
            case ']':
            case '{':
            case '}':
            case ',':
            case '"':
            case '`':
                return false;
            default:
                return !char.IsWhiteSpace(c) && !char.IsControl(c);
        }
    }

    private string ReadString(char quote)
    {
        var startLine = _line;
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error("unexpected newline in string", startLine);
            }

            CheckUtf8();
            var c = _text[_pos];
            Advance();
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c == '\\' && quote == '"')
            {
                ReadEscape(sb, startLine);
                continue;
            }

            // Go drops carriage returns from raw strings, so CRLF files give the same value.
            if (c == '\r' && quote == '`')
            {
                continue;
            }

            sb.Append(c);
        }
    }

    private void ReadEscape(StringBuilder sb, int line)
    {
        if (_pos >= _text.Length)
        {
            throw Error("invalid quoted string", line);
        }

        var c = _text[_pos];
        Advance();
        switch (c)
        {
            case 'a': sb.Append('\a'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'n': sb.Append('\n'); return;
            case 'r': sb.Append('\r'); return;
            case 't': sb.Append('\t'); return;
            case 'v': sb.Append('\v'); return;
            case '\\': sb.Append('\\'); return;
            case '"': sb.Append('"'); return;
            case '\'': sb.Append('\''); return;
            case 'x': AppendCodePoint(sb, ReadDigits(2, 16, line), line); return;
            case 'u': AppendCodePoint(sb, ReadDigits(4, 16, line), line); return;
            case 'U': AppendCodePoint(sb, ReadDigits(8, 16, line), line); return;
        }

        if (c >= '0' && c <= '7')
        {
            _pos--;
            AppendCodePoint(sb, ReadDigits(3, 8, line), line);
            return;
        }

        throw Error("invalid quoted string", line);
    }

    private int ReadDigits(int count, int radix, int line)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var digit = _pos < _text.Length ? DigitValue(_text[_pos]) : -1;
            if (digit < 0 || digit >= radix)
            {
                throw Error("invalid quoted string", line);
            }

            value = (value * radix) + digit;
            Advance();
        }

        return value;
    }

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        return -1;
    }

    private void AppendCodePoint(StringBuilder sb, int value, int line)
    {
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            throw Error("invalid quoted string", line);
        }

        sb.Append(char.ConvertFromUtf32(value));
    }

    /// <summary>
    /// Bytes that are not UTF-8 in a word or string: go rejects them ("malformed module path ...: invalid UTF-8") without
    /// saying where. In a comment they are harmless, as for go.
    /// </summary>
    private void CheckUtf8()
    {
        if (_text[_pos] == '\uFFFD' && _invalidUtf8.Count > 0 && _invalidUtf8.Contains(_pos))
        {
            throw Error("invalid UTF-8 at column " + Column().ToString(CultureInfo.InvariantCulture) + ": save the file as UTF-8", _line);
        }
    }

    private static string Describe(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private int Column() => _pos - _lineStart + 1;

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
    }

    private GoModParseException Error(string message, int line) => new GoModParseException(message, _filePath, line);
}
