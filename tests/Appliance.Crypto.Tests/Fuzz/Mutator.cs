using System.Text;

namespace Appliance.Crypto.Tests.Fuzz;

/// <summary>Seeded random mutations of valid inputs: the cheap structure-unaware half of a fuzzer.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xC0, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)'.', (byte)'-', (byte)'_', (byte)'=', (byte)'0', (byte)'9', (byte)'A', (byte)'z'];

    private static readonly string[] JsonTokens =
    [
        "null", "true", "0", "-1", "2147483648", "1e999", "1.5", "\"\"", "[]", "{}", "\"\\ud800\"", "\"\\u0000\"",
        "\"AAAA\"", "\"ES256\"", "\"RSA-OAEP\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"00000000-0000-0000-0000-000000000000\"", "[null]", "[\"VIEW\",null]", new string('[', 100),
    ];

    private readonly Random _random = new(seed);

    internal int Next(int max) => _random.Next(max);

    /// <summary>One to three random edits: bit flips, byte sets, insertions, deletions, truncation, duplication.</summary>
    internal byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var edits = 1 + _random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.InsertRange(at, RandomBytes(1 + _random.Next(8)));
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                    data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 6 when data.Count > 0:
                    data[at] = (byte)_random.Next(256);
                    break;
                default:
                    data.Insert(at, Interesting[_random.Next(Interesting.Length)]);
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>A JSON document with one value (a string, number or literal) replaced by an odd token, or byte-mutated.</summary>
    internal byte[] MutateJson(byte[] json)
    {
        if (_random.Next(3) == 0)
        {
            return Mutate(json);
        }

        var text = Encoding.UTF8.GetString(json);
        var colons = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i == 0 || text[i - 1] == '"'))
            {
                colons.Add(i);
            }
        }

        if (colons.Count == 0)
        {
            return Mutate(json);
        }

        var start = colons[_random.Next(colons.Count)] + 1;
        var end = ValueEnd(text, start);
        return Encoding.UTF8.GetBytes(text[..start] + JsonTokens[_random.Next(JsonTokens.Length)] + text[end..]);
    }

    internal string MutateText(string text) => Encoding.Latin1.GetString(Mutate(Encoding.Latin1.GetBytes(text)));

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>End of the scalar value (or bracketed value, roughly) starting at <paramref name="start"/>.</summary>
    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return text.Length;
        }

        if (text[start] == '"')
        {
            var i = start + 1;
            while (i < text.Length && text[i] != '"')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            return Math.Min(i + 1, text.Length);
        }

        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}' when depth == 0:
                    return i;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return text.Length;
    }
}
