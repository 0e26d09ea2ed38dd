using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Appliance.Web.ExternalUsers;

/// <summary>
/// The token endpoint's e-mail code grant: a right code signs the address in, creating its external
/// account the first time (no tenant, no password, no roles).
/// </summary>
public sealed class ExternalSignIn(ApplianceDbContext db, EmailCodes codes, UserManager<ApplianceUser> users, TimeProvider clock)
{
    public async Task<(ApplianceUser? User, string Error)> SignInAsync(OpenIddictRequest request, CancellationToken ct)
    {
        var (email, error) = await codes.RedeemAsync(
            (string?)request.GetParameter(EmailCodeGrant.EmailParameter), (string?)request.GetParameter(EmailCodeGrant.CodeParameter), ct);
        if (email is null)
        {
            return (null, error);
        }

        // Checked again here: an organisation may have claimed the domain since the code was sent.
        if (await OrganisationAddresses.IsOrganisationAddressAsync(db, email, ct))
        {
            return (null, $"{email} belongs to an organisation on this appliance: sign in with your organisation account instead.");
        }

        var user = await users.FindByEmailAsync(email) ?? await CreateAsync(email);
        if (user.Source != PrincipalSources.External)
        {
            return (null, $"{email} belongs to an organisation on this appliance: sign in with your organisation account instead.");
        }

        return await users.IsLockedOutAsync(user) ? (null, "The account is locked; try again later.") : (user, string.Empty);
    }

    private async Task<ApplianceUser> CreateAsync(string email)
    {
        var user = new ApplianceUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Source = PrincipalSources.External,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            return user;
        }

        // Two first sign-ins at once: the other one created the account.
        return await users.FindByEmailAsync(email)
            ?? throw new InvalidOperationException("Could not create the external account: " + string.Join(" ", created.Errors.Select(e => e.Code)));
    }
}
