using System.Collections.Generic;
using System.Text;

namespace GoPack.Sdk.Modules;

/// <summary>
/// The text of a go.mod/go.work file from its bytes, remembering where bytes were not UTF-8. File.ReadAllText would
/// turn them into U+FFFD silently, and go would then fail with "malformed module path ...: invalid UTF-8" and no line
/// (GO2000 on the file); with the positions the parser points at the line and column itself.
/// </summary>
internal sealed class ModFileText
{
    private ModFileText(string text, HashSet<int> invalid)
    {
        Text = text;
        InvalidOffsets = invalid;
    }

    /// <summary>The text, a BOM dropped, each invalid byte sequence one U+FFFD.</summary>
    public string Text { get; }

    /// <summary>Offsets in <see cref="Text"/> of the U+FFFD characters that stand for invalid bytes.</summary>
    public HashSet<int> InvalidOffsets { get; }

    public static ModFileText Decode(byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var text = new StringBuilder(bytes.Length - start);
        var invalid = new HashSet<int>();
        var i = start;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                text.Append((char)b);
                i++;
                continue;
            }

            var length = SequenceLength(bytes, i);
            if (length == 0)
            {
                // One U+FFFD per bad byte, as Go's decoder counts them: the column stays the byte's own.
                invalid.Add(text.Length);
                text.Append('\uFFFD');
                i++;
                continue;
            }

            text.Append(Encoding.UTF8.GetString(bytes, i, length));
            i += length;
        }

        return new ModFileText(text.ToString(), invalid);
    }

    /// <summary>The length of the well-formed UTF-8 sequence at <paramref name="i"/> (RFC 3629: no overlong forms, no surrogates), else 0.</summary>
    private static int SequenceLength(byte[] bytes, int i)
    {
        var b = bytes[i];
        int length;
        int min;
        if (b >= 0xC2 && b <= 0xDF)
        {
            length = 2;
            min = 0x80;
        }
        else if (b >= 0xE0 && b <= 0xEF)
        {
            length = 3;
            min = 0x800;
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            length = 4;
            min = 0x10000;
        }
        else
        {
            return 0;
        }

        if (i + length > bytes.Length)
        {
            return 0;
        }

        var value = b & (0xFF >> (length + 1));
        for (var k = 1; k < length; k++)
        {
            var c = bytes[i + k];
            if ((c & 0xC0) != 0x80)
            {
                return 0;
            }

            value = (value << 6) | (c & 0x3F);
        }

        if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            return 0;
        }

        return length;
    }
}
