using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Services;

public static class ServiceAdminApi
{
    public static RouteGroupBuilder MapServiceAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/services", CreateAsync).WithName("CreateService").LogsUsage(UsageRequestTypes.Admin, "CreateService").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/services/{clientId}/content-access", ListAccessAsync).WithName("ListServiceContentAccess")
            .RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPut("/services/{clientId}/content-access/{tenantId:guid}", SetAccessAsync).WithName("SetServiceContentAccess")
            .LogsUsage(UsageRequestTypes.Admin, "SetServiceContentAccess").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapDelete("/services/{clientId}/content-access/{tenantId:guid}", RemoveAccessAsync).WithName("RemoveServiceContentAccess")
            .LogsUsage(UsageRequestTypes.Admin, "RemoveServiceContentAccess").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Ok<List<ServiceContentAccess>>> ListAccessAsync(
        string clientId, ServiceContentAccessAdministration access, CancellationToken ct) =>
        TypedResults.Ok(await access.ListAsync(clientId, ct));

    private static async Task<Ok<ServiceContentAccess>> SetAccessAsync(
        string clientId, Guid tenantId, ServiceContentAccessRequest request, ServiceContentAccessAdministration access, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = tenantId;
        var granted = await access.SetAsync(clientId, tenantId, request, record.UserEmail ?? "unknown", ct);
        record.AdminAction = $"SetServiceContentAccess {clientId}: "
            + (granted.TemplateIds is null ? "all content" : $"templates {string.Join(",", granted.TemplateIds)}") + $" [{string.Join(",", granted.Rights)}]";
        return TypedResults.Ok(granted);
    }

    private static async Task<NoContent> RemoveAccessAsync(
        string clientId, Guid tenantId, ServiceContentAccessAdministration access, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = tenantId;
        await access.RemoveAsync(clientId, tenantId, ct);
        record.AdminAction = $"RemoveServiceContentAccess {clientId}";
        return TypedResults.NoContent();
    }

    private static async Task<Created<CreatedService>> CreateAsync(
        CreateServiceRequest request, ServicePrincipals services, HttpContext http, CancellationToken ct)
    {
        var created = await services.CreateAsync(request, ct);
        UsageLoggingFilter.Current(http).AdminAction = $"CreateService {created.ClientId}";
        return TypedResults.Created($"/api/admin/v1/services/{created.ClientId}", created);
    }
}
