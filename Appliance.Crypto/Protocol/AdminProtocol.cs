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
    string? CorrelationId,
    Guid? TenantId = null,
    Guid? UserId = null,
    Guid? TemplateId = null,
    string? Issuer = null,
    string? FileName = null,
    DateTimeOffset? DatePublished = null,
    string? Rights = null,
    string? ClientInfo = null,
    string? AdminAction = null,
    string? ActingAs = null);

/// <summary>A group principal: a grant to its address reaches every member, however deeply nested.</summary>
public sealed record CreateGroupRequest(string Email, string? DisplayName);

/// <summary>Adds a user or a group (by e-mail address) to a group.</summary>
public sealed record AddMemberRequest(string Member);

public sealed record GroupSummary(Guid Id, string Email, string? DisplayName, Guid TenantId);

/// <summary>A direct member of a group: a user or a nested group.</summary>
public sealed record GroupMemberSummary(string Email, string? DisplayName, bool IsGroup);

/// <summary>
/// An organisation's own settings. <see cref="MaxOfflineDays"/> caps how long any use licence of its content may
/// be used without asking the appliance again: a template's "always" means this many days, and longer offline
/// periods of templates and ad-hoc policies are cut to it when a licence is issued.
/// </summary>
public sealed record TenantSettings(Guid TenantId, string Name, int MaxOfflineDays);

/// <summary>The body of <c>PUT /tenants/{id}/settings</c>.</summary>
public sealed record TenantSettingsRequest(int? MaxOfflineDays);
