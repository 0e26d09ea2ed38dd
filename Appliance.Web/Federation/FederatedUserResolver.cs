using System.Net.Mail;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Federation;

/// <summary>The local user an external provider vouched for, or why there is none.</summary>
public sealed record FederatedResolution(ApplianceUser? User, string? Error, string? Description)
{
    public static FederatedResolution Refused(string error, string description) => new(null, error, description);
}

/// <summary>
/// Maps what an external provider asserts (its subject and the configured e-mail claim) to an existing
/// appliance user, the same way for portal sign-in and token exchange. Users are never created here:
/// they come from an administrator, directory sync or provisioning.
/// </summary>
public sealed class FederatedUserResolver(UserManager<ApplianceUser> users, ILogger<FederatedUserResolver> logger)
{
    public async Task<FederatedResolution> ResolveAsync(FederationProviderOptions provider, string? subject, string? claimedEmail)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return FederatedResolution.Refused(FederationErrors.Failed, $"{provider.Label} did not identify the user (no 'sub' claim).");
        }

        var email = Normalise(claimedEmail);
        if (email is null)
        {
            return FederatedResolution.Refused(FederationErrors.NoEmail,
                $"{provider.Label} did not send an e-mail address in the '{provider.EmailClaim}' claim.");
        }

        var domain = email[(email.LastIndexOf('@') + 1)..];
        if (!provider.Vouches(domain))
        {
            // SECURITY: a provider may only vouch for its own domains, or any provider could claim an
            // administrator's address.
            logger.LogWarning("Provider {Provider} asserted an address in domain {Domain}, which it may not vouch for", provider.Name, domain);
            return FederatedResolution.Refused(FederationErrors.DomainNotAllowed,
                $"{provider.Label} may not sign in addresses in '{domain}'.");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return FederatedResolution.Refused(FederationErrors.UnknownUser,
                $"{email} has no account on this appliance; an administrator must add it (or sync it from the directory) first.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return FederatedResolution.Refused(FederationErrors.Locked, "The account is locked or disabled.");
        }

        // The first sign-in binds the provider's subject to the account; afterwards another subject
        // claiming the same address (an address re-used or edited at the provider) is refused.
        var linked = await users.FindByLoginAsync(provider.Name, subject);
        if (linked is not null && linked.Id != user.Id)
        {
            logger.LogWarning("Provider {Provider} subject is linked to user {Linked} but asserted the address of user {User}", provider.Name, linked.Id, user.Id);
            return FederatedResolution.Refused(FederationErrors.AccountMismatch,
                $"This {provider.Label} account is linked to another appliance user.");
        }

        if (linked is null)
        {
            if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == provider.Name))
            {
                logger.LogWarning("User {User} is linked to another {Provider} subject", user.Id, provider.Name);
                return FederatedResolution.Refused(FederationErrors.AccountMismatch,
                    $"{email} is linked to another {provider.Label} account.");
            }

            var added = await users.AddLoginAsync(user, new UserLoginInfo(provider.Name, subject, provider.Label));
            if (!added.Succeeded)
            {
                return FederatedResolution.Refused(FederationErrors.Failed, "The external account could not be linked: " + added.Errors.First().Description);
            }

            logger.LogInformation("Linked user {User} to provider {Provider}", user.Id, provider.Name);
        }

        return new FederatedResolution(user, null, null);
    }

    private static string? Normalise(string? claimed)
    {
        var value = claimed?.Trim();
        if (string.IsNullOrEmpty(value) || value.Count(c => c == '@') != 1 || value.StartsWith('@') || value.EndsWith('@')
            || !MailAddress.TryCreate(value, out var address) || address.Address != value)
        {
            return null;
        }

        return value.ToLowerInvariant();
    }
}
