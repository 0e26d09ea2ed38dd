namespace Appliance.Crypto.Protocol;

// The JSON bodies of the admin API under /api/admin/v1 (docs/protocol.md).

public sealed record ActivateTenantRequest(string Organization, string Region, IReadOnlyList<string> Domains);

public sealed record TenantSummary(
    Guid Id,
    string Name,
    string Region,
    IReadOnlyList<string> Domains,
    int ActiveKeyVersion,
    string ActiveKeyId,
    DateTimeOffset ActivatedAt);

public sealed record CreateUserRequest(string Email, string Password, bool IsAdmin, string? DisplayName);

public sealed record UserSummary(Guid Id, string Email, string? DisplayName, Guid? TenantId, bool IsAdmin);

public sealed record UsageLogEntryDto(
    long Id,
    DateTimeOffset Timestamp,
    string RequestType,
    string? UserEmail,
    string Result,
    string? ErrorCode,
    Guid? ContentId,
    string? OwnerEmail,
    string? ClientIp,
    string? CorrelationId);

/// <summary>A group principal: a grant to its address reaches every member, however deeply nested.</summary>
public sealed record CreateGroupRequest(string Email, string? DisplayName);

/// <summary>Adds a user or a group (by e-mail address) to a group.</summary>
public sealed record AddMemberRequest(string Member);

public sealed record GroupSummary(Guid Id, string Email, string? DisplayName, Guid TenantId);
