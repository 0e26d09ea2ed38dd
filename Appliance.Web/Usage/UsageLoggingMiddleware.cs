using Appliance.Web.Errors;

namespace Appliance.Web.Usage;

/// <summary>
/// Gives every request to a usage-logged endpoint exactly one entry whose result is the answer's status. The handler's
/// own outcome is recorded by <see cref="UsageLoggingFilter"/>; this records what stops a request before the handler
/// runs: an authorisation refusal, a body that cannot be bound (a type mismatch), is too large, or has the wrong media
/// type. It runs after authentication, so the entry names the caller the token names.
/// <para>
/// Bound: a request without a valid token (401) is not recorded. It names no caller, and recording it would let
/// anyone, signed in or not, write to the log at the rate they can send requests.
/// </para>
/// </summary>
public sealed class UsageLoggingMiddleware(RequestDelegate next, ILogger<UsageLoggingMiddleware> logger)
{
    private const string ItemKey = "appliance.usage-record";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<UsageLoggedEndpoint>() is null)
        {
            await next(http);
            return;
        }

        try
        {
            await next(http);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && CurrentRecord(http) is not { Written: true })
        {
            // Thrown before the handler ran (the filter records what the handler throws).
            await UsageLog(http).RecordFailureAsync(RecordOf(http), ex, RequestContext.From(http), http.RequestAborted);
            throw;
        }

        var record = RecordOf(http);
        var authorization = UsageAuthorizationResultHandler.OutcomeOf(http);
        if (record.Written || authorization == AuthorizationOutcome.Challenged || http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            return;
        }

        // The portal's cookie refuses with a redirect to its access-denied page; the entry says what it means.
        var status = authorization == AuthorizationOutcome.Forbidden ? StatusCodes.Status403Forbidden : http.Response.StatusCode;
        if (status is >= 200 and < 400)
        {
            // Only the filter grants, before the answer is written; a success that bypassed it is a defect to see.
            logger.LogError("{Method} {Path} answered {Status} without passing the usage filter", http.Request.Method, http.Request.Path, status);
        }

        try
        {
            await UsageLog(http).RecordRefusalAsync(record, status, StatusProblemCodes.For(status), RequestContext.From(http), http.RequestAborted);
        }
        catch (ApplianceProblemException) when (http.Response.HasStarted)
        {
            // The refusal has been sent; UsageLog logged why its entry could not be written. Before the answer starts,
            // the failure propagates instead and the caller gets 503 usage-log-unavailable.
        }
    }

    /// <summary>The entry of the current request, once something started it.</summary>
    public static UsageRecord? CurrentRecord(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var value) ? value as UsageRecord : null;

    /// <summary>
    /// The entry of the current request to a usage-logged endpoint, started on first use. Not before: authorisation
    /// replaces the request's user with the principal of the endpoint's own scheme, and that is the caller to name.
    /// </summary>
    public static UsageRecord RecordOf(HttpContext http)
    {
        if (CurrentRecord(http) is { } record)
        {
            return record;
        }

        var logged = http.GetEndpoint()?.Metadata.GetMetadata<UsageLoggedEndpoint>()
            ?? throw new InvalidOperationException("The endpoint is not usage-logged.");
        record = UsageRecord.For(http.User, logged.RequestType, logged.AdminAction);
        http.Items[ItemKey] = record;
        return record;
    }

    private static UsageLog UsageLog(HttpContext http) => http.RequestServices.GetRequiredService<UsageLog>();
}
