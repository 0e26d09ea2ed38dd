using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Web.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.DirectorySync;

/// <summary>A tenant's LDAP settings. The bind password goes in only Data Protection–protected and never comes out.</summary>
public sealed class LdapDirectoryAdministration(ApplianceDbContext db, IDataProtectionProvider protection)
{
    /// <summary>The Data Protection purpose of stored bind passwords; changing it makes stored ones unreadable.</summary>
    public const string BindPasswordPurpose = "Appliance.DirectorySync.BindPassword.v1";

    public const int MaxSyncIntervalMinutes = 7 * 24 * 60;

    public static IDataProtector BindPasswordProtector(IDataProtectionProvider protection) =>
        protection.CreateProtector(BindPasswordPurpose);

    public async Task<LdapDirectorySettings> GetAsync(Guid tenantId, CancellationToken ct)
    {
        var directory = await db.LdapDirectories.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenantId, ct)
            ?? throw ApplianceProblemException.NotFound($"The organisation {tenantId} has no LDAP directory.");
        return ToSettings(directory);
    }

    public async Task<LdapDirectorySettings> PutAsync(Guid tenantId, LdapDirectoryRequest request, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw ApplianceProblemException.NotFound($"There is no organisation {tenantId}.");
        }

        Validate(request);
        var directory = await db.LdapDirectories.FirstOrDefaultAsync(d => d.TenantId == tenantId, ct);
        var protectedPassword = string.IsNullOrEmpty(request.BindPassword)
            ? directory?.ProtectedBindPassword
                ?? throw ApplianceProblemException.Validation("bindPassword is required the first time.")
            : BindPasswordProtector(protection).Protect(request.BindPassword);
        if (directory is null)
        {
            directory = new LdapDirectory
            {
                TenantId = tenantId,
                ServerUrl = string.Empty,
                BindDn = string.Empty,
                ProtectedBindPassword = protectedPassword,
                BaseDn = string.Empty,
                UserFilter = string.Empty,
                GroupFilter = string.Empty,
                IdAttribute = string.Empty,
                MailAttribute = string.Empty,
                DisplayNameAttribute = string.Empty,
                MemberAttribute = string.Empty,
            };
            db.LdapDirectories.Add(directory);
        }

        directory.ServerUrl = request.ServerUrl.Trim();
        directory.BindDn = request.BindDn.Trim();
        directory.ProtectedBindPassword = protectedPassword;
        directory.BaseDn = request.BaseDn.Trim();
        directory.UserFilter = request.UserFilter.Trim();
        directory.GroupFilter = request.GroupFilter.Trim();
        directory.DisabledFilter = string.IsNullOrWhiteSpace(request.DisabledFilter) ? null : request.DisabledFilter.Trim();
        directory.IdAttribute = Attribute(request.IdAttribute, "entryUUID");
        directory.MailAttribute = Attribute(request.MailAttribute, "mail");
        directory.DisplayNameAttribute = Attribute(request.DisplayNameAttribute, "displayName");
        directory.MemberAttribute = Attribute(request.MemberAttribute, "member");
        directory.SyncIntervalMinutes = request.SyncIntervalMinutes;
        await db.SaveChangesAsync(ct);
        return ToSettings(directory);
    }

    private static void Validate(LdapDirectoryRequest request)
    {
        try
        {
            LdapSession.ParseUrl(request.ServerUrl?.Trim() ?? string.Empty);
        }
        catch (ArgumentException ex)
        {
            throw ApplianceProblemException.Validation("serverUrl: " + ex.Message);
        }

        Require(request.BindDn, "bindDn");
        Require(request.BaseDn, "baseDn");
        Filter(request.UserFilter, "userFilter");
        Filter(request.GroupFilter, "groupFilter");
        if (!string.IsNullOrWhiteSpace(request.DisabledFilter))
        {
            Filter(request.DisabledFilter, "disabledFilter");
        }

        if (request.SyncIntervalMinutes is < 0 or > MaxSyncIntervalMinutes)
        {
            throw ApplianceProblemException.Validation($"syncIntervalMinutes must be between 0 (on demand only) and {MaxSyncIntervalMinutes}.");
        }
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApplianceProblemException.Validation($"{name} is required.");
        }
    }

    private static void Filter(string? value, string name)
    {
        Require(value, name);
        var filter = value!.Trim();
        if (!filter.StartsWith('(') || !filter.EndsWith(')'))
        {
            throw ApplianceProblemException.Validation($"{name} must be an LDAP filter in parentheses, such as (objectClass=person).");
        }
    }

    private static string Attribute(string? value, string fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var name = value.Trim();
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            ? name
            : throw ApplianceProblemException.Validation($"'{name}' is not an LDAP attribute name.");
    }

    private static LdapDirectorySettings ToSettings(LdapDirectory d) => new(
        d.TenantId, d.ServerUrl, d.BindDn, d.ProtectedBindPassword.Length > 0, d.BaseDn, d.UserFilter, d.GroupFilter,
        d.DisabledFilter, d.IdAttribute, d.MailAttribute, d.DisplayNameAttribute, d.MemberAttribute, d.SyncIntervalMinutes,
        d.LastSyncAt, d.LastSyncResult);
}
