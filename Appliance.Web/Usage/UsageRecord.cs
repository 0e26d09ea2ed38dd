using System.Security.Claims;
using Appliance.Crypto.Audit;
using Appliance.Data.Usage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Usage;

/// <summary>What a request did, collected while it runs and written once at its end.</summary>
public sealed class UsageRecord(string requestType)
{
    public const int MaxFileNameLength = 260;

    /// <summary>
    /// The name a client gave, without its folders and cut to <see cref="MaxFileNameLength"/>; null when empty. A
    /// client-side path says nothing the registry needs and may say too much.
    /// </summary>
    public static string? BareFileName(string? fileName)
    {
        var bare = Path.GetFileName(fileName ?? string.Empty).Trim();
        return bare.Length == 0 ? null : bare[..Math.Min(bare.Length, MaxFileNameLength)];
    }

    /// <summary>A record of a request by <paramref name="caller"/>: the token's or cookie's identity, never the request's word.</summary>
    public static UsageRecord For(ClaimsPrincipal caller, string requestType, string? adminAction = null)
    {
        var record = new UsageRecord(requestType) { AdminAction = adminAction };
        if (Guid.TryParse(caller.FindFirst(Claims.Subject)?.Value, out var userId))
        {
            record.UserId = userId;
        }

        record.UserEmail = caller.FindFirst(Claims.Email)?.Value ?? caller.FindFirst(Claims.Name)?.Value;
        return record;
    }

    public string RequestType { get; } = requestType;

    public Guid? TenantId { get; set; }

    public Guid? UserId { get; set; }

    public string? UserEmail { get; set; }

    public Guid? ContentId { get; set; }

    public string? OwnerEmail { get; set; }

    public Guid? TemplateId { get; set; }

    public string? FileName { get; set; }

    /// <summary>Who protected the document: the signer of its publishing licence, or the user the server published for.</summary>
    public string? Issuer { get; set; }

    public DateTimeOffset? DatePublished { get; set; }

    /// <summary>The document's owner asked to hear of opens and refusals (see OwnerNotificationEvents).</summary>
    public bool NotifyOwner { get; set; }

    public string? Rights { get; set; }

    public string? AdminAction { get; set; }

    public string? ActingAs { get; set; }

    /// <summary>Whether the entry was written (or its writing was attempted): a request writes exactly one.</summary>
    public bool Written { get; internal set; }

    /// <summary>The entry, not yet chained: <see cref="UsageChainAppender"/> gives it its place and hash.</summary>
    public UsageLogEntry ToEntry(UsageResult result, string? errorCode, RequestContext context, DateTimeOffset now) => new()
    {
        Chain = UsageChains.Of(TenantId),
        PreviousHash = [],
        Hash = [],
        Timestamp = UsageChainHash.Normalise(now),
        RequestType = RequestType,
        TenantId = TenantId,
        UserId = UserId,
        UserEmail = UserEmail,
        Result = result,
        ErrorCode = errorCode,
        CorrelationId = context.CorrelationId,
        ContentId = ContentId,
        OwnerEmail = OwnerEmail,
        TemplateId = TemplateId,
        FileName = Truncate(FileName, MaxFileNameLength),
        Issuer = Issuer,
        DatePublished = DatePublished is { } published ? UsageChainHash.Normalise(published) : null,
        Rights = Rights,
        ClientInfo = Truncate(context.ClientInfo, 256),
        ClientIp = context.ClientIp,
        AdminAction = AdminAction,
        ActingAs = ActingAs,
    };

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}

/// <summary>Who called from where, independent of HTTP so services stay testable.</summary>
public sealed record RequestContext(string? CorrelationId, string? ClientIp, string? ClientInfo)
{
    public static RequestContext From(HttpContext http) => new(
        http.TraceIdentifier,
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);

    public static RequestContext None { get; } = new(null, null, null);
}
