using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Templates;

/// <summary>
/// The template administration calls (docs/protocol.md, "Rights policy templates"). <c>{tenant}</c> is an
/// organisation's id, one of its domains or its name. Changes are saved by the usage filter with their entry. A template
/// administrator reaches only the organisations the role is held for (<see cref="TemplateAdministration"/> checks).
/// </summary>
public static class TemplateAdminApi
{
    public static RouteGroupBuilder MapTemplateAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenant}/templates", ListAsync).WithName("ListTemplates").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPost("/tenants/{tenant}/templates", CreateAsync).WithName("CreateTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "CreateTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPost("/tenants/{tenant}/templates/validate", ValidateAsync).WithName("ValidateTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapGet("/templates/{id:guid}", GetAsync).WithName("GetTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPut("/templates/{id:guid}", UpdateAsync).WithName("UpdateTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "UpdateTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPost("/templates/{id:guid}/copy", CopyAsync).WithName("CopyTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "CopyTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPost("/templates/{id:guid}/archive", ArchiveAsync).WithName("ArchiveTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "ArchiveTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapPost("/templates/{id:guid}/publish", PublishAsync).WithName("PublishTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "PublishTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        admin.MapDelete("/templates/{id:guid}", DeleteAsync).WithName("DeleteTemplate")
            .LogsUsage(UsageRequestTypes.Admin, "DeleteTemplate").RequireAuthorization(TemplatePolicies.TemplateAdmin);
        return admin;
    }

    private static async Task<Ok<List<TemplateDetails>>> ListAsync(string tenant, TemplateAdministration templates, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(user, (await templates.TenantAsync(user, tenant, ct)).Id, ct));

    private static async Task<Ok<IReadOnlyList<TemplateFieldError>>> ValidateAsync(
        string tenant, TemplateRequest request, TemplateAdministration templates, ClaimsPrincipal user, Guid? templateId, CancellationToken ct) =>
        TypedResults.Ok(await templates.ValidateAsync(user, (await templates.TenantAsync(user, tenant, ct)).Id, request, templateId, ct));

    private static async Task<Created<TemplateDetails>> CreateAsync(
        string tenant, TemplateRequest request, TemplateAdministration templates, HttpContext http, CancellationToken ct)
    {
        var tenantId = (await templates.TenantAsync(http.User, tenant, ct)).Id;
        UsageLoggingFilter.Current(http).TenantId = tenantId;
        var created = await templates.CreateAsync(http.User, tenantId, request, ct);
        Audit(http, "CreateTemplate", created);
        return TypedResults.Created($"/api/admin/v1/templates/{created.Id}", created);
    }

    private static async Task<Ok<TemplateDetails>> GetAsync(Guid id, TemplateAdministration templates, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await templates.GetAsync(user, id, ct));

    private static async Task<Ok<TemplateDetails>> UpdateAsync(Guid id, TemplateRequest request, TemplateAdministration templates, HttpContext http, CancellationToken ct)
    {
        UsageLoggingFilter.Current(http).TemplateId = id;
        var updated = await templates.UpdateAsync(http.User, id, request, ct);
        Audit(http, "UpdateTemplate", updated);
        return TypedResults.Ok(updated);
    }

    private static async Task<Created<TemplateDetails>> CopyAsync(Guid id, TemplateAdministration templates, HttpContext http, CancellationToken ct)
    {
        UsageLoggingFilter.Current(http).TemplateId = id;
        var copy = await templates.CopyAsync(http.User, id, ct);
        Audit(http, $"CopyTemplate {id} to", copy);
        return TypedResults.Created($"/api/admin/v1/templates/{copy.Id}", copy);
    }

    private static Task<Ok<TemplateDetails>> ArchiveAsync(Guid id, TemplateAdministration templates, HttpContext http, CancellationToken ct) =>
        ChangeAsync(id, "ArchiveTemplate", templates.ArchiveAsync, http, ct);

    private static Task<Ok<TemplateDetails>> PublishAsync(Guid id, TemplateAdministration templates, HttpContext http, CancellationToken ct) =>
        ChangeAsync(id, "PublishTemplate", templates.PublishAsync, http, ct);

    private static Task<Ok<TemplateDetails>> DeleteAsync(Guid id, TemplateAdministration templates, HttpContext http, CancellationToken ct) =>
        ChangeAsync(id, "DeleteTemplate", templates.DeleteAsync, http, ct);

    private static async Task<Ok<TemplateDetails>> ChangeAsync(
        Guid id, string action, Func<ClaimsPrincipal, Guid, CancellationToken, Task<TemplateDetails>> change, HttpContext http, CancellationToken ct)
    {
        UsageLoggingFilter.Current(http).TemplateId = id;
        var changed = await change(http.User, id, ct);
        Audit(http, action, changed);
        return TypedResults.Ok(changed);
    }

    private static void Audit(HttpContext http, string action, TemplateDetails template)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = template.TenantId;
        record.TemplateId = template.Id;
        record.AdminAction = $"{action} {template.Id} '{template.Names[0].Text}'";
    }
}
