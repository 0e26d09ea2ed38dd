using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Portal.Account;

internal static class UserLookup
{
    /// <summary>By e-mail or user name, as the token endpoint does (the first-start <c>admin</c> has no e-mail).</summary>
    public static async Task<ApplianceUser?> FindAsync(UserManager<ApplianceUser> users, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim();
        return key.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(key) ?? await users.FindByNameAsync(key)
            : await users.FindByNameAsync(key);
    }
}
