using System.DirectoryServices.Protocols;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Data.Groups;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Appliance.Web.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.DirectorySync;

/// <summary>
/// Mirrors a tenant's LDAP users, groups and memberships into the appliance. The directory is the
/// authority for what it synced: a synced user that is disabled there, deleted, moved out of the filter
/// or left without mail is locked out and loses every membership; a synced group is removed with its
/// edges; a synced group's members are exactly the directory's. Local users and groups are never touched.
/// Only ids, mail, names and membership are read, never a password.
/// </summary>
public sealed class DirectorySyncService(
    ApplianceDbContext db,
    IDataProtectionProvider protection,
    ILookupNormalizer normalizer,
    DirectorySyncLock syncLock,
    TimeProvider clock,
    ILogger<DirectorySyncService> logger)
{
    /// <summary>Marks a lockout made by the sync, so that the next sync may lift it once the user is enabled again.</summary>
    /// <remarks>Not <see cref="DateTimeOffset.MaxValue"/>: both providers store microseconds, which would not round-trip it.</remarks>
    public static readonly DateTimeOffset SyncLockout = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<DirectorySyncResult> SyncAsync(Guid tenantId, CancellationToken ct)
    {
        await syncLock.Semaphore.WaitAsync(ct);
        try
        {
            var directory = await db.LdapDirectories.FirstOrDefaultAsync(d => d.TenantId == tenantId, ct)
                ?? throw ApplianceProblemException.NotFound($"The organisation {tenantId} has no LDAP directory.");
            DirectorySnapshot snapshot;
            try
            {
                // The client library is synchronous: keep the network wait off the request's thread.
                snapshot = await Task.Run(() => Read(directory), ct);
            }
            catch (Exception ex) when (ex is LdapException or DirectoryOperationException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                // SECURITY: the message names the server and the LDAP error only; the bind password is in no exception.
                logger.LogWarning(ex, "LDAP sync of tenant {TenantId} failed", tenantId);
                directory.LastSyncAt = clock.GetUtcNow();
                directory.LastSyncResult = Truncate("failed: " + ex.Message);
                await db.SaveChangesAsync(ct);
                throw new ApplianceProblemException(StatusCodes.Status502BadGateway, ProblemCodes.DirectoryUnavailable,
                    $"The directory {directory.ServerUrl} could not be read: {ex.Message}", ex);
            }

            var result = await ApplyAsync(directory, snapshot, ct);
            directory.LastSyncAt = clock.GetUtcNow();
            directory.LastSyncResult = Truncate("ok: " + result.Summary());
            await db.SaveChangesAsync(ct);
            logger.LogInformation("LDAP sync of tenant {TenantId}: {Summary}", tenantId, result.Summary());
            return result;
        }
        finally
        {
            syncLock.Semaphore.Release();
        }
    }

    private sealed record DirectorySnapshot(List<LdapEntry> Users, HashSet<string> DisabledIds, List<LdapEntry> Groups);

    private DirectorySnapshot Read(LdapDirectory directory)
    {
        var password = LdapDirectoryAdministration.BindPasswordProtector(protection).Unprotect(directory.ProtectedBindPassword);
        using var session = LdapSession.Bind(directory.ServerUrl, directory.BindDn, password);
        string[] userAttributes = [directory.IdAttribute, directory.MailAttribute, "userPrincipalName", directory.DisplayNameAttribute, "cn", "userAccountControl"];
        var users = session.Search(directory.BaseDn, directory.UserFilter, userAttributes);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        if (directory.DisabledFilter is { } disabledFilter)
        {
            foreach (var entry in session.Search(directory.BaseDn, $"(&{directory.UserFilter}{disabledFilter})", [directory.IdAttribute]))
            {
                if (entry.Id(directory.IdAttribute) is { } id)
                {
                    disabled.Add(id);
                }
            }
        }

        string[] groupAttributes = [directory.IdAttribute, directory.MailAttribute, directory.DisplayNameAttribute, "cn", directory.MemberAttribute];
        var groups = session.Search(directory.BaseDn, directory.GroupFilter, groupAttributes);
        return new DirectorySnapshot(users, disabled, groups);
    }

    private async Task<DirectorySyncResult> ApplyAsync(LdapDirectory directory, DirectorySnapshot snapshot, CancellationToken ct)
    {
        var tenantId = directory.TenantId;
        var now = clock.GetUtcNow();
        var domains = (await db.TenantDomains.Where(d => d.TenantId == tenantId).Select(d => d.Domain).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var skipped = new List<DirectorySyncSkip>();
        int usersAdded = 0, usersUpdated = 0, usersDisabled = 0, groupsAdded = 0, groupsUpdated = 0, groupsRemoved = 0;

        var syncedUsers = await db.Users.Where(u => u.TenantId == tenantId && u.Source == PrincipalSources.Ldap).ToListAsync(ct);
        var usersById = syncedUsers.Where(u => u.ExternalId != null).ToDictionary(u => u.ExternalId!, StringComparer.Ordinal);
        var seenUsers = new HashSet<Guid>();
        var enabledUserByDn = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var toDisable = new List<ApplianceUser>();
        // Addresses taken in this sync: the database cannot see them before SaveChanges.
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var entry in snapshot.Users)
        {
            var id = entry.Id(directory.IdAttribute);
            if (id is null)
            {
                skipped.Add(new(entry.Dn, $"no {directory.IdAttribute}"));
                continue;
            }

            var email = EmailOf(entry, directory.MailAttribute, domains, skipped);
            if (email is null)
            {
                continue;
            }

            if (!claimed.Add(email))
            {
                skipped.Add(new(entry.Dn, $"{email} is used by another entry of the directory"));
                continue;
            }

            var displayName = Limit(entry.First(directory.DisplayNameAttribute) ?? entry.First("cn"), 256);
            if (!usersById.TryGetValue(id, out var user))
            {
                if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizer.NormalizeEmail(email) || u.NormalizedUserName == normalizer.NormalizeName(email), ct)
                    || await db.Groups.AnyAsync(g => g.Email == email, ct))
                {
                    skipped.Add(new(entry.Dn, $"{email} is already a local user or group"));
                    continue;
                }

                user = new ApplianceUser
                {
                    Id = Guid.NewGuid(),
                    TenantId = tenantId,
                    Source = PrincipalSources.Ldap,
                    ExternalId = id,
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    CreatedAt = now,
                };
                SetEmail(user, email);
                db.Users.Add(user);
                usersById[id] = user;
                usersAdded++;
            }
            else if (user.Email != email || user.DisplayName != displayName || user.DistinguishedName != entry.Dn)
            {
                if (user.Email != email
                    && (await db.Users.AnyAsync(u => u.Id != user.Id && u.NormalizedEmail == normalizer.NormalizeEmail(email), ct)
                        || await db.Groups.AnyAsync(g => g.Email == email, ct)))
                {
                    skipped.Add(new(entry.Dn, $"{email} is already another user or group"));
                    continue;
                }

                SetEmail(user, email);
                usersUpdated++;
            }

            seenUsers.Add(user.Id);
            user.DisplayName = displayName;
            user.DistinguishedName = entry.Dn;

            if (snapshot.DisabledIds.Contains(id) || entry.AdAccountDisabled())
            {
                toDisable.Add(user);
            }
            else
            {
                if (user.LockoutEnd == SyncLockout)
                {
                    // Enabled again in the directory: lift the sync's own lockout, not one from failed sign-ins.
                    user.LockoutEnd = null;
                    user.SecurityStamp = Guid.NewGuid().ToString("N");
                }

                enabledUserByDn[entry.Dn] = user.Id;
            }
        }

        // Disabled, deleted, filtered out, or skipped this time: no access until the directory says otherwise.
        toDisable.AddRange(syncedUsers.Where(u => !seenUsers.Contains(u.Id)));
        var disabledIds = new List<Guid>();
        foreach (var user in toDisable)
        {
            if (user.LockoutEnd != SyncLockout)
            {
                usersDisabled++;
            }

            user.LockoutEnabled = true;
            user.LockoutEnd = SyncLockout;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            disabledIds.Add(user.Id);
        }

        var membershipsRemoved = 0;
        if (disabledIds.Count > 0)
        {
            var edges = await db.GroupMemberships.Where(m => m.MemberUserId != null && disabledIds.Contains(m.MemberUserId.Value)).ToListAsync(ct);
            db.GroupMemberships.RemoveRange(edges);
            membershipsRemoved += edges.Count;
        }

        // Groups.
        var syncedGroups = await db.Groups.Where(g => g.TenantId == tenantId && g.Source == PrincipalSources.Ldap).ToListAsync(ct);
        var groupsById = syncedGroups.Where(g => g.ExternalId != null).ToDictionary(g => g.ExternalId!, StringComparer.Ordinal);
        var groupByDn = new Dictionary<string, DirectoryGroup>(StringComparer.OrdinalIgnoreCase);
        var members = new Dictionary<Guid, List<string>>();
        foreach (var entry in snapshot.Groups)
        {
            var id = entry.Id(directory.IdAttribute);
            if (id is null)
            {
                skipped.Add(new(entry.Dn, $"no {directory.IdAttribute}"));
                continue;
            }

            var email = EmailOf(entry, directory.MailAttribute, domains, skipped);
            if (email is null)
            {
                continue;
            }

            if (!claimed.Add(email))
            {
                skipped.Add(new(entry.Dn, $"{email} is used by another entry of the directory"));
                continue;
            }

            var displayName = Limit(entry.First(directory.DisplayNameAttribute) ?? entry.First("cn"), 256);
            if (!groupsById.TryGetValue(id, out var group))
            {
                if (await db.Groups.AnyAsync(g => g.Email == email, ct) || await db.Users.AnyAsync(u => u.NormalizedEmail == normalizer.NormalizeEmail(email), ct)
                    || usersById.Values.Any(u => u.Email == email))
                {
                    skipped.Add(new(entry.Dn, $"{email} is already a user or a local group"));
                    continue;
                }

                group = new DirectoryGroup
                {
                    Id = Guid.NewGuid(),
                    TenantId = tenantId,
                    Email = email,
                    DisplayName = displayName,
                    Source = PrincipalSources.Ldap,
                    ExternalId = id,
                    CreatedAt = now,
                };
                db.Groups.Add(group);
                groupsById[id] = group;
                groupsAdded++;
            }
            else if (group.Email != email || group.DisplayName != displayName)
            {
                if (group.Email != email && await db.Groups.AnyAsync(g => g.Id != group.Id && g.Email == email, ct))
                {
                    skipped.Add(new(entry.Dn, $"{email} is already another group"));
                    continue;
                }

                group.Email = email;
                group.DisplayName = displayName;
                groupsUpdated++;
            }

            groupByDn[entry.Dn] = group;
            members[group.Id] = [.. entry.All(directory.MemberAttribute)];
        }

        var gone = syncedGroups.Where(g => !members.ContainsKey(g.Id)).ToList();
        db.Groups.RemoveRange(gone);
        groupsRemoved += gone.Count;

        // Memberships of synced groups are exactly the directory's (among the members the appliance knows).
        var membershipsAdded = 0;
        var groupIds = members.Keys.ToList();
        var existing = await db.GroupMemberships.Where(m => groupIds.Contains(m.GroupId)).ToListAsync(ct);
        var removedAlready = db.ChangeTracker.Entries<GroupMembership>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        foreach (var (groupId, memberDns) in members)
        {
            var wantedUsers = new HashSet<Guid>();
            var wantedGroups = new HashSet<Guid>();
            foreach (var dn in memberDns)
            {
                if (enabledUserByDn.TryGetValue(dn, out var userId))
                {
                    wantedUsers.Add(userId);
                }
                else if (groupByDn.TryGetValue(dn, out var nested) && nested.Id != groupId)
                {
                    wantedGroups.Add(nested.Id);
                }
            }

            foreach (var edge in existing.Where(m => m.GroupId == groupId && !removedAlready.Contains(m.Id)))
            {
                var keep = edge.MemberUserId is { } u ? wantedUsers.Remove(u) : wantedGroups.Remove(edge.MemberGroupId!.Value);
                if (!keep)
                {
                    db.GroupMemberships.Remove(edge);
                    membershipsRemoved++;
                }
            }

            foreach (var userId in wantedUsers)
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, MemberUserId = userId });
                membershipsAdded++;
            }

            foreach (var nestedId in wantedGroups)
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, MemberGroupId = nestedId });
                membershipsAdded++;
            }
        }

        return new DirectorySyncResult(usersAdded, usersUpdated, usersDisabled, groupsAdded, groupsUpdated, groupsRemoved,
            membershipsAdded, membershipsRemoved, skipped);
    }

    private void SetEmail(ApplianceUser user, string email)
    {
        user.Email = email;
        user.UserName = email;
        user.NormalizedEmail = normalizer.NormalizeEmail(email);
        user.NormalizedUserName = normalizer.NormalizeName(email);
    }

    /// <summary>The entry's address in one of the tenant's domains, or null with the reason added to <paramref name="skipped"/>.</summary>
    private static string? EmailOf(LdapEntry entry, string mailAttribute, HashSet<string> domains, List<DirectorySyncSkip> skipped)
    {
        // AD users often have no mail but a userPrincipalName in the mail domain.
        var raw = entry.First(mailAttribute) ?? entry.First("userPrincipalName");
        if (string.IsNullOrWhiteSpace(raw))
        {
            skipped.Add(new(entry.Dn, "no mail"));
            return null;
        }

        string email;
        try
        {
            email = UserAdministration.NormaliseEmail(raw);
        }
        catch (ApplianceProblemException)
        {
            skipped.Add(new(entry.Dn, $"'{raw}' is not an e-mail address"));
            return null;
        }

        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (!domains.Contains(domain))
        {
            skipped.Add(new(entry.Dn, $"the domain {domain} is not the organisation's"));
            return null;
        }

        return email;
    }

    private static string? Limit(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > max ? v[..max] : value.Trim();

    private static string Truncate(string value) => value.Length > 2000 ? value[..2000] : value;
}

/// <summary>One sync at a time per process: the scheduled one and an on-demand one must not interleave.</summary>
public sealed class DirectorySyncLock
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);
}
