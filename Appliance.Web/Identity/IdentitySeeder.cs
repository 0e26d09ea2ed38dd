using System.Security.Cryptography;
using Appliance.Crypto.Protocol;
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

        await EnsureRmsCliAsync(ct);

        if (await users.FindByNameAsync(AdminUserName) is null)
        {
            await CreateAdminAsync(console);
        }
    }

    /// <summary>
    /// Creates the <c>rms</c> public client, or adds what a newer version permits to one created by an
    /// older version (its database outlives upgrades). Never removes a permission an operator added.
    /// </summary>
    private async Task EnsureRmsCliAsync(CancellationToken ct)
    {
        string[] permissions =
        [
            Permissions.Endpoints.Token,
            Permissions.Endpoints.DeviceAuthorization,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            Permissions.GrantTypes.DeviceCode,
            Permissions.Prefixes.GrantType + EmailCodeGrant.GrantType,
            Permissions.GrantTypes.TokenExchange,
            Permissions.Prefixes.Scope + OAuthClients.ApiScope,
            Permissions.Scopes.Email,
            Permissions.Scopes.Roles,
        ];
        var application = await applications.FindByClientIdAsync(OAuthClients.RmsCli, ct);
        if (application is null)
        {
            var created = new OpenIddictApplicationDescriptor
            {
                ClientId = OAuthClients.RmsCli,
                ClientType = ClientTypes.Public,
                DisplayName = "rms command-line client",
            };
            created.Permissions.UnionWith(permissions);
            await applications.CreateAsync(created, ct);
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        if (!permissions.All(descriptor.Permissions.Contains))
        {
            descriptor.Permissions.UnionWith(permissions);
            await applications.UpdateAsync(application, descriptor, ct);
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
