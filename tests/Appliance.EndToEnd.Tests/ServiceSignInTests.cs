using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms login --client-id ... --client-secret-stdin`: a service signs in with client credentials.</summary>
public sealed class ServiceSignInTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private string _server = string.Empty;

    public Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<CreatedService> CreateServiceAsync(bool isAdmin)
    {
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/services", new CreateServiceRequest("nightly-export", isAdmin));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<CreatedService>(body, JsonSerializerOptions.Web)!;
    }

    [Fact]
    public async Task Login_AdminService_CanAdministerAndNoSecretIsStored()
    {
        var service = await CreateServiceAsync(isAdmin: true);
        var rms = new RmsRunner(Path.Combine(_work, "svc"));

        var login = (await rms.RunWithInputAsync(service.ClientSecret + "\n", "login", "--server", _server, "--client-id", service.ClientId, "--client-secret-stdin")).Succeeded();
        var users = (await rms.RunAsync("admin", "user", "list")).Succeeded();

        Assert.Contains($"as the service {service.ClientId}", login.Output, StringComparison.Ordinal);
        Assert.Contains("admin", users.Output, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(rms.Home, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(service.ClientSecret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_ServiceWithoutRole_IsSignedInButRefusedAdministration()
    {
        var service = await CreateServiceAsync(isAdmin: false);
        var rms = new RmsRunner(Path.Combine(_work, "svc"));

        (await rms.RunWithInputAsync(service.ClientSecret + "\n", "login", "--server", _server, "--client-id", service.ClientId, "--client-secret-stdin")).Succeeded();
        var refused = await rms.RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.AccessDenied, refused.ExitCode);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Login_WrongSecret_ExitsUnauthenticatedWithOneSentenceAndKeepsNoProfile()
    {
        var service = await CreateServiceAsync(isAdmin: true);
        var rms = new RmsRunner(Path.Combine(_work, "svc"));

        var refused = await rms.RunWithInputAsync("not the secret\n", "login", "--server", _server, "--client-id", service.ClientId, "--client-secret-stdin");

        Assert.Equal(ExitCodes.Unauthenticated, refused.ExitCode);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(rms.Home, "profile.json")));
    }
}
