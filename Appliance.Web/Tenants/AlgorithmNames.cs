using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Hsm;

namespace Appliance.Web.Tenants;

/// <summary>The JWA names stored in the database for the algorithms of a tenant key version.</summary>
public static class AlgorithmNames
{
    public static string Of(KeyWrapAlgorithm algorithm) => algorithm switch
    {
        KeyWrapAlgorithm.RsaOaepSha1 => "RSA-OAEP",
        KeyWrapAlgorithm.RsaOaepSha256 => "RSA-OAEP-256",
    };

    public static string Of(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.Es256 => "ES256",
        SignatureAlgorithm.Rs256 => "RS256",
    };

    public static string Of(TenantKeyAlgorithm algorithm) => algorithm switch
    {
        TenantKeyAlgorithm.Rsa2048 => "RSA-2048",
        TenantKeyAlgorithm.Rsa3072 => "RSA-3072",
    };

    public static KeyWrapAlgorithm ParseWrap(string name) => name switch
    {
        "RSA-OAEP" => KeyWrapAlgorithm.RsaOaepSha1,
        "RSA-OAEP-256" => KeyWrapAlgorithm.RsaOaepSha256,
        _ => throw new InvalidOperationException($"Unknown key wrap algorithm '{name}' in the database."),
    };

    public static SignatureAlgorithm ParseSignature(string name) => name switch
    {
        "ES256" => SignatureAlgorithm.Es256,
        "RS256" => SignatureAlgorithm.Rs256,
        _ => throw new InvalidOperationException($"Unknown signature algorithm '{name}' in the database."),
    };
}
