using Appliance.Web.Audit;
using Appliance.Web.DeviceSignIn;
using Appliance.Web.DirectorySync;
using Appliance.Web.Documents;
using Appliance.Web.Errors;
using Appliance.Web.ExternalUsers;
using Appliance.Web.Federation;
using Appliance.Web.Groups;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Portal;
using Appliance.Web.Roles;
using Appliance.Web.Services;
using Appliance.Web.Settings;
using Appliance.Web.SuperUsers;
using Appliance.Web.Templates;
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
        // Before authentication, where OpenIddict reads the OAuth endpoints' forms: an oversized form is a 400 there.
        app.UseFormLimits();
        app.UseAuthentication();
        // After authentication (the entry names the token's caller), before everything that can refuse a request.
        app.UseMiddleware<UsageLoggingMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapTokenEndpoint();
        app.MapFederatedSignIn();
        // The JSON APIs share one body limit, far below Kestrel's 30 MB: nothing they read is larger than a
        // publishing licence (at most 1 MiB). A larger body answers 413 request-too-large.
        var apis = app.MapGroup(string.Empty).WithMetadata(RequestBodyLimit.Api);
        apis.MapLicensingApi();
        apis.MapTemplateLicensingApi();
        apis.MapDocumentsApi();
        apis.MapExternalUsersApi();
        apis.MapGroup("/api/admin/v1")
            // Signed in only: each Map*AdminApi requires its role policy on every endpoint, and the
            // authorisation matrix test fails for any admin endpoint missing from its table.
            .RequireAuthorization(AppliancePolicies.SignedIn)
            .WithTags("Admin")
            .MapTenantAdminApi()
            .MapUserAdminApi()
            .MapUsageAdminApi()
            .MapAuditAdminApi()
            .MapServiceAdminApi()
            .MapGroupAdminApi()
            .MapRoleAdminApi()
            .MapSecurityPolicyAdminApi()
            .MapSuperUserAdminApi()
            .MapTemplateAdminApi();

        app.MapDeviceVerification();

        apis.MapGroup("/api/admin/v1").RequireAuthorization(AppliancePolicies.AdminApi).WithTags("Admin").MapLdapDirectoryAdminApi();
        app.MapStaticAssets();
        app.MapPortal();
        return app;
    }
}
