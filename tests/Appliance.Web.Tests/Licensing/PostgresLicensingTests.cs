using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.TestSupport.Postgres;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Licensing;

/// <summary>The production provider: the same licensing flow on PostgreSQL, in a database of its own.</summary>
public sealed class PostgresLicensingTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;
    private ApplianceFactory _node = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresTestServer.CreateDatabaseAsync();
        _node = new ApplianceFactory(regions: ["emea"], settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _connectionString,
        });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await PostgresTestServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task AcquireLicense_OnPostgres_GrantsRefusesAndLogsBoth()
    {
        // Arrange
        await _node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 1");
        await _node.AddUserAsync("bob@contoso.test", "password of bob 123");
        await _node.AddUserAsync("eve@contoso.test", "password of eve 123");
        using var alice = await Publisher.BootstrapAsync(await _node.SignInAsync("alice@contoso.test", "password of alice 1"));
        using var bob = await Publisher.BootstrapAsync(await _node.SignInAsync("bob@contoso.test", "password of bob 123"));
        using var eve = await Publisher.BootstrapAsync(await _node.SignInAsync("eve@contoso.test", "password of eve 123"));
        var (license, contentKey, contentId) = await alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW", "EXPORT"]));

        // Act
        using var granted = await bob.AcquireAsync(license);
        using var refused = await eve.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var useLicense = bob.Verify((await granted.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(contentKey, UseLicense.UnwrapContentKey(useLicense, bob.UserKey));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        var log = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.ContentId == contentId && e.RequestType == "AcquireLicense").OrderBy(e => e.Timestamp).ToListAsync());
        Assert.Equal([UsageResult.Granted, UsageResult.Denied], log.Select(e => e.Result));
        Assert.Equal(["bob@contoso.test", "eve@contoso.test"], log.Select(e => e.UserEmail));
    }
}
