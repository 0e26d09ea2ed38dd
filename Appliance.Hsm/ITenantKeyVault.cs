using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Hsm;

/// <summary>
/// Tenant keys by intent. Every operation names the region whose token holds the key; a region this node does
/// not serve is refused with <see cref="HsmErrorCode.RegionNotServed"/>. Failures are <see cref="HsmException"/>.
/// </summary>
public interface ITenantKeyVault
{
    IReadOnlyCollection<string> Regions { get; }

    void EnsureRegionServed(string region);

    /// <summary>RSA-OAEP-256 when the region's token supports it (probed at start-up), otherwise RSA-OAEP (SHA-1).</summary>
    KeyWrapAlgorithm WrapAlgorithmFor(string region);

    TenantKeyMaterial GenerateTenantKey(string region, string keyId, TenantKeyAlgorithm encryption, SignatureAlgorithm signing);

    /// <summary>RSA-OAEP decryption inside the HSM with the tenant encryption key.</summary>
    byte[] Unwrap(string region, string keyId, ReadOnlySpan<byte> wrapped, KeyWrapAlgorithm algorithm);

    /// <summary>ES256: raw r||s (64 bytes); RS256: PKCS#1 v1.5 over SHA-256.</summary>
    byte[] Sign(string region, string keyId, ReadOnlySpan<byte> data, SignatureAlgorithm algorithm);

    bool KeyExists(string region, string keyId);

    void DestroyKey(string region, string keyId);

    ISignatureKey SigningKey(string region, string keyId, SignatureAlgorithm algorithm);

    IKeyUnwrapper Unwrapper(string region, string keyId);
}
