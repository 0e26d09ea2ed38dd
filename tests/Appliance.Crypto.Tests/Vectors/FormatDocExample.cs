using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Appliance.Crypto.Tests.Vectors;

/// <summary>
/// The worked example in docs/format.md (the "empty" container vector, byte by byte), rendered from the committed
/// vector. The generator writes it between the markers; a test checks the document still holds exactly this text.
/// </summary>
internal static class FormatDocExample
{
    internal const string Begin = "<!-- vector:empty-file:begin (written by the vector generator from docs/vectors/container.json) -->";
    internal const string End = "<!-- vector:empty-file:end -->";

    internal static string Render(JsonObject container)
    {
        var empty = container["cases"]!.AsArray().Single(c => (string)c!["name"]! == "empty")!;
        var file = Convert.FromHexString((string)empty["protectedFile"]!);
        var headerLength = (int)empty["headerLength"]!;
        var jsonLength = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10));
        var json = Encoding.UTF8.GetString(file, 14, jsonLength);
        var licence = json[22..json.IndexOf("\",", StringComparison.Ordinal)];
        var shortJson = json.Replace(licence, licence[..24] + "…" + licence[^8..], StringComparison.Ordinal);
        var inv = CultureInfo.InvariantCulture;

        var text = new StringBuilder();
        text.AppendLine(Begin);
        text.AppendLine();
        text.AppendLine(inv, $"Inputs: content key `{(string)container["contentKey"]!}`, content id `{(string)container["contentId"]!}`, nonce prefix `{(string)container["noncePrefix"]!}`, segment size {(int)container["segmentSize"]!}, plaintext empty.");
        text.AppendLine();
        text.AppendLine("| offset | length | bytes | meaning |");
        text.AppendLine("| ---: | ---: | --- | --- |");
        text.AppendLine(inv, $"| 0 | 8 | `{Hex(file, 0, 8)}` | magic |");
        text.AppendLine(inv, $"| 8 | 2 | `{Hex(file, 8, 2)}` | version 1 |");
        text.AppendLine(inv, $"| 10 | 4 | `{Hex(file, 10, 4)}` | header JSON length = {jsonLength} |");
        text.AppendLine(inv, $"| 14 | {jsonLength} | (below) | header JSON |");
        text.AppendLine(inv, $"| {headerLength - 32} | 32 | `{Hex(file, headerLength - 32, 32)}` | header MAC |");
        text.AppendLine(inv, $"| {headerLength} | 16 | `{Hex(file, headerLength, file.Length - headerLength)}` | segment 0 (last, empty): the GCM tag alone |");
        text.AppendLine();
        text.AppendLine(inv, $"Segment AAD = SHA-256(bytes 0..{headerLength - 1}) = `{(string)empty["aad"]!}`; segment 0 nonce = `{(string)container["noncePrefix"]!}` `00000000` `01`.");
        text.AppendLine();
        text.AppendLine("Header JSON (the publishing licence shortened here; it is licenses.json `publishingLicense.jws`):");
        text.AppendLine();
        text.AppendLine("```json");
        text.AppendLine(shortJson);
        text.AppendLine("```");
        text.AppendLine();
        text.Append(End);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Replaces the block between the markers in <paramref name="document"/>.</summary>
    internal static string Replace(string document, string block)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidDataException("docs/format.md lacks the vector:empty-file markers.");
        }

        return document[..start] + block + document[(end + End.Length)..];
    }

    private static string Hex(byte[] bytes, int offset, int count) => Convert.ToHexStringLower(bytes, offset, count);
}
