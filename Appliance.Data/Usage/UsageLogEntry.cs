namespace Appliance.Data.Usage;

/// <summary>
/// One licensing or admin request, granted or not. Never holds a key, a token or a password.
/// </summary>
public sealed class UsageLogEntry
{
    public long Id { get; set; }

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

    /// <summary>Rights granted, comma-separated, for AcquireLicense.</summary>
    public string? Rights { get; set; }

    public string? ClientInfo { get; set; }

    public string? ClientIp { get; set; }

    public string? AdminAction { get; set; }

    public string? ActingAs { get; set; }
}
