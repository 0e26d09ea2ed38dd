using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.SuperUsers;
using Appliance.Data.Tenants;
using Appliance.Web.Errors;
using Appliance.Web.Users;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.SuperUsers;

/// <summary>
/// Turning a tenant's super users on and off and choosing them. Changes are left pending on the context; the caller
/// saves them with its audit entry (the admin API's usage filter, or the portal's audit), so every change to the
/// feature and its members is in the admin log.
/// </summary>
public sealed class SuperUserAdministration(ApplianceDbContext db, TimeProvider clock)
{
    public async Task<SuperUserSettings> GetAsync(Guid tenantId, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw Unknown(tenantId);
        return await SettingsAsync(tenant, ct);
    }

    public async Task<SuperUserSettings> SetEnabledAsync(Guid tenantId, SetSuperUsersRequest request, CancellationToken ct)
    {
        if (request?.Enabled is not { } enabled)
        {
            throw ApplianceProblemException.Validation("enabled is required (true or false).");
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw Unknown(tenantId);
        tenant.SuperUsersEnabled = enabled;
        return await SettingsAsync(tenant, ct);
    }

    /// <summary>Adds a user or a group of the tenant; anyone else, or someone already a member, is refused.</summary>
    public async Task<SuperUserMemberSummary> AddMemberAsync(Guid tenantId, string principal, string addedBy, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw Unknown(tenantId);
        }

        var address = UserAdministration.NormaliseEmail(principal);
        var isUser = await db.Users.AnyAsync(u => u.Email == address && u.TenantId == tenantId, ct);
        var isGroup = !isUser && await db.Groups.AnyAsync(g => g.Email == address && g.TenantId == tenantId, ct);
        if (!isUser && !isGroup)
        {
            throw ApplianceProblemException.NotFound($"{address} is neither a user nor a group of this organisation.");
        }

        if (await db.SuperUserMembers.AnyAsync(m => m.TenantId == tenantId && m.Principal == address, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.Conflict, $"{address} is already a super user.");
        }

        var member = new SuperUserMember { TenantId = tenantId, Principal = address, IsGroup = isGroup, AddedAt = clock.GetUtcNow(), AddedBy = addedBy };
        db.SuperUserMembers.Add(member);
        return Summary(member);
    }

    public async Task RemoveMemberAsync(Guid tenantId, string principal, CancellationToken ct)
    {
        var address = principal?.Trim().ToLowerInvariant() ?? string.Empty;
        var member = await db.SuperUserMembers.FirstOrDefaultAsync(m => m.TenantId == tenantId && m.Principal == address, ct)
            ?? throw ApplianceProblemException.NotFound($"{address} is not a super user of this organisation.");
        db.SuperUserMembers.Remove(member);
    }

    private async Task<SuperUserSettings> SettingsAsync(Tenant tenant, CancellationToken ct)
    {
        var members = await db.SuperUserMembers.AsNoTracking().Where(m => m.TenantId == tenant.Id).OrderBy(m => m.Principal).ToListAsync(ct);
        return new SuperUserSettings(tenant.Id, tenant.SuperUsersEnabled, [.. members.Select(Summary)]);
    }

    private static SuperUserMemberSummary Summary(SuperUserMember m) => new(m.Principal, m.IsGroup, m.AddedAt, m.AddedBy);

    private static ApplianceProblemException Unknown(Guid tenantId) =>
        ApplianceProblemException.NotFound($"There is no activated organisation {tenantId}.");
}
