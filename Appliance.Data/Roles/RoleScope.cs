namespace Appliance.Data.Roles;

/// <summary>
/// One organisation a user holds a role for. Every role but <c>Administrator</c> (appliance-wide) reaches only the
/// organisations it has a row for: an assignment (<c>AspNetUserRoles</c>) without one reaches nothing. A row can only
/// exist while the assignment does, so removing the role or the user removes its scope with it.
/// </summary>
public sealed class RoleScope
{
    public Guid UserId { get; set; }

    public Guid RoleId { get; set; }

    public Guid TenantId { get; set; }
}
