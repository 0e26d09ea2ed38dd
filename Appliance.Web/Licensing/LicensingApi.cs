using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Web.Identity;
using Appliance.Web.Services;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Licensing;

/// <summary>The endpoints client applications call (docs/protocol.md).</summary>
public static class LicensingApi
{
    public static IEndpointRouteBuilder MapLicensingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AppliancePolicies.LicensingApi).WithTags("Licensing");
        api.MapPost("/bootstrap", BootstrapAsync).WithName("Bootstrap").LogsUsage(UsageRequestTypes.Certify);
        api.MapPost("/publish", PublishAsync).WithName("Publish").LogsUsage(UsageRequestTypes.Publish);
        api.MapPost("/publish/server", PublishOnServerAsync).WithName("PublishOnServer").LogsUsage(UsageRequestTypes.ServerSidePublish);
        api.MapPost("/licenses", AcquireAsync).WithName("AcquireLicense").LogsUsage(UsageRequestTypes.AcquireLicense);
        return app;
    }

    private static async Task<Ok<BootstrapResponse>> BootstrapAsync(
        HttpContext http, ApplianceDbContext db, UserBootstrap bootstrap, TimeProvider clock, CancellationToken ct)
    {
        var caller = await LoadCallerAsync(http, db, clock, ct);
        return TypedResults.Ok(await bootstrap.BootstrapAsync(caller, ct));
    }

    private static async Task<Ok<RegisterContentResponse>> PublishAsync(
        RegisterContentRequest request, HttpContext http, ApplianceDbContext db, ContentRegistration registration, TimeProvider clock, CancellationToken ct)
    {
        var caller = await LoadCallerAsync(http, db, clock, ct);
        return TypedResults.Ok(await registration.RegisterAsync(caller, request, UsageLoggingFilter.Current(http), ct));
    }

    private static async Task<Ok<ServerPublishResponse>> PublishOnServerAsync(
        ServerPublishRequest request, HttpContext http, ApplianceDbContext db, ServerPublishing publishing, TimeProvider clock, CancellationToken ct)
    {
        var caller = await LoadCallerAsync(http, db, clock, ct);
        return TypedResults.Ok(await publishing.PublishAsync(caller, request, UsageLoggingFilter.Current(http), ct));
    }

    private static async Task<Ok<AcquireLicenseResponse>> AcquireAsync(
        AcquireLicenseRequest request, HttpContext http, ApplianceDbContext db, LicenseIssuer issuer, TimeProvider clock, CancellationToken ct)
    {
        var usage = UsageLoggingFilter.Current(http);
        if (ServiceCaller.TryFrom(http.User, out var clientId))
        {
            usage.UserEmail = clientId;
            return TypedResults.Ok(await issuer.AcquireForServiceAsync(clientId, request, usage, ct));
        }

        var user = await LicensingCaller.LoadUserAsync(db, Caller.From(http.User), clock, ct);
        if (user.Source == PrincipalSources.External)
        {
            usage.UserEmail = user.Email;
            return TypedResults.Ok(await issuer.AcquireForExternalAsync(user, request, usage, ct));
        }

        var caller = await LicensingCaller.ForTenantUserAsync(db, user, ct);
        usage.TenantId = caller.Tenant.Id;
        usage.UserEmail = caller.Email;
        return TypedResults.Ok(await issuer.AcquireAsync(caller, request, usage, ct));
    }

    private static async Task<LicensingCaller> LoadCallerAsync(HttpContext http, ApplianceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = await LicensingCaller.LoadAsync(db, Caller.From(http.User), clock, ct);
        var usage = UsageLoggingFilter.Current(http);
        usage.TenantId = caller.Tenant.Id;
        usage.UserEmail = caller.Email;
        return caller;
    }
}
