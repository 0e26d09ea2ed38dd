using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.DeviceSignIn;

/// <summary>A person approves (or refuses) a device in the portal; the waiting client gets tokens for that person only.</summary>
public sealed partial class DeviceApprovalTests : IAsyncLifetime
{
    private const string AlicePassword = "password of alice 123";
    private readonly ApplianceFactory _node = new(regions: ["emea"]);

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", AlicePassword);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string VerifyPath(DeviceFlow.Started started) => new Uri(started.VerificationUriComplete).PathAndQuery;

    private static Task<HttpResponseMessage> DecideAsync(PortalClient browser, DeviceFlow.Started started, string decision) =>
        browser.PostFormAsync("/connect/verify", "device", new Dictionary<string, string>
        {
            ["user_code"] = started.UserCode,
            ["decision"] = decision,
        }, tokenPage: VerifyPath(started));

    [Fact]
    public async Task Approve_SignedInPerson_DeviceGetsTheirTokensOnce()
    {
        using var device = _node.Anonymous();
        var started = await DeviceFlow.StartAsync(device);
        using var browser = new PortalClient(_node);
        await browser.SignInAsync("alice@contoso.test", AlicePassword, VerifyPath(started));

        using var page = await browser.GetAsync(VerifyPath(started));
        var html = await page.Content.ReadAsStringAsync();
        using var decided = await DecideAsync(browser, started, "accept");
        var poll = await DeviceFlow.PollAsync(device, started.DeviceCode);
        var again = await DeviceFlow.PollAsync(device, started.DeviceCode);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(started.UserCode, html, StringComparison.Ordinal);
        Assert.Contains("alice@contoso.test", html, StringComparison.Ordinal);
        Assert.Equal("/connect/verify/approved", PortalClient.LocationPath(decided));
        Assert.NotNull(poll.AccessToken);
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", poll.AccessToken);
        using var bootstrap = await device.PostAsync("/api/v1/bootstrap", null);
        Assert.Equal(HttpStatusCode.OK, bootstrap.StatusCode);
        var identity = await bootstrap.Content.ReadFromJsonAsync<BootstrapResponse>();
        Assert.Equal("Contoso", identity!.Tenant.Name);
        // A device code is redeemed once.
        Assert.Equal("invalid_grant", again.Error);
    }

    [Fact]
    public async Task Deny_TheDeviceIsToldAndGetsNothing()
    {
        using var device = _node.Anonymous();
        var started = await DeviceFlow.StartAsync(device);
        using var browser = new PortalClient(_node);
        await browser.SignInAsync("alice@contoso.test", AlicePassword);

        using var decided = await DecideAsync(browser, started, "deny");
        var poll = await DeviceFlow.PollAsync(device, started.DeviceCode);

        Assert.Equal("/connect/verify/denied", PortalClient.LocationPath(decided));
        Assert.Equal("access_denied", poll.Error);
        Assert.Null(poll.AccessToken);
    }

    [Fact]
    public async Task VerifyPage_MistypedCode_SaysSoAndOffersTheForm()
    {
        using var browser = new PortalClient(_node);
        await browser.SignInAsync("alice@contoso.test", AlicePassword);

        using var page = await browser.GetAsync("/connect/verify?user_code=WRONG-CODE");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("That code is not valid", html, StringComparison.Ordinal);
        Assert.Matches(UserCodeInput(), html);
    }

    [Fact]
    public async Task Approve_AdministratorWithoutSecondFactorWhilePolicyRequiresIt_IsSentToEnrolFirst()
    {
        await _node.AddUserAsync("root@contoso.test", "password of root 1234", isAdmin: true);
        using (var admin = await _node.SignInAdminAsync())
        {
            using var set = await admin.PutAsJsonAsync("/api/admin/v1/security-policy", new { requireAdministratorTwoFactor = true });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        using var device = _node.Anonymous();
        var started = await DeviceFlow.StartAsync(device);
        using var browser = new PortalClient(_node);
        await browser.SignInAsync("root@contoso.test", "password of root 1234");

        using var page = await browser.GetAsync(VerifyPath(started));
        var poll = await DeviceFlow.PollAsync(device, started.DeviceCode);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/two-factor", PortalClient.LocationPath(page), StringComparison.Ordinal);
        Assert.Equal("authorization_pending", poll.Error);
    }

    [GeneratedRegex("<input[^>]*name=\"user_code\"")]
    private static partial Regex UserCodeInput();
}
