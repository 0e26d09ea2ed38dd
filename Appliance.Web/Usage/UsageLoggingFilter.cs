using Appliance.Data.Usage;
using Appliance.Web.Errors;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Appliance.Web.Usage;

/// <summary>
/// Writes the usage entry of a logged endpoint's handler: after it returns and before its answer is written, in the
/// same unit of work as whatever the handler left pending, so a licence is never handed out without its entry. The
/// entry's result is the status of the answer: granted for a success only; a handler that returns a refusal, or
/// throws, is recorded with its status and code on a clean unit of work, without the refused change.
/// What never reaches the handler (a body that cannot be bound, a size limit, a media type, an authorisation
/// refusal) is recorded by <see cref="UsageLoggingMiddleware"/>.
/// </summary>
public sealed class UsageLoggingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var record = Current(http);
        var usage = http.RequestServices.GetRequiredService<UsageLog>();
        var request = RequestContext.From(http);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await usage.RecordFailureAsync(record, ex, request, http.RequestAborted);
            throw;
        }

        // A parameter the framework could not bind answers an empty result with the status already set (400).
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            await usage.RecordAsync(record, UsageResult.Granted, null, request, http.RequestAborted);
        }
        else
        {
            await usage.RecordRefusalAsync(record, status, CodeOf(result) ?? StatusProblemCodes.For(status), request, http.RequestAborted);
        }

        return result;
    }

    /// <summary>The entry being filled by the current request; services add what they learn to it.</summary>
    public static UsageRecord Current(HttpContext http) => UsageLoggingMiddleware.RecordOf(http);

    private static string? CodeOf(object? result) =>
        result is IValueHttpResult { Value: ProblemDetails problem } && problem.Extensions.TryGetValue("code", out var code) && code is string text
            ? text
            : null;
}

/// <summary>Marks an endpoint as usage-logged: its request type, and for admin calls the action.</summary>
public sealed record UsageLoggedEndpoint(string RequestType, string? AdminAction);

public static class UsageLoggingExtensions
{
    private static readonly UsageLoggingFilter Filter = new();

    public static TBuilder LogsUsage<TBuilder>(this TBuilder builder, string requestType, string? adminAction = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new UsageLoggedEndpoint(requestType, adminAction)).AddEndpointFilter(Filter);
        // Routing answers a body of the wrong media type with an endpoint of its own (a bare 415) when the endpoint
        // declares what it accepts, so the request would never reach this endpoint and its entry. Without the
        // declaration the endpoint's own JSON binding refuses it with the same 415, and the entry is written. OpenAPI
        // still documents the body as application/json, as it does for any JSON body without the declaration.
        builder.Finally(endpoint =>
        {
            foreach (var accepts in endpoint.Metadata.OfType<IAcceptsMetadata>().ToList())
            {
                endpoint.Metadata.Remove(accepts);
            }
        });
        return builder;
    }
}
