using Appliance.Data;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Users;

/// <summary>
/// An administrator locks an account until they unlock it: no password, refresh or licence from then on (the token
/// endpoint and the licensing caller check the lockout). The change is left pending so that it is saved with its
/// usage entry.
/// </summary>
public sealed class UserLockout(ApplianceDbContext db, ILookupNormalizer normalizer)
{
    /// <summary>
    /// Distinct from the directory sync's own lockout (31 December 9999), which the sync lifts when the directory
    /// enables the account again: an administrator's lock stays until an administrator lifts it.
    /// </summary>
    public static readonly DateTimeOffset AdministratorLockout = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    public async Task<ApplianceUser> LockAsync(string account, Guid? actingUserId, CancellationToken ct)
    {
        var user = await FindAsync(account, ct);
        if (user.Id == actingUserId)
        {
            throw ApplianceProblemException.Validation("You cannot lock your own account.");
        }

        user.LockoutEnabled = true;
        user.LockoutEnd = AdministratorLockout;

        // A new stamp ends the person's portal sessions at the cookie's next validation.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        return user;
    }

    public async Task<ApplianceUser> UnlockAsync(string account, CancellationToken ct)
    {
        var user = await FindAsync(account, ct);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return user;
    }

    private async Task<ApplianceUser> FindAsync(string account, CancellationToken ct)
    {
        var normalized = normalizer.NormalizeEmail(account?.Trim());
        if (string.IsNullOrEmpty(normalized))
        {
            throw ApplianceProblemException.Validation("Choose a user to lock or unlock.");
        }

        return await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, ct)
            ?? throw ApplianceProblemException.NotFound($"There is no user {account!.Trim()}.");
    }
}
