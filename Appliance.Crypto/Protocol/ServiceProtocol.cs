namespace Appliance.Crypto.Protocol;

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
