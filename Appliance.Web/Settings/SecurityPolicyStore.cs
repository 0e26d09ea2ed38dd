using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Settings;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Settings;

/// <summary>The appliance-wide security policy, read from the database on every use so that every node sees a change at once.</summary>
public sealed class SecurityPolicyStore(ApplianceDbContext db, TimeProvider clock)
{
    public async Task<SecurityPolicy> GetAsync(CancellationToken ct)
    {
        var row = await db.SecuritySettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SecuritySettings.SingletonId, ct);
        return row is null ? new SecurityPolicy(false, null) : new SecurityPolicy(row.RequireAdministratorTwoFactor, row.UpdatedAt);
    }

    public async Task<bool> RequiresAdministratorTwoFactorAsync(CancellationToken ct) =>
        (await GetAsync(ct)).RequireAdministratorTwoFactor;

    public async Task<SecurityPolicy> SetAsync(SecurityPolicyRequest request, CancellationToken ct)
    {
        if (request.RequireAdministratorTwoFactor is not { } require)
        {
            throw ApplianceProblemException.Validation("requireAdministratorTwoFactor is required: true or false.");
        }

        var row = await db.SecuritySettings.FirstOrDefaultAsync(s => s.Id == SecuritySettings.SingletonId, ct);
        if (row is null)
        {
            row = new SecuritySettings();
            db.SecuritySettings.Add(row);
        }

        row.RequireAdministratorTwoFactor = require;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new SecurityPolicy(row.RequireAdministratorTwoFactor, row.UpdatedAt);
    }
}
