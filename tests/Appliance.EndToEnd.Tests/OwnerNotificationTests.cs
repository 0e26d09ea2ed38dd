using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Data.Notifications;
using Appliance.TestSupport.Mail;
using Appliance.Web.Notifications;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 6, point 5, through the real <c>rms</c>: alice protects with --notify, others open the file or are refused,
/// and the digest mails her, at a real SMTP sink, one mail listing it all. Documents are protected with
/// --offline-days 0, so every open asks the appliance.
/// </summary>
public sealed class OwnerNotificationTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private readonly int _smtpPort = SmtpSinkServer.FreePort();
    private readonly CapturedLog _log = new();
    private SmtpSinkServer? _sink;
    private ApplianceFactory _node = null!;
    private string _server = string.Empty;
    private RmsRunner _alice = null!;
    private RmsRunner _bob = null!;
    private RmsRunner _eve = null!;

    public async Task InitializeAsync()
    {
        // The node is pointed at a fixed port, so a test can start the sink there later (an SMTP server coming back).
        _node = new ApplianceFactory(regions: ["emea"], logs: _log, settings: new Dictionary<string, string?>
        {
            ["Appliance:Mail:Host"] = "127.0.0.1",
            ["Appliance:Mail:Port"] = _smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Appliance:Mail:Security"] = "None",
            ["Appliance:Mail:From"] = "Rights Management <rms@appliance.test>",
            ["Appliance:Mail:Timeout"] = "00:00:05",
        });
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "eve" })
        {
            await _node.AddUserAsync($"{name}@contoso.test", $"password of {name} 123");
        }

        _alice = await SignedInAsync("alice");
        _bob = await SignedInAsync("bob");
        _eve = await SignedInAsync("eve");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name));
        (await rms.RunWithInputAsync($"password of {name} 123\n", "login", "--server", _server, "--user", $"{name}@contoso.test", "--password-stdin")).Succeeded();
        return rms;
    }

    /// <summary>Alice protects a text file for bob (VIEW); returns the protected file's path and its content id.</summary>
    private async Task<(string File, Guid ContentId)> ProtectAsync(string name, params string[] extra)
    {
        var text = Path.Combine(_work, name + ".txt");
        await File.WriteAllTextAsync(text, $"{name}\n");
        (await _alice.RunAsync(["protect", text, "--grant", "bob@contoso.test=VIEW", "--offline-days", "0", .. extra])).Succeeded();
        var protectedFile = Path.Combine(_work, name + ".ptxt");
        await using var stream = File.OpenRead(protectedFile);
        return (protectedFile, (await RmsClient.ReadHeaderAsync(stream)).ContentId);
    }

    /// <summary>Bob opens the file three times, eve is refused once, alice (the owner) opens it once.</summary>
    private async Task ReadByOthersAsync(string file)
    {
        for (var i = 0; i < 3; i++)
        {
            (await _bob.RunAsync("view", file)).Succeeded();
        }

        Assert.Equal(ExitCodes.AccessDenied, (await _eve.RunAsync("view", file)).ExitCode);
        (await _alice.RunAsync("view", file)).Succeeded();
    }

    private async Task<DigestRun> RunDigestAsync()
    {
        await using var scope = _node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnerNotificationDigest>().SendPendingAsync(CancellationToken.None);
    }

    private Task<List<OwnerNotification>> NotificationsAsync() =>
        _node.QueryAsync(db => db.OwnerNotifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Digest_ThreeOpensAndARefusal_OneMailToTheOwnerListingThem_SecondRunSendsNothing()
    {
        // Arrange - the owner's own open is no news to her, so it is not an event.
        _sink = await SmtpSinkServer.StartAsync(_smtpPort);
        var (file, contentId) = await ProtectAsync("minutes", "--notify");
        await ReadByOthersAsync(file);

        // Act
        var first = await RunDigestAsync();
        var second = await RunDigestAsync();

        // Assert
        Assert.Equal(new DigestRun(1, 4), first);
        Assert.Equal(new DigestRun(0, 0), second);
        var mail = Assert.Single(_sink.Messages());
        Assert.Equal("alice@contoso.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Activity on your protected documents (4 events)", mail.Subject);
        var text = mail.TextBody ?? string.Empty;
        Assert.Contains($"minutes.txt (content id {contentId}) - 3 opens, 1 refusal", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        Assert.Equal(3, lines.Count(l => l.Contains("opened", StringComparison.Ordinal) && l.Contains("bob@contoso.test from 127.0.0.1", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("refused", StringComparison.Ordinal) && l.Contains("eve@contoso.test from 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain("alice@contoso.test", text, StringComparison.Ordinal);
        Assert.Contains("<td>eve@contoso.test</td>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.All(await NotificationsAsync(), n => Assert.NotNull(n.SentAt));
    }

    [Fact]
    public async Task Protect_WithoutNotify_NoEventsAndNoMail()
    {
        // Arrange
        _sink = await SmtpSinkServer.StartAsync(_smtpPort);
        var (file, contentId) = await ProtectAsync("plain");

        // Act
        await ReadByOthersAsync(file);
        var run = await RunDigestAsync();

        // Assert
        Assert.False(await _node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId).Select(d => d.NotifyOwner).SingleAsync()));
        Assert.Empty(await NotificationsAsync());
        Assert.Equal(new DigestRun(0, 0), run);
        Assert.Empty(_sink.Messages());
    }

    [Fact]
    public async Task ProtectServerSide_WithNotify_OpensAreMailed()
    {
        // Arrange - the appliance makes the publishing licence; the request carries the wish.
        _sink = await SmtpSinkServer.StartAsync(_smtpPort);
        var (file, contentId) = await ProtectAsync("budget", "--server-side", "--notify");
        (await _bob.RunAsync("view", file)).Succeeded();

        // Act
        var run = await RunDigestAsync();

        // Assert
        Assert.True(await _node.QueryAsync(db => db.ProtectedDocuments.Where(d => d.ContentId == contentId).Select(d => d.NotifyOwner).SingleAsync()));
        Assert.Equal(new DigestRun(1, 1), run);
        var mail = Assert.Single(_sink.MessagesTo("alice@contoso.test"));
        Assert.Equal("Activity on your protected documents (1 event)", mail.Subject);
        Assert.Contains($"budget.txt (content id {contentId}) - 1 open, 0 refusals", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_SmtpServerDown_EventsStayPendingAndGoOutOnceItIsBack()
    {
        // Arrange - nothing listens on the node's mail port yet.
        var (file, _) = await ProtectAsync("offer", "--notify");
        await ReadByOthersAsync(file);

        // Act
        var whileDown = await RunDigestAsync();
        var pending = await NotificationsAsync();
        _sink = await SmtpSinkServer.StartAsync(_smtpPort);
        var onceUp = await RunDigestAsync();

        // Assert
        Assert.Equal(new DigestRun(0, 0), whileDown);
        Assert.Equal(4, pending.Count);
        Assert.All(pending, n => Assert.Equal((null, null), (n.ClaimedAt, n.SentAt)));
        Assert.Equal(new DigestRun(1, 4), onceUp);
        Assert.Contains("3 opens, 1 refusal", Assert.Single(_sink.Messages()).TextBody, StringComparison.Ordinal);
        // The failure is logged, but not who was to be told what.
        Assert.Contains(_log.Lines, l => l.Contains("stay pending", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("bob@contoso.test", StringComparison.Ordinal) || l.Contains("alice@contoso.test", StringComparison.Ordinal));
    }
}
