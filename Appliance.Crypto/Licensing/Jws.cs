using System.Text;
using System.Text.Json;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>A decoded JWS compact serialisation whose header has been checked (but whose signature has not).</summary>
internal sealed record JwsParts(JwsHeader Header, SignatureAlgorithm Algorithm, byte[] SigningInput, byte[] Payload, byte[] Signature);

/// <summary>
/// JWS compact serialisation (RFC 7515 §7.1) restricted to this format: the protected header is exactly
/// {"alg","kid","typ"}, there is no unprotected header, and every part is strict base64url.
/// </summary>
internal static class Jws
{
    /// <summary>Upper bound on a serialised JWS; a publishing licence embeds a user certificate and is a few KB.</summary>
    internal const int MaxLength = 1024 * 1024;

    private const int MaxKeyIdLength = 256;

    internal static async Task<string> SignAsync(string typ, byte[] payload, ISignatureKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(key.KeyId) || key.KeyId.Length > MaxKeyIdLength)
        {
            throw new ArgumentException($"The signing key needs a key id of 1 to {MaxKeyIdLength} characters.", nameof(key));
        }

        var header = new JwsHeader(WireNames.Of(key.Algorithm), key.KeyId, typ);
        var signingInput = Base64UrlStrict.Encode(WireJson.Serialize(header)) + "." + Base64UrlStrict.Encode(payload);
        var signature = await key.SignAsync(Encoding.ASCII.GetBytes(signingInput), ct).ConfigureAwait(false);
        if (key.Algorithm == SignatureAlgorithm.Es256 && signature.Length != 64)
        {
            // A DER-encoded ECDSA signature here would produce licences nobody can verify.
            throw new InvalidOperationException($"An ES256 signer must return raw r||s (64 bytes), not {signature.Length} bytes.");
        }

        return signingInput + "." + Base64UrlStrict.Encode(signature);
    }

    /// <summary>Splits and decodes <paramref name="jws"/>, checking its header and that "typ" is <paramref name="expectedTyp"/>.</summary>
    /// <exception cref="LicenseException">Malformed, UnsupportedAlgorithm or WrongType.</exception>
    internal static JwsParts Decode(string jws, string expectedTyp)
    {
        if (string.IsNullOrEmpty(jws) || jws.Length > MaxLength)
        {
            throw Malformed("The JWS is empty or too long.");
        }

        var firstDot = jws.IndexOf('.', StringComparison.Ordinal);
        var lastDot = jws.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || jws.IndexOf('.', firstDot + 1) != lastDot || lastDot == jws.Length - 1)
        {
            throw Malformed("A JWS compact serialisation has exactly three non-empty parts.");
        }

        var headerBytes = DecodePart(jws.AsSpan(0, firstDot), "header");
        var payload = DecodePart(jws.AsSpan(firstDot + 1, lastDot - firstDot - 1), "payload");
        var signature = DecodePart(jws.AsSpan(lastDot + 1), "signature");
        if (payload.Length == 0)
        {
            throw Malformed("The JWS payload is empty.");
        }

        JwsHeader header;
        try
        {
            header = WireJson.Deserialize<JwsHeader>(headerBytes);
        }
        catch (JsonException e)
        {
            throw new LicenseException(LicenseError.Malformed, "The JWS header is not {\"alg\",\"kid\",\"typ\"}.", e);
        }

        if (!WireNames.TryParse(header.Alg, out SignatureAlgorithm algorithm))
        {
            throw new LicenseException(LicenseError.UnsupportedAlgorithm, $"JWS algorithm '{Printable(header.Alg)}' is not supported.");
        }

        if (header.Kid.Length is 0 or > MaxKeyIdLength)
        {
            throw Malformed("The JWS key id is empty or too long.");
        }

        if (!string.Equals(header.Typ, expectedTyp, StringComparison.Ordinal))
        {
            throw new LicenseException(LicenseError.WrongType, $"Expected a '{expectedTyp}', found '{Printable(header.Typ)}'.");
        }

        // Every part was checked to be base64url, so the signing input is plain ASCII.
        var signingInput = Encoding.ASCII.GetBytes(jws, 0, lastDot);
        return new JwsParts(header, algorithm, signingInput, payload, signature);
    }

    internal static bool Verify(JwsParts parts, ReadOnlySpan<byte> signerSpki) =>
        SignatureVerifier.Verify(parts.Algorithm, signerSpki, parts.SigningInput, parts.Signature);

    /// <exception cref="LicenseException">SignatureInvalid.</exception>
    internal static void VerifyOrThrow(JwsParts parts, ReadOnlySpan<byte> signerSpki)
    {
        if (!Verify(parts, signerSpki))
        {
            // SECURITY: one message for a wrong key, a wrong algorithm and a forged signature alike.
            throw new LicenseException(LicenseError.SignatureInvalid, "The signature is not valid.");
        }
    }

    /// <summary>Reads the payload: the version first (so a future version is reported as such), then the whole schema.</summary>
    /// <exception cref="LicenseException">UnsupportedVersion or Malformed.</exception>
    internal static T ReadPayload<T>(byte[] payload, string what)
    {
        int version;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("version", out var versionElement)
                || versionElement.ValueKind != JsonValueKind.Number
                || !versionElement.TryGetInt32(out version))
            {
                throw Malformed($"The {what} has no integer \"version\".");
            }
        }
        catch (JsonException e)
        {
            throw new LicenseException(LicenseError.Malformed, $"The {what} payload is not JSON.", e);
        }

        if (version != JwsTypes.CurrentVersion)
        {
            throw new LicenseException(LicenseError.UnsupportedVersion, $"{what} version {version} is not supported.");
        }

        try
        {
            return WireJson.Deserialize<T>(payload);
        }
        catch (JsonException e)
        {
            throw new LicenseException(LicenseError.Malformed, $"The {what} payload does not match its schema: {e.Message}", e);
        }
    }

    internal static LicenseException Malformed(string message) => new(LicenseError.Malformed, message);

    private static byte[] DecodePart(ReadOnlySpan<char> part, string name) =>
        Base64UrlStrict.TryDecode(part, out var bytes)
            ? bytes
            : throw Malformed($"The JWS {name} is not base64url without padding.");

    /// <summary>Untrusted text in a message: short, and without control characters.</summary>
    private static string Printable(string value)
    {
        var shortened = value.Length > 40 ? value[..40] + "…" : value;
        return string.Create(shortened.Length, shortened, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
