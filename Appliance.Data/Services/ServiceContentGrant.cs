namespace Appliance.Data.Services;

/// <summary>
/// An administrator's authorisation for a service principal (a client-credentials client, e.g. a search indexer) to
/// get licences for a tenant's content: all of it, or only content protected with given templates, with the given
/// rights (VIEW and EXTRACT unless the administrator grants more). One row per service and tenant.
/// </summary>
public sealed class ServiceContentGrant
{
    public long Id { get; set; }

    /// <summary>The service's OAuth client id (<c>svc-…</c>).</summary>
    public required string ClientId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Null: all of the tenant's content; otherwise the templates whose content the service may read.</summary>
    public List<Guid>? TemplateIds { get; set; }

    /// <summary>Comma-separated, catalogue order.</summary>
    public required string Rights { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public required string GrantedBy { get; set; }
}
