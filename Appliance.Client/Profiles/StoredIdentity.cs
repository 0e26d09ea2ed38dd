using Appliance.Crypto.Protocol;

namespace Appliance.Client.Profiles;

/// <summary>The content of identity.json (the private key lives beside it in user-key.pem).</summary>
internal sealed record StoredIdentity(
    TenantInfo Tenant,
    string UserCertificate,
    IReadOnlyList<string> TenantCertificates,
    string ActiveTenantKeyId);
