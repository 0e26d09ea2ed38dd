using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Wire;

/// <summary>
/// The one place that spells the JOSE names of the algorithm enums, as they appear in licences and
/// certificates; public so that the server stores the same spelling and third-party clients can parse it.
/// </summary>
public static class WireNames
{
    public static string Of(SignatureAlgorithm alg) => alg switch
    {
        SignatureAlgorithm.Es256 => "ES256",
        SignatureAlgorithm.Rs256 => "RS256",
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "Unknown signature algorithm."),
    };

    public static string Of(KeyWrapAlgorithm alg) => alg switch
    {
        KeyWrapAlgorithm.RsaOaepSha1 => "RSA-OAEP",
        KeyWrapAlgorithm.RsaOaepSha256 => "RSA-OAEP-256",
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "Unknown key wrap algorithm."),
    };

    public static bool TryParse(string? name, out SignatureAlgorithm alg)
    {
        (var ok, alg) = name switch
        {
            "ES256" => (true, SignatureAlgorithm.Es256),
            "RS256" => (true, SignatureAlgorithm.Rs256),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? name, out KeyWrapAlgorithm alg)
    {
        (var ok, alg) = name switch
        {
            "RSA-OAEP" => (true, KeyWrapAlgorithm.RsaOaepSha1),
            "RSA-OAEP-256" => (true, KeyWrapAlgorithm.RsaOaepSha256),
            _ => (false, default),
        };
        return ok;
    }
}
