using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoPack.Sdk.Toolchains.Download;

/// <summary>A JSON number, kept as written so that sizes beyond double's precision survive.</summary>
internal sealed class JsonNumber
{
    public JsonNumber(string text) => Text = text;

    public string Text { get; }

    public override string ToString() => Text;
}

/// <summary>
/// A strict RFC 8259 reader into plain objects (<see cref="Dictionary{TKey,TValue}"/>, <see cref="List{T}"/>,
/// string, bool, <see cref="JsonNumber"/>, null). The task assembly may not bring System.Text.Json into
/// Visual Studio's MSBuild, and DataContractJsonSerializer's errors do not say where a feed went wrong.
/// </summary>
internal sealed class MiniJson
{
    // Deep enough for any feed, shallow enough that a hostile one cannot overflow the stack.
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;

    private MiniJson(string text) => _text = text;

    /// <exception cref="FormatException">Not valid JSON; the message gives the line and column.</exception>
    public static object? Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var reader = new MiniJson(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._position = 1;
        }

        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the end of the JSON value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the text, expected a value");
        }

        var c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
            case '"':
                return ReadString();
            case 't':
                ReadLiteral("true");
                return true;
            case 'f':
                ReadLiteral("false");
                return false;
            case 'n':
                ReadLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error($"unexpected character '{Printable(c)}', expected a value");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        CheckDepth(depth);
        _position++;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            var name = ReadString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();

            // Later duplicates win, as in most JSON readers.
            result[name] = ReadValue(depth);
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return result;
            }

            Expect(',', "expected ',' or '}'");
        }
    }

    private List<object?> ReadArray(int depth)
    {
        CheckDepth(depth);
        _position++;
        var result = new List<object?>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue(depth));
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return result;
            }

            Expect(',', "expected ',' or ']'");
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                _position--;
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error($"invalid escape '\\{Printable(escape)}'");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        var start = _position;
        TryConsume('-');
        if (TryConsume('0'))
        {
            // JSON forbids leading zeros such as 012.
        }
        else if (!ConsumeDigits())
        {
            throw Error("expected a digit");
        }

        if (TryConsume('.') && !ConsumeDigits())
        {
            throw Error("expected a digit after the decimal point");
        }

        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            if (!TryConsume('+'))
            {
                TryConsume('-');
            }

            if (!ConsumeDigits())
            {
                throw Error("expected a digit in the exponent");
            }
        }

        return new JsonNumber(_text.Substring(start, _position - start));
    }

    private bool ConsumeDigits()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error($"unexpected character '{Printable(_text[_position])}', expected a value");
        }

        _position += literal.Length;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nested deeper than {MaxDepth} levels");
        }
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }

            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c, string? message = null)
    {
        if (!TryConsume(c))
        {
            throw Error(message ?? $"expected '{c}'");
        }
    }

    private FormatException Error(string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new FormatException($"Invalid JSON at line {line}, column {column}: {message}.");
    }

    private static string Printable(char c) =>
        c < ' ' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();
}
