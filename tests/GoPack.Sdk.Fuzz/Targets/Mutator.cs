using System.Text;

namespace GoPack.Sdk.Fuzz;

/// <summary>
/// Makes new inputs from old ones, as libFuzzer and AFL do (bit flips, interesting bytes, cut, duplicate, splice,
/// dictionary words), plus what build tools meet in real files: CRLF, a BOM, bytes that are not UTF-8, a huge line,
/// deep nesting.
/// </summary>
public sealed class Mutator(Random random, IReadOnlyList<byte[]> dictionary)
{
    /// <summary>Inputs grow to at most this by ordinary mutations; <see cref="Huge"/> goes beyond on purpose.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly byte[] Interesting =
        [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x2F, 0x3A, 0x5B, 0x5C, 0x5D, 0x60, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF];

    private static readonly byte[][] Sequences =
    [
        [0xEF, 0xBB, 0xBF],             // BOM
        [0xED, 0xA0, 0x80],             // an encoded surrogate: not UTF-8
        [0xC0, 0xAF],                   // overlong '/'
        [0xF4, 0x90, 0x80, 0x80],       // beyond U+10FFFF
        [0xE2, 0x80, 0xA8],             // U+2028 line separator
        [0xC2, 0xA0],                   // no-break space
        [0x0D, 0x0A],
        [0xFF],
        [0xE2, 0x82],                   // cut short
    ];

    private static readonly string[] Nesting = ["(", "[", "{", "{\"a\":", "[[", "((", "\"", "\\"];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++) MutateOnce(data, corpus);
        if (data.Count > MaxLength && random.Next(8) != 0) data.RemoveRange(MaxLength, data.Count - MaxLength);
        return data.ToArray();
    }

    private void MutateOnce(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        switch (random.Next(data.Count == 0 ? 3 : 16))
        {
            case 0: // insert a dictionary word
                if (dictionary.Count > 0) data.InsertRange(Position(data, insert: true), dictionary[random.Next(dictionary.Count)]);
                break;
            case 1: // insert random bytes
                data.InsertRange(Position(data, insert: true), RandomBytes(1 + random.Next(8)));
                break;
            case 2: // a malformed or special sequence
                data.InsertRange(Position(data, insert: true), Sequences[random.Next(Sequences.Length)]);
                break;
            case 3: // flip a bit
                data[Position(data)] ^= (byte)(1 << random.Next(8));
                break;
            case 4: // an interesting byte
                data[Position(data)] = Interesting[random.Next(Interesting.Length)];
                break;
            case 5: // a random byte
                data[Position(data)] = (byte)random.Next(256);
                break;
            case 6: // cut a range
            {
                var start = Position(data);
                data.RemoveRange(start, Math.Min(data.Count - start, 1 + random.Next(Math.Min(64, data.Count))));
                break;
            }
            case 7: // duplicate a range
            {
                var start = Position(data);
                var length = Math.Min(data.Count - start, 1 + random.Next(64));
                var chunk = data.GetRange(start, length);
                var times = 1 + random.Next(random.Next(8) == 0 ? 64 : 3);
                for (var t = 0; t < times && data.Count < MaxLength; t++) data.InsertRange(start, chunk);
                break;
            }
            case 8: // splice in part of another input
            {
                if (corpus.Count == 0) break;
                var other = corpus[random.Next(corpus.Count)];
                if (other.Length == 0) break;
                var start = random.Next(other.Length);
                var length = Math.Min(other.Length - start, 1 + random.Next(256));
                data.InsertRange(Position(data, insert: true), new ArraySegment<byte>(other, start, length));
                break;
            }
            case 9: // a line of another input replaces one of this one's
                SwapLine(data, corpus);
                break;
            case 10: // overwrite with a dictionary word
                if (dictionary.Count > 0)
                {
                    var word = dictionary[random.Next(dictionary.Count)];
                    var at = Position(data);
                    for (var k = 0; k < word.Length && at + k < data.Count; k++) data[at + k] = word[k];
                }
                break;
            case 11: // every LF a CRLF, or every CR gone
                ReplaceLineEnds(data);
                break;
            case 12: // a BOM in front (or a second one)
                data.InsertRange(0, Sequences[0]);
                break;
            case 13: // nesting, a few levels or many
            {
                var open = Encoding.UTF8.GetBytes(Nesting[random.Next(Nesting.Length)]);
                var depth = random.Next(4) == 0 ? 1000 + random.Next(20000) : 1 + random.Next(64);
                var at = Position(data, insert: true);
                for (var d = 0; d < depth && data.Count < MaxLength * 2; d++) data.InsertRange(at, open);
                break;
            }
            case 14: // a number at its limits
                data.InsertRange(Position(data, insert: true), Encoding.ASCII.GetBytes(Numbers[random.Next(Numbers.Length)]));
                break;
            default: // swap two bytes
            {
                var a = Position(data);
                var b = Position(data);
                (data[a], data[b]) = (data[b], data[a]);
                break;
            }
        }
    }

    private static readonly string[] Numbers =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "99999999999999999999", "1e308", "1.5", "00", "0x10"];

    /// <summary>The input with one line made huge: what flooded the console once (a 1 MB go.mod line printed twice).</summary>
    public byte[] Huge(byte[] input)
    {
        var data = new List<byte>(input);
        var at = Position(data, insert: true);
        var fill = dictionary.Count > 0 && random.Next(2) == 0 ? dictionary[random.Next(dictionary.Count)] : [(byte)'a'];
        if (fill.Length == 0) fill = [(byte)'a'];
        var size = 256 * 1024 + random.Next(768 * 1024);
        var huge = new byte[size];
        for (var i = 0; i < size; i++) huge[i] = fill[i % fill.Length] is (byte)'\n' or (byte)'\r' ? (byte)'x' : fill[i % fill.Length];
        data.InsertRange(at, huge);
        return data.ToArray();
    }

    private void SwapLine(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        if (corpus.Count == 0) return;
        var lines = Split(corpus[random.Next(corpus.Count)]);
        if (lines.Count == 0) return;
        var line = lines[random.Next(lines.Count)];
        var mine = Split(data.ToArray());
        if (mine.Count == 0) return;
        mine[random.Next(mine.Count)] = line;
        data.Clear();
        for (var i = 0; i < mine.Count; i++)
        {
            if (i > 0) data.Add((byte)'\n');
            data.AddRange(mine[i]);
        }
    }

    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }
        return lines;
    }

    private void ReplaceLineEnds(List<byte> data)
    {
        var crlf = random.Next(2) == 0;
        var result = new List<byte>(data.Count + 64);
        foreach (var b in data)
        {
            if (crlf && b == '\n') result.Add((byte)'\r');
            if (!crlf && b == '\r') continue;
            result.Add(b);
        }
        data.Clear();
        data.AddRange(result);
    }

    private int Position(List<byte> data, bool insert = false) =>
        data.Count == 0 ? 0 : random.Next(insert ? data.Count + 1 : data.Count);

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// Inputs every target starts from besides its seeds: nothing, random bytes, each seed with CRLF, with a BOM, with
    /// bytes that are not UTF-8, with a huge line, deeply nested. The xunit replay runs these too.
    /// </summary>
    public static IEnumerable<byte[]> EdgeInputs(IReadOnlyList<byte[]> seeds)
    {
        var random = new Random(15);
        yield return [];
        yield return [0xEF, 0xBB, 0xBF];
        yield return [0xFF, 0xFE, 0x00];
        yield return Encoding.UTF8.GetBytes("\n\n\r\r\n");
        var noise = new byte[4096];
        random.NextBytes(noise);
        yield return noise;
        foreach (var open in Nesting) yield return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, 100_000)));
        yield return Encoding.UTF8.GetBytes(new string('a', 1_000_000));
        foreach (var seed in seeds.Take(8))
        {
            var text = Encoding.UTF8.GetString(seed);
            yield return Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"));
            yield return Encoding.UTF8.GetBytes(text.Replace("\r", ""));
            yield return [0xEF, 0xBB, 0xBF, .. seed];
            yield return [.. seed, 0xFF, 0xC0, (byte)'\n', 0xED, 0xA0, 0x80];
            var middle = seed.Length / 2;
            yield return [.. seed[..middle], 0xC3, 0x28, .. seed[middle..]];
            yield return [.. seed[..middle], .. Encoding.ASCII.GetBytes(new string('x', 1_000_000)), .. seed[middle..]];
            yield return seed[..middle];
        }
    }
}
