using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Groups;
using Appliance.Web.Errors;
using Appliance.Web.Users;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Groups;

/// <summary>Groups and their members (users or other groups) in the tenant that owns their domain.</summary>
public sealed class GroupAdministration(ApplianceDbContext db, TimeProvider clock)
{
    public async Task<GroupSummary> CreateAsync(CreateGroupRequest request, CancellationToken ct)
    {
        var email = UserAdministration.NormaliseEmail(request.Email);
        var tenantId = await TenantOfAsync(email, ct);
        if (await db.Groups.AnyAsync(g => g.Email == email, ct) || await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.Conflict, $"{email} is already a user or a group.");
        }

        var group = new DirectoryGroup
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Groups.Add(group);
        return new GroupSummary(group.Id, email, group.DisplayName, tenantId);
    }

    public async Task AddMemberAsync(string groupEmail, string memberEmail, CancellationToken ct)
    {
        var group = await FindGroupAsync(groupEmail, ct);
        var member = UserAdministration.NormaliseEmail(memberEmail);
        var membership = new GroupMembership { GroupId = group.Id };
        var user = await db.Users.AsNoTracking().Where(u => u.Email == member).Select(u => new { u.Id, u.TenantId }).FirstOrDefaultAsync(ct);
        if (user is not null)
        {
            RequireSameTenant(group, user.TenantId, member);
            membership.MemberUserId = user.Id;
        }
        else
        {
            var nested = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Email == member, ct)
                ?? throw ApplianceProblemException.NotFound($"There is no user or group {member}.");
            RequireSameTenant(group, nested.TenantId, member);
            membership.MemberGroupId = nested.Id;
        }

        var exists = await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id
            && m.MemberUserId == membership.MemberUserId && m.MemberGroupId == membership.MemberGroupId, ct);
        if (!exists)
        {
            db.GroupMemberships.Add(membership);
        }
    }

    public async Task RemoveMemberAsync(string groupEmail, string memberEmail, CancellationToken ct)
    {
        var group = await FindGroupAsync(groupEmail, ct);
        var member = UserAdministration.NormaliseEmail(memberEmail);
        var userId = await db.Users.Where(u => u.Email == member).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var groupId = await db.Groups.Where(g => g.Email == member).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
        var edges = await db.GroupMemberships
            .Where(m => m.GroupId == group.Id && ((userId != null && m.MemberUserId == userId) || (groupId != null && m.MemberGroupId == groupId)))
            .ToListAsync(ct);
        if (edges.Count == 0)
        {
            throw ApplianceProblemException.NotFound($"{member} is not a member of {group.Email}.");
        }

        db.GroupMemberships.RemoveRange(edges);
    }

    public async Task<List<GroupSummary>> ListAsync(CancellationToken ct) =>
        await db.Groups.AsNoTracking().OrderBy(g => g.Email)
            .Select(g => new GroupSummary(g.Id, g.Email, g.DisplayName, g.TenantId))
            .ToListAsync(ct);

    /// <summary>The direct members of a group (nested groups by their address, not expanded), by address.</summary>
    public async Task<List<GroupMemberSummary>> ListMembersAsync(string groupEmail, CancellationToken ct) =>
        await ListMembersAsync((await FindGroupAsync(groupEmail, ct)).Id, ct);

    public async Task<List<GroupMemberSummary>> ListMembersAsync(Guid groupId, CancellationToken ct)
    {
        var users = await (from m in db.GroupMemberships
                           join u in db.Users on m.MemberUserId equals u.Id
                           where m.GroupId == groupId
                           select new GroupMemberSummary(u.Email ?? u.UserName ?? string.Empty, u.DisplayName, false)).ToListAsync(ct);
        var groups = await (from m in db.GroupMemberships
                            join g in db.Groups on m.MemberGroupId equals g.Id
                            where m.GroupId == groupId
                            select new GroupMemberSummary(g.Email, g.DisplayName, true)).ToListAsync(ct);
        return [.. users.Concat(groups).OrderBy(r => r.Email, StringComparer.Ordinal)];
    }

    private async Task<DirectoryGroup> FindGroupAsync(string groupEmail, CancellationToken ct)
    {
        var email = UserAdministration.NormaliseEmail(groupEmail);
        return await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Email == email, ct)
            ?? throw ApplianceProblemException.NotFound($"There is no group {email}.");
    }

    private async Task<Guid> TenantOfAsync(string email, CancellationToken ct)
    {
        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return await db.TenantDomains.Where(d => d.Domain == domain).Select(d => (Guid?)d.TenantId).FirstOrDefaultAsync(ct)
            ?? throw new ApplianceProblemException(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownDomain,
                $"No activated organisation owns the domain '{domain}'.");
    }

    private static void RequireSameTenant(DirectoryGroup group, Guid? memberTenant, string member)
    {
        if (memberTenant != group.TenantId)
        {
            throw ApplianceProblemException.Validation($"{member} belongs to another organisation than {group.Email}.");
        }
    }
}
