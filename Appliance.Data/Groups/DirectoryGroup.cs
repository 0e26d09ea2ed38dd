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
}
