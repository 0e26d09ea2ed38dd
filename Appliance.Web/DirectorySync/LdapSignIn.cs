using System.DirectoryServices.Protocols;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.DirectorySync;

/// <summary>
/// Checks a synced user's password the way the directory does: a simple bind as the user's DN on the
/// tenant's server. The appliance keeps no hash of it.
/// </summary>
public sealed class LdapSignIn(ApplianceDbContext db, ILogger<LdapSignIn> logger)
{
    /// <summary>LDAP result code 49 (RFC 4511), which <see cref="ResultCode"/> does not name.</summary>
    private const int InvalidCredentials = 49;

    public async Task<bool> VerifyPasswordAsync(ApplianceUser user, string? password, CancellationToken ct)
    {
        if (user.Source != PrincipalSources.Ldap || string.IsNullOrEmpty(password) || string.IsNullOrEmpty(user.DistinguishedName))
        {
            return false;
        }

        var serverUrl = await db.LdapDirectories.AsNoTracking()
            .Where(d => d.TenantId == user.TenantId).Select(d => d.ServerUrl).FirstOrDefaultAsync(ct);
        if (serverUrl is null)
        {
            return false;
        }

        try
        {
            // The client library is synchronous: keep the network wait off the request's thread.
            var dn = user.DistinguishedName;
            await Task.Run(() => LdapSession.Bind(serverUrl, dn, password).Dispose(), ct);
            return true;
        }
        catch (LdapException ex) when (ex.ErrorCode == InvalidCredentials)
        {
            return false;
        }
        catch (Exception ex) when (ex is LdapException or DirectoryOperationException or ArgumentException)
        {
            // SECURITY: the caller only learns that sign-in failed; the reason (never the password) goes to the log.
            logger.LogWarning(ex, "LDAP bind of user {UserId} on {Server} failed", user.Id, serverUrl);
            return false;
        }
    }
}
