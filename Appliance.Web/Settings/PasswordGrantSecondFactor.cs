using Appliance.Data.Users;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Appliance.Web.Settings;

/// <summary>
/// The second factor on the password grant of <c>/connect/token</c>: a user with an authenticator app sends its
/// current code in the extra <c>totp</c> parameter (RFC 6749 §8.2 allows extra parameters), and while the
/// security policy requires it, an administrator without one enrolled gets no token at all.
/// </summary>
public static class PasswordGrantSecondFactor
{
    public const string Parameter = "totp";

    /// <summary>Null when the grant may go on; otherwise the <c>invalid_grant</c> description to answer with.</summary>
    public static async Task<string?> RefusalAsync(HttpContext http, UserManager<ApplianceUser> users, ApplianceUser user, OpenIddictRequest request)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var code = AuthenticatorCode.Normalise((string?)request.GetParameter(Parameter));
            if (code.Length == 0)
            {
                return $"This account signs in with a second factor: send the current code of its authenticator app in the '{Parameter}' parameter.";
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                // A wrong code counts towards lockout like a wrong password: the password was right, so only the
                // code stands between a guesser and the account.
                await users.AccessFailedAsync(user);
                return "The authenticator code is incorrect or has expired.";
            }

            await users.ResetAccessFailedCountAsync(user);
            return null;
        }

        return await EnrolmentRefusalAsync(http, users, user);
    }

    /// <summary>
    /// While the policy requires it, an administrator with no authenticator enrolled gets no new token by any
    /// grant, refresh included: turning the policy on reaches existing sessions within one access-token lifetime.
    /// </summary>
    public static async Task<string?> EnrolmentRefusalAsync(HttpContext http, UserManager<ApplianceUser> users, ApplianceUser user)
    {
        var policy = http.RequestServices.GetRequiredService<SecurityPolicyStore>();
        if (!await users.GetTwoFactorEnabledAsync(user)
            && await policy.RequiresAdministratorTwoFactorAsync(http.RequestAborted)
            && (await users.GetRolesAsync(user)).Any(r => ApplianceRoles.All.Contains(r, StringComparer.Ordinal)))
        {
            return "Administrators must sign in with a second factor: enrol an authenticator app in the portal at "
                + "/account/two-factor, then send its code in the 'totp' parameter.";
        }

        return null;
    }
}

/// <summary>What people type from an authenticator app: digits, perhaps with spaces or a dash in the middle.</summary>
public static class AuthenticatorCode
{
    public static string Normalise(string? code) =>
        (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Trim();
}
