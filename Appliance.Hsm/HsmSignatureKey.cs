using Appliance.Crypto.Signing;

namespace Appliance.Hsm;

/// <summary>A tenant signing key in the HSM, as Appliance.Crypto's <see cref="ISignatureKey"/>.</summary>
internal sealed class HsmSignatureKey : ISignatureKey
{
    private readonly ITenantKeyVault _vault;
    private readonly string _region;

    public HsmSignatureKey(ITenantKeyVault vault, string region, string keyId, SignatureAlgorithm algorithm)
    {
        _vault = vault;
        _region = region;
        KeyId = keyId;
        Algorithm = algorithm;
    }

    public string KeyId { get; }

    public SignatureAlgorithm Algorithm { get; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // The HSM call is short and synchronous; it completes on the caller's thread.
        return ValueTask.FromResult(_vault.Sign(_region, KeyId, data.Span, Algorithm));
    }
}
