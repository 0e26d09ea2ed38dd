using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Hsm;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Benchmarks;

/// <summary>An appliance node on Kestrel (loopback) with its own data folder, over the test SoftHSM2 tokens.</summary>
internal sealed class BenchmarkNode : WebApplicationFactory<Program>
{
    public const string AdminPassword = "benchmark admin password";
    private readonly string _dataPath = Directory.CreateTempSubdirectory("appliance-bench-").FullName;

    public BenchmarkNode() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(SoftHsmTestEnvironment.Instance.ConfigurationFor("emea"))
        {
            ["Appliance:DataPath"] = _dataPath,
            ["Appliance:AdminPassword"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }

    public async Task<HttpClient> SignInAsync(string user, string password)
    {
        var client = new HttpClient { BaseAddress = Address };
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = user, ["password"] = password,
            ["client_id"] = "rms-cli", ["scope"] = "openid offline_access rms",
        }));
        response.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task SetUpTenantAsync()
    {
        using var admin = await SignInAsync("admin", AdminPassword);
        (await admin.PostAsJsonAsync("/api/admin/v1/tenants", new ActivateTenantRequest("Bench", "emea", ["bench.test"]))).EnsureSuccessStatusCode();
        foreach (var user in new[] { "owner@bench.test", "reader@bench.test" })
        {
            (await admin.PostAsJsonAsync("/api/admin/v1/users", new CreateUserRequest(user, "benchmark password", false, null))).EnsureSuccessStatusCode();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }
}
