namespace Appliance.Data.Usage;

/// <summary>
/// One licensing or admin request, granted or not. Never holds a key, a token or a password.
/// </summary>
/// <remarks>
/// Entries form one hash chain per tenant (and one for requests that concern no tenant): <see cref="Hash"/> covers
/// <see cref="PreviousHash"/> and every field but <see cref="Id"/>, in the encoding docs/audit-log.md fixes.
/// </remarks>
public sealed class UsageLogEntry
{
    /// <summary>The row id: the order entries were written in, across all chains.</summary>
    public long Id { get; set; }

    /// <summary>The tenant id ("D" format) or <see cref="UsageChains.Appliance"/>.</summary>
    public required string Chain { get; set; }

    /// <summary>1, 2, 3, ... within <see cref="Chain"/>, without gaps.</summary>
    public long Sequence { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public Guid? TenantId { get; set; }

    /// <summary>AcquireLicense, Certify (bootstrap), Publish, ActivateTenant, CreateUser, ...</summary>
    public required string RequestType { get; set; }

    public Guid? UserId { get; set; }

    public string? UserEmail { get; set; }

    public UsageResult Result { get; set; }

    /// <summary>The stable problem code of a refusal or failure.</summary>
    public string? ErrorCode { get; set; }

    public string? CorrelationId { get; set; }

    public Guid? ContentId { get; set; }

    public string? OwnerEmail { get; set; }

    public Guid? TemplateId { get; set; }

    public string? FileName { get; set; }

    /// <summary>Who protected the document (the publishing licence's signer, or the user the server published for).</summary>
    public string? Issuer { get; set; }

    public DateTimeOffset? DatePublished { get; set; }

    /// <summary>Rights granted, comma-separated, for AcquireLicense.</summary>
    public string? Rights { get; set; }

    public string? ClientInfo { get; set; }

    public string? ClientIp { get; set; }

    public string? AdminAction { get; set; }

    public string? ActingAs { get; set; }
}
