using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Templates;

/// <summary><c>GET /api/v1/templates</c>: what the signed-in user may protect with.</summary>
public static class TemplateLicensingApi
{
    public static IEndpointRouteBuilder MapTemplateLicensingApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(AppliancePolicies.LicensingApi).WithTags("Licensing")
            .MapGet("/templates", ListAsync).WithName("ListAvailableTemplates").LogsUsage(UsageRequestTypes.GetTemplates);
        return app;
    }

    private static async Task<Ok<List<AvailableTemplate>>> ListAsync(
        HttpContext http, ApplianceDbContext db, TemplateCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var caller = await LicensingCaller.LoadAsync(db, Caller.From(http.User), clock, ct);
        UsageLoggingFilter.Current(http).TenantId = caller.Tenant.Id;
        return TypedResults.Ok(await catalog.AvailableAsync(caller, [.. http.Request.GetTypedHeaders().AcceptLanguage], ct));
    }
}
