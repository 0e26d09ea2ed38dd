using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.SuperUsers;

/// <summary>A tenant's super users, for global administrators only; every change is an admin-log entry.</summary>
public static class SuperUserAdminApi
{
    public static RouteGroupBuilder MapSuperUserAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{id:guid}/super-users", GetAsync).WithName("GetSuperUsers").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPut("/tenants/{id:guid}/super-users", PutAsync).WithName("SetSuperUsers")
            .LogsUsage(UsageRequestTypes.Admin, "SetSuperUsers").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPost("/tenants/{id:guid}/super-users/members", AddAsync).WithName("AddSuperUser")
            .LogsUsage(UsageRequestTypes.Admin, "AddSuperUser").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapDelete("/tenants/{id:guid}/super-users/members/{principal}", RemoveAsync).WithName("RemoveSuperUser")
            .LogsUsage(UsageRequestTypes.Admin, "RemoveSuperUser").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Ok<SuperUserSettings>> GetAsync(Guid id, SuperUserAdministration superUsers, CancellationToken ct) =>
        TypedResults.Ok(await superUsers.GetAsync(id, ct));

    private static async Task<Ok<SuperUserSettings>> PutAsync(
        Guid id, SetSuperUsersRequest request, SuperUserAdministration superUsers, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        var settings = await superUsers.SetEnabledAsync(id, request, ct);
        record.AdminAction = settings.Enabled ? "EnableSuperUsers" : "DisableSuperUsers";
        return TypedResults.Ok(settings);
    }

    private static async Task<Created<SuperUserMemberSummary>> AddAsync(
        Guid id, AddSuperUserRequest request, SuperUserAdministration superUsers, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        var member = await superUsers.AddMemberAsync(id, request?.Principal ?? string.Empty, record.UserEmail ?? "unknown", ct);
        record.AdminAction = $"AddSuperUser {member.Principal}";
        return TypedResults.Created($"/api/admin/v1/tenants/{id}/super-users/members/{member.Principal}", member);
    }

    private static async Task<NoContent> RemoveAsync(Guid id, string principal, SuperUserAdministration superUsers, HttpContext http, CancellationToken ct)
    {
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = id;
        await superUsers.RemoveMemberAsync(id, principal, ct);
        record.AdminAction = $"RemoveSuperUser {principal.Trim().ToLowerInvariant()}";
        return TypedResults.NoContent();
    }
}
