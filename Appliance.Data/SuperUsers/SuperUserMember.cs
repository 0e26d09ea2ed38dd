namespace Appliance.Data.SuperUsers;

/// <summary>
/// A member of a tenant's super users: a user's or a group's address (a group's members, however nested, are super
/// users too). Membership counts only while the tenant's <c>SuperUsersEnabled</c> is on.
/// </summary>
public sealed class SuperUserMember
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Lower-cased e-mail address of a user or a group of the tenant.</summary>
    public required string Principal { get; set; }

    public bool IsGroup { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public required string AddedBy { get; set; }
}
