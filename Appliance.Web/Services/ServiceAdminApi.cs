using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Services;

public static class ServiceAdminApi
{
    public static RouteGroupBuilder MapServiceAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/services", CreateAsync).WithName("CreateService").LogsUsage("Admin", "CreateService").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Created<CreatedService>> CreateAsync(
        CreateServiceRequest request, ServicePrincipals services, HttpContext http, CancellationToken ct)
    {
        var created = await services.CreateAsync(request, ct);
        UsageLoggingFilter.Current(http).AdminAction = $"CreateService {created.ClientId}";
        return TypedResults.Created($"/api/admin/v1/services/{created.ClientId}", created);
    }
}
