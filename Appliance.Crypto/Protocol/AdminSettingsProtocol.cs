namespace Appliance.Crypto.Protocol;

// The JSON bodies of the admin API's role, security policy and LDAP directory endpoints
// under /api/admin/v1 (docs/protocol.md), shared by the appliance and the `rms` client.

/// <summary>A role and what it allows, in one line.</summary>
public sealed record RoleSummary(string Name, string Description);

/// <summary>
/// The complete list of roles the user should hold; an empty list makes them a plain user. <see cref="Organisations"/>
/// (domains or organisation ids) are those every role but <c>Administrator</c>, which is appliance-wide, is held for;
/// null or empty: the user's own organisation.
/// </summary>
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Organisations = null);

/// <summary>
/// A user's roles, and the organisations the roles other than <c>Administrator</c> are held for (empty when the user
/// holds none of them).
/// </summary>
public sealed record UserRoles(string Email, Guid? TenantId, IReadOnlyList<string> Roles, IReadOnlyList<RoleOrganisation> Organisations);

/// <summary>An organisation a role is held for: its id, name and domains.</summary>
public sealed record RoleOrganisation(Guid Id, string Name, IReadOnlyList<string> Domains);

/// <summary>The policy as <c>GET /security-policy</c> answers it.</summary>
public sealed record SecurityPolicy(bool RequireAdministratorTwoFactor, DateTimeOffset? UpdatedAt);

/// <summary>The body of <c>PUT /security-policy</c>.</summary>
public sealed record SecurityPolicyRequest(bool? RequireAdministratorTwoFactor);

/// <summary>
/// The body of <c>PUT /tenants/{id}/ldap</c>. <see cref="BindPassword"/> is write-only: required the first
/// time, kept when null afterwards. Attribute names default to OpenLDAP's (<c>entryUUID</c>, <c>mail</c>,
/// <c>displayName</c>, <c>member</c>).
/// </summary>
public sealed record LdapDirectoryRequest(
    string ServerUrl,
    string BindDn,
    string? BindPassword,
    string BaseDn,
    string UserFilter,
    string GroupFilter,
    string? DisabledFilter = null,
    string? IdAttribute = null,
    string? MailAttribute = null,
    string? DisplayNameAttribute = null,
    string? MemberAttribute = null,
    int SyncIntervalMinutes = 0);

/// <summary>The settings as <c>GET</c> answers them: never the bind password, only whether one is stored.</summary>
public sealed record LdapDirectorySettings(
    Guid TenantId,
    string ServerUrl,
    string BindDn,
    bool HasBindPassword,
    string BaseDn,
    string UserFilter,
    string GroupFilter,
    string? DisabledFilter,
    string IdAttribute,
    string MailAttribute,
    string DisplayNameAttribute,
    string MemberAttribute,
    int SyncIntervalMinutes,
    DateTimeOffset? LastSyncAt,
    string? LastSyncResult);

/// <summary>What one sync changed, and what it left out and why.</summary>
public sealed record DirectorySyncResult(
    int UsersAdded,
    int UsersUpdated,
    int UsersDisabled,
    int GroupsAdded,
    int GroupsUpdated,
    int GroupsRemoved,
    int MembershipsAdded,
    int MembershipsRemoved,
    IReadOnlyList<DirectorySyncSkip> Skipped)
{
    public string Summary() =>
        $"users +{UsersAdded} ~{UsersUpdated} disabled {UsersDisabled}; groups +{GroupsAdded} ~{GroupsUpdated} -{GroupsRemoved}; "
        + $"memberships +{MembershipsAdded} -{MembershipsRemoved}; skipped {Skipped.Count}";
}

/// <summary>A directory entry the sync did not take, by DN.</summary>
public sealed record DirectorySyncSkip(string Dn, string Reason);
