using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Browser.Tests;

/// <summary>
/// One appliance node on Kestrel and one headless Debian Chromium per test class; each test opens its own
/// browser context (its own cookies). A machine without /usr/bin/chromium fails here, it is never skipped.
/// </summary>
public sealed class BrowserNode : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ApplianceFactory Node { get; } = new(regions: ["na"]);

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Guid ContosoId { get; private set; }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Browser tests need Debian's chromium at {ChromiumPath}: run ./test.sh as root, or apt-get install chromium.");
        ContosoId = (await Node.ActivateTenantAsync("Contoso", "na", "contoso.test")).Id;
        Admin = await Node.SignInAdminAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Admin?.Dispose();
        await Node.DisposeAsync();
    }

    public static string PasswordOf(string user) => $"password of {user}";

    public async Task AddUserAsync(string email, params string[] roles)
    {
        await Node.AddUserAsync(email, PasswordOf(email));
        if (roles.Length > 0)
        {
            using var set = await Admin.PutAsJsonAsync($"/api/admin/v1/users/{email}/roles", new { roles });
            Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A fresh browser context (no cookies) with a page on this node.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Node.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }
}
