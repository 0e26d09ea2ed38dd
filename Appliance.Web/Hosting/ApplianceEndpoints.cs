using Appliance.Web.Groups;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Portal;
using Appliance.Web.Services;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Appliance.Web.Users;

namespace Appliance.Web.Hosting;

public static class ApplianceEndpoints
{
    public static WebApplication UseAppliance(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapTokenEndpoint();
        app.MapLicensingApi();
        app.MapGroup("/api/admin/v1")
            .RequireAuthorization(AppliancePolicies.AdminApi)
            .WithTags("Admin")
            .MapTenantAdminApi()
            .MapUserAdminApi()
            .MapUsageAdminApi()
            .MapServiceAdminApi()
            .MapGroupAdminApi();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
