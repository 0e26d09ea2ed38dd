namespace Appliance.Crypto.Protocol;

/// <summary>
/// A tenant's super users (<c>/api/admin/v1/tenants/{id}/super-users</c>): off by default; while enabled, every
/// member (a user, or every member of a group) gets every right on all of the tenant's content, each licence logged
/// as acting for the document's owner.
/// </summary>
public sealed record SuperUserSettings(Guid TenantId, bool Enabled, IReadOnlyList<SuperUserMemberSummary> Members);

public sealed record SuperUserMemberSummary(string Principal, bool IsGroup, DateTimeOffset AddedAt, string AddedBy);

/// <summary>The body of <c>PUT /tenants/{id}/super-users</c>.</summary>
public sealed record SetSuperUsersRequest(bool? Enabled);

/// <summary>The body of <c>POST /tenants/{id}/super-users/members</c>: a user's or a group's address in the tenant.</summary>
public sealed record AddSuperUserRequest(string Principal);
