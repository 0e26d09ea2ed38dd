using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>
/// What bootstrap gave this device: the user certificate, the user private key (PKCS#8), and the tenant
/// certificates that let the client protect offline and verify what the appliance signs.
/// </summary>
public sealed record RmsIdentity(
    TenantInfo Tenant,
    string UserCertificate,
    byte[] UserPrivateKey,
    IReadOnlyList<string> TenantCertificates,
    string ActiveTenantKeyId)
{
    public static RmsIdentity FromBootstrap(BootstrapResponse response) =>
        new(response.Tenant, response.UserCertificate, response.UserPrivateKey, response.TenantCertificates, response.ActiveTenantKeyId);

    // SECURITY: the generated record ToString would print the private key.
    public override string ToString() => $"RmsIdentity {{ Tenant = {Tenant.Name}, ActiveTenantKeyId = {ActiveTenantKeyId} }}";
}
