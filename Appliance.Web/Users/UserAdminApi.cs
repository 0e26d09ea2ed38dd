using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Users;

public static class UserAdminApi
{
    public static RouteGroupBuilder MapUserAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/users", CreateAsync).WithName("CreateUser").LogsUsage(UsageRequestTypes.Admin, "CreateUser").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/users", ListAsync).WithName("ListUsers").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPost("/users/{account}/lock", LockAsync).WithName("LockUser").LogsUsage(UsageRequestTypes.Admin, "LockUser").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPost("/users/{account}/unlock", UnlockAsync).WithName("UnlockUser").LogsUsage(UsageRequestTypes.Admin, "UnlockUser").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    /// <summary>The same lock as the portal's users page: saved with its usage entry by the filter.</summary>
    private static async Task<NoContent> LockAsync(string account, UserLockout lockout, HttpContext http, CancellationToken ct)
    {
        var caller = Guid.TryParse(http.User.FindFirst(Claims.Subject)?.Value, out var id) ? id : (Guid?)null;
        var user = await lockout.LockAsync(account, caller, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = user.TenantId;
        record.AdminAction = $"LockUser {user.Email ?? user.UserName}";
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnlockAsync(string account, UserLockout lockout, HttpContext http, CancellationToken ct)
    {
        var user = await lockout.UnlockAsync(account, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = user.TenantId;
        record.AdminAction = $"UnlockUser {user.Email ?? user.UserName}";
        return TypedResults.NoContent();
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
