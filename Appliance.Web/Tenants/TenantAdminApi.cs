using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tenants;

public static class TenantAdminApi
{
    public static RouteGroupBuilder MapTenantAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants", ActivateAsync).WithName("ActivateTenant").LogsUsage(UsageRequestTypes.Admin, "ActivateTenant").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/tenants", ListAsync).WithName("ListTenants").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/tenants/{id:guid}/settings", GetSettingsAsync).WithName("GetTenantSettings").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPut("/tenants/{id:guid}/settings", PutSettingsAsync).WithName("PutTenantSettings")
            .LogsUsage(UsageRequestTypes.Admin, "PutTenantSettings").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Created<TenantSummary>> ActivateAsync(
        ActivateTenantRequest request, TenantActivation activation, HttpContext http, CancellationToken ct)
    {
        var tenant = await activation.ActivateAsync(request, ct);
        UsageLoggingFilter.Current(http).TenantId = tenant.Id;
        return TypedResults.Created($"/api/admin/v1/tenants/{tenant.Id}", tenant);
    }

    private static async Task<Ok<List<TenantSummary>>> ListAsync(ApplianceDbContext db, CancellationToken ct)
    {
        var tenants = await db.Tenants.AsNoTracking().Include(t => t.Domains).Include(t => t.Keys).OrderBy(t => t.Name).ToListAsync(ct);
        return TypedResults.Ok(tenants
            .Select(t => TenantSummaries.Of(t, t.Keys.Where(k => k.State == TenantKeyState.Active).MaxBy(k => k.Version) ?? t.Keys.MaxBy(k => k.Version)!))
            .ToList());
    }

    private static async Task<Ok<TenantSettings>> GetSettingsAsync(Guid id, TenantSettingsAdministration settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(id, ct));

    private static async Task<Ok<TenantSettings>> PutSettingsAsync(
        Guid id, TenantSettingsRequest request, TenantSettingsAdministration settings, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        var result = await settings.SetAsync(id, request, ct);
        record.AdminAction = $"PutTenantSettings {result.Name}: maxOfflineDays={result.MaxOfflineDays}";
        return TypedResults.Ok(result);
    }
}
