using Appliance.Crypto.Signing;

namespace Appliance.Hsm.Tests.Support;

/// <summary>A tenant key version with a unique id, destroyed when the test ends (tests share the tokens).</summary>
public sealed class TestKey : IDisposable
{
    private readonly ITenantKeyVault _vault;

    private TestKey(ITenantKeyVault vault, TenantKeyMaterial material)
    {
        _vault = vault;
        Material = material;
    }

    public TenantKeyMaterial Material { get; }

    public string KeyId => Material.KeyId;

    public string Region => Material.Region;

    public static string NewId() => $"test-{Guid.NewGuid():N}";

    public static TestKey Create(ITenantKeyVault vault, string region = "na",
        TenantKeyAlgorithm encryption = TenantKeyAlgorithm.Rsa2048, SignatureAlgorithm signing = SignatureAlgorithm.Es256) =>
        new(vault, vault.GenerateTenantKey(region, NewId(), encryption, signing));

    public void Dispose()
    {
        if (_vault.KeyExists(Region, KeyId))
        {
            _vault.DestroyKey(Region, KeyId);
        }
    }
}
