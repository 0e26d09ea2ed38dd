using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Appliance.Web.DirectorySync;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Portal.Account;

/// <summary>
/// Identity's sign-in manager, except that a user synced from LDAP has no local password: it is checked by a bind
/// as the user's DN (<see cref="LdapSignIn"/>), with the same lockout. Everything after the password (second
/// factor, cookie, <c>amr</c>) is Identity's own. Every sign-in by name and password (the token endpoint's
/// password grant, the portal's sign-in page) goes through <see cref="CheckPasswordByNameAsync"/> or
/// <see cref="PasswordSignInByNameAsync"/>.
/// </summary>
// SECURITY: an unknown name, a wrong password and a locked, disabled or password-less account must not be told
// apart. Here each of them costs one password-hash verification (a real one, or DummyPasswordHash's); the callers
// answer every refusal with the same words.
public sealed class ApplianceSignInManager(
    UserManager<ApplianceUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplianceUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplianceUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplianceUser> confirmation,
    LdapSignIn ldap,
    DummyPasswordHash dummy)
    : SignInManager<ApplianceUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Finds the account by e-mail or user name and checks its password, without signing in (the token endpoint).</summary>
    /// <returns>The account if there is one (whatever the result), and the result: only <c>Succeeded</c> means the password was right.</returns>
    public async Task<(ApplianceUser? User, SignInResult Result)> CheckPasswordByNameAsync(string? name, string? password, bool lockoutOnFailure)
    {
        var user = await UserLookup.FindAsync(UserManager, name);
        if (user is null)
        {
            dummy.Verify(UserManager.PasswordHasher, password);
            return (null, SignInResult.Failed);
        }

        return (user, await CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure));
    }

    /// <summary>As <see cref="CheckPasswordByNameAsync"/>, then the portal cookie or the second-factor step (the sign-in page).</summary>
    public async Task<(ApplianceUser? User, SignInResult Result)> PasswordSignInByNameAsync(string? name, string? password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserLookup.FindAsync(UserManager, name);
        if (user is null)
        {
            dummy.Verify(UserManager.PasswordHasher, password);
            return (null, SignInResult.Failed);
        }

        return (user, await PasswordSignInAsync(user, password ?? string.Empty, isPersistent, lockoutOnFailure));
    }

    /// <summary>Identity's own answers an unknown name at once; this one costs what a wrong password does.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure) =>
        (await PasswordSignInByNameAsync(userName, password, isPersistent, lockoutOnFailure)).Result;

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplianceUser user, string password, bool lockoutOnFailure)
    {
        // Locked out by failed attempts, by an administrator or by the sync (disabled in the directory): no real
        // check and no bind (a locked account stays locked even for the right password), but the same cost.
        if (await PreSignInCheck(user) is { } refused)
        {
            dummy.Verify(UserManager.PasswordHasher, password);
            return refused;
        }

        if (user.Source == PrincipalSources.Ldap)
        {
            return await CheckDirectoryPasswordAsync(user, password, lockoutOnFailure);
        }

        if (!await UserManager.HasPasswordAsync(user))
        {
            // An external recipient or a federated account: Identity refuses (and counts the failure) without hashing.
            dummy.Verify(UserManager.PasswordHasher, password);
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    private async Task<SignInResult> CheckDirectoryPasswordAsync(ApplianceUser user, string password, bool lockoutOnFailure)
    {
        // SECURITY: the bind is a network round trip, not a hash, so on its own it answered in a few milliseconds
        // where a local password takes a hash's time. The dummy verification runs beside it: the check takes
        // max(bind, hash), the same as a local account's whenever the directory answers faster than a hash is
        // verified; only a directory slower than that (the excess over the hash) can still be timed.
        var spent = Task.Run(() => dummy.Verify(UserManager.PasswordHasher, password));
        bool verified;
        try
        {
            verified = await ldap.VerifyPasswordAsync(user, password, Context.RequestAborted);
        }
        finally
        {
            await spent;
        }

        if (verified)
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
