using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Appliance.Web.DirectorySync;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Portal.Account;

/// <summary>
/// Identity's sign-in manager, except that a user synced from LDAP has no local password: it is checked by a bind
/// as the user's DN (<see cref="LdapSignIn"/>), with the same lockout. Everything after the password (second
/// factor, cookie, <c>amr</c>) is Identity's own.
/// </summary>
public sealed class ApplianceSignInManager(
    UserManager<ApplianceUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplianceUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplianceUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplianceUser> confirmation,
    LdapSignIn ldap)
    : SignInManager<ApplianceUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplianceUser user, string password, bool lockoutOnFailure)
    {
        if (user.Source != PrincipalSources.Ldap)
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }

        // Locked out by failed attempts or by the sync (disabled in the directory): no bind at all.
        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        if (await ldap.VerifyPasswordAsync(user, password, Context.RequestAborted))
        {
            if (!await IsTwoFactorEnabledAsync(user))
            {
                await UserManager.ResetAccessFailedCountAsync(user);
            }

            return SignInResult.Success;
        }

        if (lockoutOnFailure)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
            {
                return SignInResult.LockedOut;
            }
        }

        return SignInResult.Failed;
    }
}
