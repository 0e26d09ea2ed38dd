namespace Appliance.Crypto.Protocol;

/// <summary>The body of <c>POST /services</c>: a client-credentials service, optionally a global administrator.</summary>
public sealed record CreateServiceRequest(string Name, bool IsAdmin);

/// <summary>The new service's client id and secret; the secret is shown this once and kept only hashed.</summary>
public sealed record CreatedService(string ClientId, string ClientSecret, IReadOnlyList<string> Roles)
{
    // SECURITY: the generated record ToString would print the secret.
    public override string ToString() => $"CreatedService {{ ClientId = {ClientId}, Roles = [{string.Join(", ", Roles)}] }}";
}

/// <summary>
/// The body of <c>PUT /services/{clientId}/content-access/{tenantId}</c>: lets a service (search, indexing) get
/// licences for an organisation's content. <see cref="TemplateIds"/> null: all of it; otherwise only content
/// protected with those templates. <see cref="Rights"/> null: VIEW and EXTRACT, the least that reading needs.
/// </summary>
public sealed record ServiceContentAccessRequest(IReadOnlyList<Guid>? TemplateIds = null, IReadOnlyList<string>? Rights = null);

public sealed record ServiceContentAccess(
    string ClientId,
    Guid TenantId,
    IReadOnlyList<Guid>? TemplateIds,
    IReadOnlyList<string> Rights,
    DateTimeOffset GrantedAt,
    string GrantedBy);
