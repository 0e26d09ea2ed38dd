using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.ExternalUsers;

/// <summary>Endpoints for recipients outside every organisation (docs/protocol.md, "External recipients").</summary>
public static class ExternalUsersApi
{
    public const string CodeRequestsPolicy = "external-code-requests";

    public static IEndpointRouteBuilder MapExternalUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/external/v1").WithTags("External recipients");
        api.MapPost("/codes", SendCodeAsync).WithName("SendEmailCode").AllowAnonymous().RequireRateLimiting(CodeRequestsPolicy);
        api.MapGet("/tenants/{tenantId:guid}/certificates", CertificatesAsync).WithName("TenantCertificates")
            .RequireAuthorization(AppliancePolicies.LicensingApi).LogsUsage(UsageRequestTypes.GetClientLicensorCert);
        return app;
    }

    private static async Task<Accepted<EmailCodeSent>> SendCodeAsync(EmailCodeRequest request, EmailCodes codes, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await codes.SendAsync(request, ct));

    /// <summary>
    /// The public certificates of a tenant, so that a device without a bootstrap (an external recipient's)
    /// can verify the use licences that tenant's key signs. Public keys only.
    /// </summary>
    private static async Task<Ok<TenantCertificatesResponse>> CertificatesAsync(Guid tenantId, TenantKeyRing keys, HttpContext http, CancellationToken ct)
    {
        UsageLoggingFilter.Current(http).TenantId = tenantId;
        var certificates = await keys.CertificatesAsync(tenantId, ct);
        return certificates.Count == 0
            ? throw ApplianceProblemException.NotFound("No organisation on this appliance has that id.")
            : TypedResults.Ok(new TenantCertificatesResponse(tenantId, certificates));
    }
}
