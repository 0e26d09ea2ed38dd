using Appliance.Crypto.KeyWrap;

namespace Appliance.Hsm;

/// <summary>A tenant encryption key in the HSM, as Appliance.Crypto's <see cref="IKeyUnwrapper"/>.</summary>
internal sealed class HsmKeyUnwrapper : IKeyUnwrapper
{
    private readonly ITenantKeyVault _vault;
    private readonly string _region;

    public HsmKeyUnwrapper(ITenantKeyVault vault, string region, string keyId)
    {
        _vault = vault;
        _region = region;
        KeyId = keyId;
    }

    public string KeyId { get; }

    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, KeyWrapAlgorithm algorithm, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_vault.Unwrap(_region, KeyId, wrapped.Span, algorithm));
    }
}
