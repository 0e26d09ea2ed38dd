using Appliance.Data.Usage;

namespace Appliance.Web.Usage;

/// <summary>
/// Writes one usage entry for every call of an endpoint, granted or refused. The entry is saved
/// before the answer is written, in the same unit of work as whatever the handler left pending, so a
/// licence is never handed out without its entry, and a refusal is recorded without the refused change.
/// </summary>
public sealed class UsageLoggingFilter(string requestType, string? adminAction) : IEndpointFilter
{
    private const string ItemKey = "appliance.usage-record";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var record = UsageRecord.For(http.User, requestType, adminAction);
        http.Items[ItemKey] = record;

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

        await usage.RecordAsync(record, UsageResult.Granted, null, request, http.RequestAborted);
        return result;
    }

    /// <summary>The entry being filled by the current request; services add what they learn to it.</summary>
    public static UsageRecord Current(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var value) && value is UsageRecord record
            ? record
            : throw new InvalidOperationException("The endpoint is not usage-logged.");
}

public static class UsageLoggingExtensions
{
    public static TBuilder LogsUsage<TBuilder>(this TBuilder builder, string requestType, string? adminAction = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new UsageLoggingFilter(requestType, adminAction));
}
