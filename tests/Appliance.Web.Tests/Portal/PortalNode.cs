using System.Net;
using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Appliance.Web.Tests.Roles;
using Appliance.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Portal;

/// <summary>One node per test class: Contoso and Fabrikam activated, the seeded admin's API client, people with roles.</summary>
public sealed class PortalNode : IAsyncLifetime
{
    public ApplianceFactory Node { get; } = new(regions: ["na"]);

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await Node.ActivateTenantAsync("Fabrikam", "na", "fabrikam.test");
        Admin = await Node.SignInAdminAsync();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Node.DisposeAsync();
    }

    public static string PasswordOf(string user) => $"password of {user}";

    /// <summary>A local user of the tenant owning the e-mail's domain, holding <paramref name="roles"/>.</summary>
    public async Task AddUserAsync(string email, params string[] roles)
    {
        await Node.AddUserAsync(email, PasswordOf(email));
        if (roles.Length > 0)
        {
            using var set = await RolesNode.SetRolesAsync(Admin, email, roles);
            Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }
    }

    /// <summary>As <see cref="AddUserAsync"/>, with the roles held for <paramref name="organisations"/> (domains or ids).</summary>
    public async Task AddUserForAsync(string email, string[] organisations, params string[] roles)
    {
        await Node.AddUserAsync(email, PasswordOf(email));
        using var set = await RolesNode.SetRolesForAsync(Admin, email, organisations, roles);
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An external recipient (no organisation, no role). Real ones have no password and sign in with e-mailed
    /// codes, which give no portal session; this one gets a password so the matrix can check what a portal
    /// session of theirs could reach, were they ever to hold one.
    /// </summary>
    public async Task AddExternalUserAsync(string email)
    {
        await using var scope = Node.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var created = await users.CreateAsync(
            new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow, Source = PrincipalSources.External },
            PasswordOf(email));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>A cookie-holding client signed in to the portal (or anonymous for null).</summary>
    public async Task<PortalClient> PortalAsync(string? user, string? password = null)
    {
        var client = new PortalClient(Node);
        if (user is not null)
        {
            await client.SignInAsync(user, password ?? PasswordOf(user));
        }

        return client;
    }
}
