namespace Appliance.Data.Tenants;

/// <summary>An e-mail domain whose users belong to a tenant. A domain belongs to at most one tenant.</summary>
public sealed class TenantDomain
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Lower-case domain, for example <c>contoso.test</c>. Unique across the appliance.</summary>
    public required string Domain { get; set; }
}
