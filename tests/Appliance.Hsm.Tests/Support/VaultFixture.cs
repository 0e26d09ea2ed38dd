using Appliance.TestSupport.Hsm;

namespace Appliance.Hsm.Tests.Support;

/// <summary>One vault over the na, emea and apac test tokens per test class, disposed after the class.</summary>
public sealed class VaultFixture : IDisposable
{
    public VaultFixture()
    {
        Environment = SoftHsmTestEnvironment.Instance;
        Vault = new Pkcs11TenantKeyVault(Environment.Options);
    }

    public SoftHsmTestEnvironment Environment { get; }

    public Pkcs11TenantKeyVault Vault { get; }

    public void Dispose() => Vault.Dispose();
}
