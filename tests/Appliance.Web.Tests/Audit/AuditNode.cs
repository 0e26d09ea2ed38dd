using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.TestSupport.Postgres;
using Appliance.Web.Tests.Support;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Web.Tests.Audit;

/// <summary>A node whose usage log the tests write through the real write path, then tamper with in the database.</summary>
public abstract class AuditNode : IAsyncLifetime
{
    private int _tenants;

    protected abstract bool Postgres { get; }

    public string? ConnectionString { get; private set; }

    public ApplianceFactory Node { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = Postgres ? await PostgresTestServer.CreateDatabaseAsync() : null;
        Node = CreateNode();
        Admin = await Node.SignInAdminAsync();
    }

    /// <summary>Another node on the same database (PostgreSQL only), as behind a load balancer.</summary>
    public ApplianceFactory CreateNode(IDictionary<string, string?>? extra = null, string[]? regions = null)
    {
        // A day between periodic checkpoints: the tests make theirs on demand and know exactly which exist.
        var settings = new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "1.00:00:00" };
        if (ConnectionString is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = ConnectionString;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ApplianceFactory(regions: regions ?? ["na"], settings: settings);
    }

    public async Task<Guid> NewTenantAsync()
    {
        var n = Interlocked.Increment(ref _tenants);
        return (await Node.ActivateTenantAsync($"Audit {n}", "na", $"audit{n}.test")).Id;
    }

    /// <summary>Writes entries as requests do, through <see cref="UsageLog"/>, optionally as of another time.</summary>
    public static async Task WriteAsync(ApplianceFactory node, Guid? tenantId, int count, TimeProvider? clock = null)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = node.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();
            var log = clock is null ? scope.ServiceProvider.GetRequiredService<UsageLog>() : new UsageLog(db, clock, NullLogger<UsageLog>.Instance);
            var record = new UsageRecord("AcquireLicense")
            {
                TenantId = tenantId,
                UserEmail = $"user{i % 3}@contoso.test",
                ContentId = Guid.NewGuid(),
                OwnerEmail = "alice@contoso.test",
                Issuer = "alice@contoso.test",
                FileName = $"report {i}.docx.pfile",
                DatePublished = DateTimeOffset.UtcNow.AddDays(-1),
                Rights = "VIEW",
            };
            await log.RecordAsync(record, i % 4 == 3 ? UsageResult.Denied : UsageResult.Granted, i % 4 == 3 ? "access-denied" : null,
                new RequestContext($"corr-{i}", "192.0.2.7", "rms/1.0"), CancellationToken.None);
        }
    }

    public Task WriteAsync(Guid? tenantId, int count) => WriteAsync(Node, tenantId, count);

    public async Task<AuditChainVerification> VerifyAsync(string chain)
    {
        using var response = await Admin.PostAsync($"/api/admin/v1/audit/verify?chain={chain}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return Assert.Single((await response.Content.ReadFromJsonAsync<AuditVerificationResponse>())!.Chains);
    }

    public async Task<UsageCheckpointSummary> CheckpointAsync(string chain)
    {
        using var response = await Admin.PostAsync($"/api/admin/v1/audit/chains/{chain}/checkpoints", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (await response.Content.ReadFromJsonAsync<UsageCheckpointSummary>())!;
    }

    /// <summary>What an attacker with write access to the database does: plain SQL, both providers alike.</summary>
    public Task<int> TamperAsync(FormattableString sql) => Node.QueryAsync(db => db.Database.ExecuteSqlAsync(sql));

    public Task<List<UsageLogEntry>> EntriesAsync(string chain) =>
        Node.QueryAsync(db => db.UsageLog.AsNoTracking().Where(e => e.Chain == chain).OrderBy(e => e.Sequence).ToListAsync());

    public Task<UsageLogEntry> EntryAsync(string chain, long sequence) =>
        Node.QueryAsync(db => db.UsageLog.AsNoTracking().SingleAsync(e => e.Chain == chain && e.Sequence == sequence));

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Node.DisposeAsync();
        if (ConnectionString is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresTestServer.DropDatabaseAsync(ConnectionString);
        }
    }
}

public sealed class SqliteAuditNode : AuditNode
{
    protected override bool Postgres => false;
}

public sealed class PostgresAuditNode : AuditNode
{
    protected override bool Postgres => true;
}

/// <summary>A clock fixed at one instant, for entries written "in the past".</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
