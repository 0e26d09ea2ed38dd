using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.ExternalUsers;

/// <summary>
/// Addresses that belong to an organisation on this appliance: their people sign in through it, so an
/// e-mailed code must never stand in for that account (or for anyone a tenant later claims).
/// </summary>
public static class OrganisationAddresses
{
    public static async Task<bool> IsOrganisationAddressAsync(ApplianceDbContext db, string email, CancellationToken ct)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..];
        if (await db.TenantDomains.AnyAsync(d => d.Domain == domain, ct))
        {
            return true;
        }

        var normalised = email.ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalised && u.Source != PrincipalSources.External, ct)
            || await db.Groups.AnyAsync(g => g.Email == email, ct);
    }

    public static async Task EnsureExternalAsync(ApplianceDbContext db, string email, CancellationToken ct)
    {
        if (await IsOrganisationAddressAsync(db, email, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.OrganisationAddress,
                $"{email} belongs to an organisation on this appliance: sign in with your organisation account instead.");
        }
    }
}
