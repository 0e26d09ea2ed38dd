namespace Appliance.Crypto.Protocol;

// The JSON bodies of the licensing endpoints (docs/protocol.md). They live here, beside the
// formats they carry, so that the server, the `rms` client and third-party clients share one
// definition. Byte arrays travel as standard base64 (System.Text.Json's default).

/// <summary>Answer to <c>POST /api/v1/bootstrap</c>: everything a device needs to protect offline.</summary>
public sealed record BootstrapResponse(
    TenantInfo Tenant,
    string UserCertificate,
    byte[] UserPrivateKey,
    IReadOnlyList<string> TenantCertificates,
    string ActiveTenantKeyId);

public sealed record TenantInfo(Guid Id, string Name, string Region, IReadOnlyList<string> Domains);

/// <summary>Body of <c>POST /api/v1/publish</c>: registers a publishing licence made by a client.</summary>
/// <param name="NotifyOwner">E-mail the owner a digest of others' opens and refusals; absent (false) from older clients.</param>
public sealed record RegisterContentRequest(string PublishingLicense, string? FileName, bool NotifyOwner = false);

public sealed record RegisterContentResponse(Guid ContentId, DateTimeOffset RegisteredAt);

/// <summary>
/// Body of <c>POST /api/v1/licenses</c>. <see cref="PublicKey"/> (SubjectPublicKeyInfo DER) is the key the
/// content key is wrapped to; when absent, the caller's bootstrapped user key is used.
/// </summary>
public sealed record AcquireLicenseRequest(string PublishingLicense, byte[]? PublicKey);

public sealed record AcquireLicenseResponse(string UseLicense);
