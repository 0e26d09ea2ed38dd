using System.Security.Cryptography;
using Appliance.Data.Users;
using Appliance.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

/// <summary>
/// First-start state: the roles, the <c>rms</c> OAuth client and the <c>admin</c> account.
/// Safe to run on every start and on several nodes: it only adds what is missing.
/// </summary>
public sealed class IdentitySeeder(
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<ApplianceUser> users,
    IOpenIddictApplicationManager applications,
    IOptions<ApplianceOptions> options,
    TimeProvider clock,
    ILogger<IdentitySeeder> logger)
{
    public const string AdminUserName = "admin";

    public async Task SeedAsync(TextWriter console, CancellationToken ct)
    {
        foreach (var role in ApplianceRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }

        var rmsCli = await applications.FindByClientIdAsync(OAuthClients.RmsCli, ct);
        if (rmsCli is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = OAuthClients.RmsCli,
                ClientType = ClientTypes.Public,
                DisplayName = "rms command-line client",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.Password,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.GrantTypes.TokenExchange,
                    Permissions.Prefixes.Scope + OAuthClients.ApiScope,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Roles,
                },
            }, ct);
        }
        else if (!await applications.HasPermissionAsync(rmsCli, Permissions.GrantTypes.TokenExchange, ct))
        {
            // Databases seeded before federation: let rms exchange an external provider's ID token too.
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, rmsCli, ct);
            descriptor.Permissions.Add(Permissions.GrantTypes.TokenExchange);
            await applications.UpdateAsync(rmsCli, descriptor, ct);
        }

        if (await users.FindByNameAsync(AdminUserName) is null)
        {
            await CreateAdminAsync(console);
        }
    }

    private async Task CreateAdminAsync(TextWriter console)
    {
        var configured = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new ApplianceUser { UserName = AdminUserName, CreatedAt = clock.GetUtcNow(), EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, ApplianceRoles.Administrator));
        logger.LogInformation("Created the first administrator account '{User}'", AdminUserName);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once to the terminal that started the appliance, never to the log: the log may be
            // shipped elsewhere, and this password opens everything.
            await console.WriteLineAsync($"Administrator account '{AdminUserName}' created. Its password, shown only this once: {password}");
            await console.FlushAsync();
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding identity failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
