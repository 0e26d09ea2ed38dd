using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.DirectorySync;

/// <summary>A tenant's LDAP settings (the bind password write-only) and on-demand sync.</summary>
public static class LdapDirectoryAdminApi
{
    public static RouteGroupBuilder MapLdapDirectoryAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{id:guid}/ldap", PutAsync).WithName("PutLdapDirectory")
            .LogsUsage(UsageRequestTypes.Admin, "PutLdapDirectory").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/tenants/{id:guid}/ldap", GetAsync).WithName("GetLdapDirectory").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPost("/tenants/{id:guid}/ldap/sync", SyncAsync).WithName("SyncLdapDirectory")
            .LogsUsage(UsageRequestTypes.Admin, "SyncLdapDirectory").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Ok<LdapDirectorySettings>> PutAsync(
        Guid id, LdapDirectoryRequest request, LdapDirectoryAdministration directories, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        var settings = await directories.PutAsync(id, request, ct);
        // SECURITY: the server and bind DN only; the password is never part of a usage entry.
        record.AdminAction = $"PutLdapDirectory {settings.ServerUrl} as {settings.BindDn}";
        return TypedResults.Ok(settings);
    }

    private static async Task<Ok<LdapDirectorySettings>> GetAsync(Guid id, LdapDirectoryAdministration directories, CancellationToken ct) =>
        TypedResults.Ok(await directories.GetAsync(id, ct));

    private static async Task<Ok<DirectorySyncResult>> SyncAsync(Guid id, DirectorySyncService sync, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        var result = await sync.SyncAsync(id, ct);
        record.AdminAction = "SyncLdapDirectory " + result.Summary();
        return TypedResults.Ok(result);
    }
}
