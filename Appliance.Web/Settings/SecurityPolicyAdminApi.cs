using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Settings;

/// <summary>The appliance-wide security policy, for global administrators only.</summary>
public static class SecurityPolicyAdminApi
{
    public static RouteGroupBuilder MapSecurityPolicyAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/security-policy", GetAsync).WithName("GetSecurityPolicy").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPut("/security-policy", PutAsync).WithName("PutSecurityPolicy").LogsUsage(UsageRequestTypes.Admin, "PutSecurityPolicy")
            .RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Ok<SecurityPolicy>> GetAsync(SecurityPolicyStore policy, CancellationToken ct) =>
        TypedResults.Ok(await policy.GetAsync(ct));

    private static async Task<Ok<SecurityPolicy>> PutAsync(
        SecurityPolicyRequest request, SecurityPolicyStore policy, HttpContext http, CancellationToken ct)
    {
        var result = await policy.SetAsync(request, ct);
        UsageLoggingFilter.Current(http).AdminAction = $"PutSecurityPolicy requireAdministratorTwoFactor={result.RequireAdministratorTwoFactor}";
        return TypedResults.Ok(result);
    }
}
