namespace Appliance.Crypto.Audit;

/// <summary>
/// One usage-log entry as it is chained: every field the hash covers, with the values the appliance stored. Times are
/// UTC, whole microseconds (what both databases keep); ids are lower-case "D" GUIDs.
/// </summary>
/// <param name="RowId">The database row id. Not hashed: it only says in which order the rows were stored.</param>
public sealed record ChainedUsageEntry(
    long RowId,
    string Chain,
    long Sequence,
    DateTimeOffset Timestamp,
    Guid? TenantId,
    string RequestType,
    Guid? UserId,
    string? UserEmail,
    string Result,
    string? ErrorCode,
    string? CorrelationId,
    Guid? ContentId,
    string? OwnerEmail,
    string? Issuer,
    Guid? TemplateId,
    string? FileName,
    DateTimeOffset? DatePublished,
    string? Rights,
    string? ClientInfo,
    string? ClientIp,
    string? AdminAction,
    string? ActingAs,
    byte[] PreviousHash,
    byte[] Hash);
