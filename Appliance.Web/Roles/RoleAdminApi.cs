using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Roles;

/// <summary>
/// Role assignment, and the organisations the scoped roles are held for, for global administrators only. Changes
/// apply from the caller's next request.
/// </summary>
public static class RoleAdminApi
{
    public static RouteGroupBuilder MapRoleAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/roles", List).WithName("ListRoles").RequireAuthorization(AppliancePolicies.AdminApi);
        // Who holds what is as sensitive as changing it (it names the administrators), so the same policy as the PUT.
        admin.MapGet("/role-assignments", ListAssignmentsAsync).WithName("ListRoleAssignments").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/users/{email}/roles", GetAsync).WithName("GetUserRoles").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPut("/users/{email}/roles", SetAsync).WithName("SetUserRoles").LogsUsage(UsageRequestTypes.Admin, "SetRoles")
            .RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static Ok<List<RoleSummary>> List() => TypedResults.Ok(RoleAdministration.List());

    private static async Task<Ok<List<UserRoles>>> ListAssignmentsAsync(RoleAdministration roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.ListAssignmentsAsync(ct));

    private static async Task<Ok<UserRoles>> GetAsync(string email, RoleAdministration roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.GetAsync(email, ct));

    private static async Task<Ok<UserRoles>> SetAsync(
        string email, SetRolesRequest request, RoleAdministration roles, HttpContext http, CancellationToken ct)
    {
        var result = await roles.SetAsync(email, request, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = result.TenantId;
        record.AdminAction = RoleAdministration.Describe(result);
        return TypedResults.Ok(result);
    }
}
