namespace Appliance.Data.Tenants;

/// <summary>An organisation whose protection is activated on this appliance, bound to one region.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The security world (HSM partition) that holds every key of this tenant. Never changes.</summary>
    public required string Region { get; set; }

    public DateTimeOffset ActivatedAt { get; set; }

    /// <summary>The most offline days a template may give (its <c>always</c>); see Appliance.Web/Templates.</summary>
    public int MaxOfflineDays { get; set; } = DefaultMaxOfflineDays;

    public const int DefaultMaxOfflineDays = 30;

    /// <summary>
    /// Off by default. While on, the tenant's super users (<c>SuperUserMember</c>) get every right on all of its
    /// content, each licence logged as acting for the owner.
    /// </summary>
    public bool SuperUsersEnabled { get; set; }

    public List<TenantDomain> Domains { get; set; } = [];

    public List<TenantKey> Keys { get; set; } = [];
}
