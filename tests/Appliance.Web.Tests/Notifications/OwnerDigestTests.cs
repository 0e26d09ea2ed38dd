using System.Text.RegularExpressions;
using Appliance.Data.Notifications;
using Appliance.TestSupport.Mail;
using Appliance.TestSupport.Postgres;
using Appliance.Web.Notifications;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Notifications;

/// <summary>
/// The digest sender on its own: several nodes at once, the schedule, and a node without mail. The events are
/// written straight into the table, as the usage log writes them; rms-driven cases are in the end-to-end tests.
/// </summary>
public sealed partial class OwnerDigestTests
{
    private static OwnerNotification Event(Guid tenantId, string owner, int n) => new()
    {
        TenantId = tenantId,
        ContentId = Guid.NewGuid(),
        OwnerEmail = owner,
        FileName = $"file-{n:D4}.docx",
        Event = n % 3 == 0 ? OwnerNotificationEvent.Refused : OwnerNotificationEvent.Opened,
        UserEmail = $"reader-{n:D4}@contoso.test",
        ClientIp = "192.0.2.7",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private static async Task SeedAsync(ApplianceFactory node, IEnumerable<OwnerNotification> events)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ApplianceDbContext>();
        db.OwnerNotifications.AddRange(events);
        await db.SaveChangesAsync();
    }

    private static async Task<DigestRun> RunDigestAsync(ApplianceFactory node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnerNotificationDigest>().SendPendingAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SendPending_TwoNodesOnOnePostgresAtOnce_EveryEventMailedExactlyOnce()
    {
        // Arrange - two nodes share one PostgreSQL database, as nodes behind a load balancer do; four owners with
        // 60 events each give the two runs plenty of rows to race for.
        await using var sink = await SmtpSinkServer.StartAsync();
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string?>(sink.ApplianceSettings)
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connectionString,
            };
            await using var nodeA = new ApplianceFactory(regions: ["na"], settings: settings);
            var tenant = await nodeA.ActivateTenantAsync("Contoso", "na", "contoso.test");
            await using var nodeB = new ApplianceFactory(regions: ["na"], dataPath: nodeA.DataPath, settings: settings);
            _ = nodeB.BaseAddress;
            var owners = Enumerable.Range(1, 4).Select(i => $"owner-{i}@contoso.test").ToList();
            await SeedAsync(nodeA, owners.SelectMany((owner, o) => Enumerable.Range(o * 60, 60).Select(n => Event(tenant.Id, owner, n))));

            // Act
            var runs = await Task.WhenAll(RunDigestAsync(nodeA), RunDigestAsync(nodeB), RunDigestAsync(nodeA), RunDigestAsync(nodeB));
            var after = await RunDigestAsync(nodeA);

            // Assert
            Assert.Equal(240, runs.Sum(r => r.Events));
            Assert.Equal(new DigestRun(0, 0), after);
            var mails = sink.Messages();
            Assert.Equal(runs.Sum(r => r.Mails), mails.Count);
            var mentioned = mails.SelectMany(m => ReaderRegex().Matches(m.TextBody ?? string.Empty).Select(r => r.Value)).ToList();
            Assert.Equal(240, mentioned.Count);
            Assert.Equal(240, mentioned.Distinct().Count());
            Assert.All(mails, m => Assert.Contains(Assert.Single(m.To.Mailboxes).Address, owners));
            Assert.Equal(0, await nodeA.QueryAsync(db => db.OwnerNotifications.CountAsync(n => n.SentAt == null)));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresTestServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task SendPending_MoreEventsThanOneMailTakes_TheRestFollowInTheNextRun()
    {
        // Arrange
        await using var sink = await SmtpSinkServer.StartAsync();
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>(sink.ApplianceSettings)
        {
            ["Appliance:Notifications:MaxEventsPerMail"] = "5",
        });
        var tenant = await node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await SeedAsync(node, Enumerable.Range(0, 7).Select(n => Event(tenant.Id, "alice@contoso.test", n)));

        // Act
        var first = await RunDigestAsync(node);
        var second = await RunDigestAsync(node);

        // Assert
        Assert.Equal((new DigestRun(1, 5), new DigestRun(1, 2)), (first, second));
        var mails = sink.MessagesTo("alice@contoso.test");
        Assert.Contains("2 more events follow in the next digest.", mails[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("follow", mails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_OnItsSchedule_MailsPendingEvents()
    {
        // Arrange - a one-second interval stands in for fifteen minutes.
        await using var sink = await SmtpSinkServer.StartAsync();
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>(sink.ApplianceSettings)
        {
            ["Appliance:Notifications:DigestInterval"] = "00:00:01",
        });
        var tenant = await node.ActivateTenantAsync("Contoso", "na", "contoso.test");

        // Act
        await SeedAsync(node, [Event(tenant.Id, "alice@contoso.test", 1), Event(tenant.Id, "alice@contoso.test", 2)]);
        var mail = await sink.WaitForMessageAsync("alice@contoso.test");

        // Assert
        Assert.Equal("Activity on your protected documents (2 events)", mail.Subject);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(sink.Messages());
    }

    [Fact]
    public async Task NoMailConfigured_SaysSoOnceAtStart_AndEventsStayPending()
    {
        // Arrange
        var log = new CapturedLog();
        await using var node = new ApplianceFactory(regions: ["na"], logs: log, settings: new Dictionary<string, string?>
        {
            ["Appliance:Notifications:DigestInterval"] = "00:00:01",
            ["Logging:LogLevel:Appliance.Web.Notifications"] = "Information",
        });
        var tenant = await node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await SeedAsync(node, [Event(tenant.Id, "alice@contoso.test", 1)]);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var run = await RunDigestAsync(node);

        // Assert
        Assert.Equal(new DigestRun(0, 0), run);
        var pending = await node.QueryAsync(db => db.OwnerNotifications.AsNoTracking().SingleAsync());
        Assert.Equal((null, null), (pending.ClaimedAt, pending.SentAt));
        Assert.Single(log.Lines, l => l.Contains("Owner notifications are off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ClaimTimeoutShorterThanASendCanTake_NodeRefusesToStart()
    {
        // Arrange - a claim that lapses while a slow send is still going on would let another node mail it again.
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:Mail:Timeout"] = "00:05:00",
            ["Appliance:Notifications:ClaimTimeout"] = "00:10:00",
        });

        // Act
        var failure = Record.Exception(() => node.BaseAddress);

        // Assert
        Assert.NotNull(failure);
        Assert.Contains("ClaimTimeout", failure.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"reader-\d{4}@contoso\.test")]
    private static partial Regex ReaderRegex();
}
