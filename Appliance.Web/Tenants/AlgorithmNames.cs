using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Wire;
using Appliance.Hsm;

namespace Appliance.Web.Tenants;

/// <summary>
/// The names stored in the database for the algorithms of a tenant key version: the JOSE names of
/// <see cref="WireNames"/>, plus the key size of the HSM key.
/// </summary>
public static class AlgorithmNames
{
    public static string Of(KeyWrapAlgorithm algorithm) => WireNames.Of(algorithm);

    public static string Of(SignatureAlgorithm algorithm) => WireNames.Of(algorithm);

    public static string Of(TenantKeyAlgorithm algorithm) => algorithm switch
    {
        TenantKeyAlgorithm.Rsa2048 => "RSA-2048",
        TenantKeyAlgorithm.Rsa3072 => "RSA-3072",
    };

    public static KeyWrapAlgorithm ParseWrap(string name) => WireNames.TryParse(name, out KeyWrapAlgorithm algorithm)
        ? algorithm
        : throw new InvalidOperationException($"Unknown key wrap algorithm '{name}' in the database.");

    public static SignatureAlgorithm ParseSignature(string name) => WireNames.TryParse(name, out SignatureAlgorithm algorithm)
        ? algorithm
        : throw new InvalidOperationException($"Unknown signature algorithm '{name}' in the database.");
}
