using System.Buffers.Text;
using System.Text.Json;

namespace Appliance.Client.Sdk;

/// <summary>
/// Reads the <c>kid</c> of any JWS compact serialisation without verifying it, to pick the key to verify
/// with. Only a lookup hint: nothing read here is trusted before the signature checks out.
/// </summary>
internal static class JwsKid
{
    public static string? Read(string jws)
    {
        var dot = jws.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var header = Base64Url.DecodeFromChars(jws.AsSpan(0, dot));
            using var document = JsonDocument.Parse(header);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kid", out var kid)
                && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
