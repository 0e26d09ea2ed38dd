using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.TestSupport.Postgres;
using Appliance.Web.Templates;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Templates;

/// <summary>
/// The 500-template cap holds when several administrators (or scripts) create the last templates at once: on both
/// providers, with its own node and database each.
/// </summary>
public sealed class TemplateLimitRaceTests
{
    private const int Racers = 6;

    [Fact]
    public async Task ConcurrentCreates_AtTheCap_ExactlyOneWins_Sqlite()
    {
        await using var node = new ApplianceFactory(regions: ["na"]);
        await RaceAsync(node);
    }

    [Fact]
    public async Task ConcurrentCreates_AtTheCap_ExactlyOneWins_Postgres()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        try
        {
            await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connectionString,
            });
            await RaceAsync(node);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresTestServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task RaceAsync(ApplianceFactory node)
    {
        // Arrange - one slot left; each racer has its own signed-in client, as separate scripts would.
        var tenant = await node.ActivateTenantAsync("Race Corp", "na", "race.test");
        await TemplatesNode.SeedCustomTemplatesAsync(node, tenant.Id, TemplateAdministration.MaxCustomTemplates - 1);
        var admins = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => node.SignInAdminAsync()));

        // Act
        var responses = await Task.WhenAll(admins.Select((admin, i) => admin.PostAsJsonAsync("/api/admin/v1/tenants/race.test/templates",
            TemplatesNode.Request($"Racer {i}", grants: new TemplateGrant("organization", "Viewer", null)))));

        // Assert
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, ProblemCodes.TemplateLimitReached);
        }

        Assert.Equal(TemplateAdministration.MaxCustomTemplates, await node.QueryAsync(db => db.Templates.CountAsync(t => t.TenantId == tenant.Id && !t.IsDefault)));
        var entries = await node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.TenantId == tenant.Id && e.RequestType == "Admin" && e.AdminAction!.StartsWith("CreateTemplate")).Select(e => e.Result).ToListAsync());
        Assert.Equal(Racers, entries.Count);
        Assert.Single(entries, r => r == UsageResult.Granted);
        foreach (var disposable in responses.Cast<IDisposable>().Concat(admins))
        {
            disposable.Dispose();
        }
    }
}
