using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.TestSupport.Hsm;
using Appliance.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// One appliance node on real Kestrel (127.0.0.1, a free port) with its own data folder and SQLite
/// file (or a given database), serving the given regions of the shared SoftHSM2 test tokens. Keys it
/// creates are unique to it; the folder is deleted on dispose.
/// </summary>
public sealed class ApplianceFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin password for tests 1";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDataPath;

    private readonly ILoggerProvider? _logs;

    /// <param name="logs">Receives the node's log as well (to assert what is never logged).</param>
    public ApplianceFactory(
        string[]? regions = null, string? dataPath = null, bool withAdminPassword = true, IDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null)
    {
        _logs = logs;
        _ownsDataPath = dataPath is null;
        DataPath = dataPath ?? Directory.CreateTempSubdirectory("appliance-web-").FullName;
        _settings = new(SoftHsmTestEnvironment.Instance.ConfigurationFor(regions ?? ["na", "emea", "apac"]), StringComparer.OrdinalIgnoreCase)
        {
            ["Appliance:DataPath"] = DataPath,
            ["Appliance:AdminPassword"] = withAdminPassword ? AdminPassword : null,
            ["Database:Provider"] = "Sqlite",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string DataPath { get; }

    /// <summary>What the node printed to its terminal (the generated admin password, if any).</summary>
    public StringWriter ConsoleOutput { get; } = new();

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Serves wwwroot and the framework's scripts from the build output as a published node would (Production
        // alone loads no static web assets manifest: app.css came back empty and blazor.web.js failed).
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => services.AddSingleton(new ApplianceConsole(ConsoleOutput)));
        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
        }
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client with a bearer token from the password grant.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password)
    {
        var client = Anonymous();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {user} failed: {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> SignInAdminAsync() => SignInAsync("admin", AdminPassword);

    public async Task<TenantSummary> ActivateTenantAsync(string organisation, string region, params string[] domains)
    {
        using var admin = await SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/tenants", new ActivateTenantRequest(organisation, region, domains));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"activation failed: {body}");
        return JsonSerializer.Deserialize<TenantSummary>(body, JsonSerializerOptions.Web)!;
    }

    public async Task<UserSummary> AddUserAsync(string email, string password, bool isAdmin = false)
    {
        using var admin = await SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/users", new CreateUserRequest(email, password, isAdmin, null));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"adding {email} failed: {body}");
        return JsonSerializer.Deserialize<UserSummary>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Runs a query against this node's database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<ApplianceDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplianceDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ConsoleOutput.Dispose();
        if (_ownsDataPath)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
