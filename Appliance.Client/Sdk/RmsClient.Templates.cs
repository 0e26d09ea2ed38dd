using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>Rights policy templates: the ones the user may apply, and their administration.</summary>
public sealed partial class RmsClient
{
    /// <summary>The templates the signed-in user may protect with (names in the template's first language).</summary>
    public Task<IReadOnlyList<AvailableTemplate>> ListAvailableTemplatesAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<AvailableTemplate>>(HttpMethod.Get, "api/v1/templates", null, ct);

    /// <summary>
    /// The template named <paramref name="nameOrId"/> (its id, or its name in any language, ignoring case) among those
    /// the user may apply; an <see cref="RmsApiException"/> with code template-not-found when there is none.
    /// </summary>
    public async Task<AvailableTemplate> FindAvailableTemplateAsync(string nameOrId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        var wanted = nameOrId.Trim();
        var templates = await ListAvailableTemplatesAsync(ct);
        var found = Guid.TryParse(wanted, out var id)
            ? templates.FirstOrDefault(t => t.Id == id)
            : templates.FirstOrDefault(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new RmsApiException(ProblemCodes.TemplateNotFound,
            $"no template '{wanted}' is available to you (unknown, archived, or for another department); run rms templates to see yours",
            System.Net.HttpStatusCode.NotFound);
    }

    private static string TenantPath(string tenant) => $"api/admin/v1/tenants/{Uri.EscapeDataString(tenant)}/templates";

    public Task<IReadOnlyList<TemplateDetails>> ListTemplatesAsync(string tenant, CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<TemplateDetails>>(HttpMethod.Get, TenantPath(tenant), null, ct);

    public Task<TemplateDetails> CreateTemplateAsync(string tenant, TemplateRequest request, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Post, TenantPath(tenant), request, ct);

    public Task<IReadOnlyList<TemplateFieldError>> ValidateTemplateAsync(string tenant, TemplateRequest request, CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<TemplateFieldError>>(HttpMethod.Post, TenantPath(tenant) + "/validate", request, ct);

    public Task<TemplateDetails> GetTemplateAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Get, $"api/admin/v1/templates/{id}", null, ct);

    public Task<TemplateDetails> UpdateTemplateAsync(Guid id, TemplateRequest request, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Put, $"api/admin/v1/templates/{id}", request, ct);

    public Task<TemplateDetails> CopyTemplateAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Post, $"api/admin/v1/templates/{id}/copy", null, ct);

    public Task<TemplateDetails> ArchiveTemplateAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Post, $"api/admin/v1/templates/{id}/archive", null, ct);

    public Task<TemplateDetails> PublishTemplateAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Post, $"api/admin/v1/templates/{id}/publish", null, ct);

    public Task<TemplateDetails> DeleteTemplateAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<TemplateDetails>(HttpMethod.Delete, $"api/admin/v1/templates/{id}", null, ct);
}
