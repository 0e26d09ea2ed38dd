using Appliance.Crypto.Licensing;
using Appliance.Data.Tenants;

namespace Appliance.Web.Licensing;

/// <summary>A publishing licence whose signature chain checked out against a tenant key of this appliance.</summary>
/// <param name="SignerUserId">The user who signed it, or null when the appliance itself signed it.</param>
public sealed record VerifiedPublishingLicense(
    ParsedPublishingLicense License,
    TenantKey TenantKey,
    Guid? SignerUserId,
    string? SignerEmail);
