using Microsoft.AspNetCore.Identity;

namespace Appliance.Data.Users;

/// <summary>
/// A person or administrator known to the appliance. <see cref="TenantId"/> is null for appliance
/// administrators who belong to no organisation (the first-start <c>admin</c>).
/// </summary>
public sealed class ApplianceUser : IdentityUser<Guid>
{
    public Guid? TenantId { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><see cref="DirectorySync.PrincipalSources"/>: <c>local</c>, <c>ldap</c> or <c>external</c>.</summary>
    public string Source { get; set; } = DirectorySync.PrincipalSources.Local;

    /// <summary>The directory's object id (objectGUID, entryUUID), which survives renames; null for local users.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The user's DN at the last sync: an LDAP user signs in by binding as it.</summary>
    public string? DistinguishedName { get; set; }
}
