namespace Appliance.Data.Groups;

/// <summary>
/// A group is a principal with an e-mail address, as in Active Directory (<c>sales@contoso.test</c>):
/// a grant to it reaches every member, however deeply nested.
/// </summary>
public sealed class DirectoryGroup
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Lower-case address, unique across the appliance.</summary>
    public required string Email { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><see cref="DirectorySync.PrincipalSources"/>: <c>local</c> or <c>ldap</c>.</summary>
    public string Source { get; set; } = DirectorySync.PrincipalSources.Local;

    /// <summary>The directory's object id (objectGUID, entryUUID); null for local groups.</summary>
    public string? ExternalId { get; set; }
}
