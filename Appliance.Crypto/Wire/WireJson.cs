using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Crypto.Wire;

/// <summary>
/// The JSON dialect of every structure in this library (docs/format.md "JSON conventions"): camelCase names in
/// declaration order, nulls written out, byte strings as base64url, UTC timestamps, JOSE algorithm names.
/// Reading is strict: unknown or duplicate members, missing members and nulls where a value is required are
/// all errors, so that a signed payload has one meaning only.
/// </summary>
internal static class WireJson
{
    internal static readonly JsonSerializerOptions Options = CreateOptions();

    internal static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes; any malformation comes out as <see cref="JsonException"/>, never anything else.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException("Expected an object, found null.");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            // The reader reports some malformations (invalid UTF-8 in a string, out-of-range numbers) this way.
            throw new JsonException("Malformed JSON.", e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Strict)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // These payloads are never embedded in HTML; keep "+" and non-ASCII letters readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 16,
        };
        options.Converters.Add(new Base64UrlBytesConverter());
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new SignatureAlgorithmConverter());
        options.Converters.Add(new KeyWrapAlgorithmConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
