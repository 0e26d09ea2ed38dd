using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.ExternalUsers;

/// <summary>
/// One node per test class with a real SMTP sink and its log captured: Contoso activated, alice a local
/// user who publishes, and the group sales@contoso.test. Tests use their own external addresses.
/// </summary>
public sealed class ExternalNode : IAsyncLifetime
{
    public SmtpSinkServer Sink { get; private set; } = null!;

    public CapturedLog Log { get; } = new();

    public ApplianceFactory Node { get; private set; } = null!;

    public TenantSummary Contoso { get; private set; } = null!;

    public Publisher Alice { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await SmtpSinkServer.StartAsync();
        var settings = new Dictionary<string, string?>(Sink.ApplianceSettings)
        {
            // Everything down to Debug, so the test that looks for codes in the log sees what an operator could turn on.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:OpenIddict"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        };
        Node = new ApplianceFactory(regions: ["na"], settings: settings, logs: Log);
        Contoso = await Node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await Node.AddUserAsync("alice@contoso.test", "password of alice 1");
        Alice = await Publisher.BootstrapAsync(await Node.SignInAsync("alice@contoso.test", "password of alice 1"));
        using var admin = await Node.SignInAdminAsync();
        using var group = await admin.PostAsync("/api/admin/v1/groups", System.Net.Http.Json.JsonContent.Create(new CreateGroupRequest("sales@contoso.test", null)));
        group.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Alice.Http.Dispose();
        Alice.Dispose();
        await Node.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
