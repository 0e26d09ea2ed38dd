using System.Buffers.Text;

namespace Appliance.Crypto.Wire;

/// <summary>
/// Base64url without padding (RFC 7515 §2), decoded strictly: only the 64 alphabet characters, no padding,
/// no whitespace, and zero unused trailing bits. Every byte string thus has exactly one textual form, so a
/// signed or MAC'd value cannot be re-spelled.
/// </summary>
internal static class Base64UrlStrict
{
    internal static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    internal static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (ValueOf(c) < 0)
            {
                return false;
            }
        }

        if (text.Length > 0)
        {
            // The last character of a 2- or 3-character tail carries 4 or 2 bits that must be zero.
            var last = ValueOf(text[^1]);
            var unusedBitsMask = (text.Length % 4) switch { 2 => 0x0F, 3 => 0x03, _ => 0 };
            if ((last & unusedBitsMask) != 0)
            {
                return false;
            }
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    internal static bool IsAlphabet(char c) => ValueOf(c) >= 0;

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
