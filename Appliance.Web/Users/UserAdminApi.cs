using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Users;

public static class UserAdminApi
{
    public static RouteGroupBuilder MapUserAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/users", CreateAsync).WithName("CreateUser").LogsUsage("Admin", "CreateUser").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/users", ListAsync).WithName("ListUsers").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Created<UserSummary>> CreateAsync(
        CreateUserRequest request, UserAdministration users, HttpContext http, CancellationToken ct)
    {
        var user = await users.CreateAsync(request, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = user.TenantId;
        record.AdminAction = $"CreateUser {user.Email}";
        return TypedResults.Created($"/api/admin/v1/users/{user.Id}", user);
    }

    private static async Task<Ok<List<UserSummary>>> ListAsync(UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(ct));
}
