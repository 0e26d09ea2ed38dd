using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Wire;

/// <summary>byte[] as a strict base64url string without padding.</summary>
internal sealed class Base64UrlBytesConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a base64url string.");
        }

        return Base64UrlStrict.TryDecode(reader.GetString(), out var bytes)
            ? bytes
            : throw new JsonException("Not canonical base64url without padding.");
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Base64UrlStrict.Encode(value));
}

/// <summary>
/// Timestamps are written in UTC as "yyyy-MM-ddTHH:mm:ss[.fffffff]Z" (RFC 3339) and read from any RFC 3339 form.
/// A date-time without "Z" or an offset is refused: read on another machine it would mean another instant.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected an RFC 3339 timestamp.");
        }

        var text = reader.GetString()!;
        var hasZone = text.Length > 19 && text[10] is 'T' or 't'
            && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
        return hasZone ? value : throw new JsonException("A timestamp needs a time and \"Z\" or an offset.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}

/// <summary>Signature algorithms by their exact JOSE names; numbers and other spellings are refused.</summary>
internal sealed class SignatureAlgorithmConverter : JsonConverter<SignatureAlgorithm>
{
    public override SignatureAlgorithm Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && WireNames.TryParse(reader.GetString(), out SignatureAlgorithm alg)
            ? alg
            : throw new JsonException("Unknown signature algorithm.");

    public override void Write(Utf8JsonWriter writer, SignatureAlgorithm value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireNames.Of(value));
}

/// <summary>Key wrap algorithms by their exact JOSE names; numbers and other spellings are refused.</summary>
internal sealed class KeyWrapAlgorithmConverter : JsonConverter<KeyWrapAlgorithm>
{
    public override KeyWrapAlgorithm Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && WireNames.TryParse(reader.GetString(), out KeyWrapAlgorithm alg)
            ? alg
            : throw new JsonException("Unknown key wrap algorithm.");

    public override void Write(Utf8JsonWriter writer, KeyWrapAlgorithm value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireNames.Of(value));
}
