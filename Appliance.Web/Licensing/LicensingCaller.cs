using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Data.Tenants;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Appliance.Web.ExternalUsers;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Licensing;

/// <summary>The signed-in user of a licensing request, with the tenant they belong to.</summary>
public sealed record LicensingCaller(ApplianceUser User, Tenant Tenant)
{
    public string Email => User.Email!;

    /// <summary>
    /// Loads the caller afresh for every request, so that a deleted or locked account stops at once,
    /// whatever its access token still says.
    /// </summary>
    public static async Task<LicensingCaller> LoadAsync(ApplianceDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        await ForTenantUserAsync(db, await LoadUserAsync(db, caller, clock, ct), ct);

    /// <summary>The caller's account, whatever kind; refused when deleted or locked.</summary>
    public static async Task<ApplianceUser> LoadUserAsync(ApplianceDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.UserId, ct);
        return user is null || (user.LockoutEnd is { } end && end > clock.GetUtcNow())
            ? throw new ApplianceProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated,
                "The account no longer exists or is locked.")
            : user;
    }

    public static async Task<LicensingCaller> ForTenantUserAsync(ApplianceDbContext db, ApplianceUser user, CancellationToken ct)
    {
        if (user.Source == PrincipalSources.External)
        {
            throw ExternalRecipients.CannotProtect();
        }

        if (user.TenantId is not { } tenantId || user.Email is null)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TenantNotActivated,
                "This account belongs to no activated organisation, so it cannot protect or open content.");
        }

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        return new LicensingCaller(user, tenant);
    }
}
