using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Documents;

/// <summary>
/// <c>/api/v1/documents</c>: the registry of protected documents, their tracking and revocation (docs/protocol.md,
/// "Documents: tracking and revocation"). Any signed-in caller reaches the handlers, which decide per document
/// (<see cref="DocumentAccess"/>); every call, granted or refused, is one usage entry.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/documents").RequireAuthorization(AppliancePolicies.LicensingApi).WithTags("Documents");
        api.MapGet("/", ListAsync).WithName("ListDocuments").LogsUsage(DocumentRequestTypes.ListDocuments);
        api.MapGet("/{contentId:guid}", GetAsync).WithName("GetDocument").LogsUsage(DocumentRequestTypes.GetDocument);
        api.MapGet("/{contentId:guid}/tracking", TrackAsync).WithName("TrackDocument").LogsUsage(DocumentRequestTypes.TrackDocument);
        api.MapPost("/{contentId:guid}/revoke", RevokeAsync).WithName("RevokeDocument").LogsUsage(DocumentRequestTypes.RevokeAccess);
        api.MapPost("/{contentId:guid}/unrevoke", UnrevokeAsync).WithName("UnrevokeDocument").LogsUsage(DocumentRequestTypes.UnrevokeAccess);
        return app;
    }

    /// <summary>The caller's own documents, newest first; <paramref name="before"/>: the last <c>registeredAt</c> of the previous page.</summary>
    private static async Task<Ok<List<DocumentDetails>>> ListAsync(
        HttpContext http, ApplianceDbContext db, DocumentTracking tracking, TimeProvider clock, CancellationToken ct,
        int limit = DocumentTracking.DefaultPageSize, DateTimeOffset? before = null)
    {
        var caller = await LicensingCaller.LoadAsync(db, Caller.From(http.User), clock, ct);
        var usage = UsageLoggingFilter.Current(http);
        usage.TenantId = caller.Tenant.Id;
        usage.UserEmail = caller.Email;
        return TypedResults.Ok(await tracking.ListOwnedAsync(caller, limit, before, ct));
    }

    private static async Task<Ok<DocumentDetails>> GetAsync(
        Guid contentId, HttpContext http, DocumentAccess access, DocumentTracking tracking, CancellationToken ct)
    {
        var grant = await access.RequireAsync(http.User, contentId, DocumentAction.Read, UsageLoggingFilter.Current(http), tracked: false, ct);
        return TypedResults.Ok(await tracking.DetailsAsync(grant.Document, ct));
    }

    /// <summary>The document's timeline, newest first; <paramref name="before"/>: the last event id of the previous page.</summary>
    private static async Task<Ok<List<DocumentEvent>>> TrackAsync(
        Guid contentId, HttpContext http, DocumentAccess access, DocumentTracking tracking, CancellationToken ct,
        int limit = DocumentTracking.DefaultPageSize, long? before = null)
    {
        await access.RequireAsync(http.User, contentId, DocumentAction.Read, UsageLoggingFilter.Current(http), tracked: false, ct);
        return TypedResults.Ok(await tracking.TimelineAsync(contentId, limit, before, ct));
    }

    private static async Task<Ok<DocumentDetails>> RevokeAsync(
        Guid contentId, HttpContext http, DocumentRevocation revocation, CancellationToken ct) =>
        TypedResults.Ok(await revocation.RevokeAsync(http.User, contentId, UsageLoggingFilter.Current(http), ct));

    private static async Task<Ok<DocumentDetails>> UnrevokeAsync(
        Guid contentId, HttpContext http, DocumentRevocation revocation, CancellationToken ct) =>
        TypedResults.Ok(await revocation.UnrevokeAsync(http.User, contentId, UsageLoggingFilter.Current(http), ct));
}
