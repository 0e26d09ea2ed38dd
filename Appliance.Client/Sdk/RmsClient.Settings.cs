using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>The admin API's roles, security policy and LDAP directories (global administrators only).</summary>
public sealed partial class RmsClient
{
    private static string UserRolesPath(string account) => $"api/admin/v1/users/{Uri.EscapeDataString(account)}/roles";

    private static string LdapPath(Guid tenantId) => $"api/admin/v1/tenants/{tenantId}/ldap";

    /// <summary>The appliance roles and what each allows.</summary>
    public Task<IReadOnlyList<RoleSummary>> ListRolesAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<RoleSummary>>(HttpMethod.Get, "api/admin/v1/roles", null, ct);

    /// <summary>Every user who holds at least one role, with the roles.</summary>
    public Task<IReadOnlyList<UserRoles>> ListRoleAssignmentsAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<UserRoles>>(HttpMethod.Get, "api/admin/v1/role-assignments", null, ct);

    /// <summary>The roles one user (by e-mail, or user name such as <c>admin</c>) holds now.</summary>
    public Task<UserRoles> GetUserRolesAsync(string account, CancellationToken ct = default) =>
        _api.SendAsync<UserRoles>(HttpMethod.Get, UserRolesPath(account), null, ct);

    /// <summary>
    /// Replaces the user's roles with <paramref name="roles"/> (empty: a plain user), the roles other than Administrator
    /// held for <paramref name="organisations"/> (domains or ids; null or empty: the user's own organisation); applies
    /// from their next request.
    /// </summary>
    public Task<UserRoles> SetUserRolesAsync(
        string account, IReadOnlyList<string> roles, IReadOnlyList<string>? organisations = null, CancellationToken ct = default) =>
        _api.SendAsync<UserRoles>(HttpMethod.Put, UserRolesPath(account), new SetRolesRequest(roles, organisations is { Count: > 0 } ? organisations : null), ct);

    public Task<SecurityPolicy> GetSecurityPolicyAsync(CancellationToken ct = default) =>
        _api.SendAsync<SecurityPolicy>(HttpMethod.Get, "api/admin/v1/security-policy", null, ct);

    public Task<SecurityPolicy> SetSecurityPolicyAsync(SecurityPolicyRequest request, CancellationToken ct = default) =>
        _api.SendAsync<SecurityPolicy>(HttpMethod.Put, "api/admin/v1/security-policy", request, ct);

    /// <summary>An organisation's LDAP settings: never the bind password, only whether one is stored.</summary>
    public Task<LdapDirectorySettings> GetLdapDirectoryAsync(Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync<LdapDirectorySettings>(HttpMethod.Get, LdapPath(tenantId), null, ct);

    /// <summary>Creates or replaces an organisation's LDAP settings; a null bind password keeps the stored one.</summary>
    public Task<LdapDirectorySettings> SetLdapDirectoryAsync(Guid tenantId, LdapDirectoryRequest request, CancellationToken ct = default) =>
        _api.SendAsync<LdapDirectorySettings>(HttpMethod.Put, LdapPath(tenantId), request, ct);

    /// <summary>Syncs an organisation's users and groups from its LDAP directory now.</summary>
    public Task<DirectorySyncResult> SyncLdapDirectoryAsync(Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync<DirectorySyncResult>(HttpMethod.Post, LdapPath(tenantId) + "/sync", null, ct);
}
