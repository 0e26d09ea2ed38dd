using Appliance.Data;
using Appliance.Data.Notifications;
using Appliance.Web.Errors;
using Appliance.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Notifications;

/// <summary>What one digest run did: how many mails went out, carrying how many events.</summary>
public sealed record DigestRun(int Mails, int Events);

/// <summary>
/// Mails each owner one digest of their pending events. Several nodes may run it at once on one database: a node
/// claims each event with a conditional update before mailing it, so an event is mailed by one node only; a failed
/// send gives its claims back, so nothing is lost either.
/// </summary>
public sealed class OwnerNotificationDigest(
    ApplianceDbContext db, MailSender mail, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<OwnerNotificationDigest> logger)
{
    public async Task<DigestRun> SendPendingAsync(CancellationToken ct)
    {
        if (!mail.IsConfigured)
        {
            return new DigestRun(0, 0);
        }

        var owners = await Claimable().Select(n => n.OwnerEmail).Distinct().ToListAsync(ct);
        var mails = 0;
        var events = 0;
        foreach (var owner in owners)
        {
            var sent = await SendToAsync(owner, ct);
            mails += sent > 0 ? 1 : 0;
            events += sent;
        }

        if (events > 0)
        {
            logger.LogInformation("Sent {Events} owner notification(s) in {Mails} digest mail(s)", events, mails);
        }

        return new DigestRun(mails, events);
    }

    /// <summary>Unsent events nobody holds, or held by a claim old enough to mean its node died before sending.</summary>
    private IQueryable<OwnerNotification> Claimable()
    {
        var stale = clock.GetUtcNow() - options.Value.ClaimTimeout;
        return db.OwnerNotifications.Where(n => n.SentAt == null && (n.ClaimedAt == null || n.ClaimedAt < stale));
    }

    /// <summary>Claims, mails and marks the owner's events; answers how many were sent (0 when another node had them).</summary>
    private async Task<int> SendToAsync(string owner, CancellationToken ct)
    {
        var candidates = await Claimable().Where(n => n.OwnerEmail == owner)
            .OrderBy(n => n.Id).Take(options.Value.MaxEventsPerMail).Select(n => n.Id).ToListAsync(ct);
        var claimedAt = StoredInstant.Of(clock.GetUtcNow());
        var stale = claimedAt - options.Value.ClaimTimeout;
        var claimed = new List<long>(candidates.Count);
        foreach (var id in candidates)
        {
            // One row per update, so the count says whether this node won that event: two nodes stamping the same
            // microsecond could not tell their claims apart if one update took many rows.
            var won = await db.OwnerNotifications
                .Where(n => n.Id == id && n.SentAt == null && (n.ClaimedAt == null || n.ClaimedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedAt, claimedAt), ct);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var sent = false;
        try
        {
            var rows = await db.OwnerNotifications.AsNoTracking().Where(n => claimed.Contains(n.Id)).ToListAsync(ct);
            var waiting = await Claimable().CountAsync(n => n.OwnerEmail == owner, ct);
            var digest = OwnerDigestMail.Compose(rows, waiting);
            await mail.SendAsync(owner, digest.Subject, digest.Text, digest.Html, ct);
            sent = true;
        }
        catch (ApplianceProblemException ex)
        {
            // MailSender has logged the server's answer; the address and the events stay out of the log.
            logger.LogWarning("A digest of {Events} owner notification(s) was not accepted ({Code}); they stay pending for the next run",
                claimed.Count, ex.Code);
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One owner's trouble (an address the mail library refuses, a database hiccup) must not stop the others'.
            logger.LogError(ex, "A digest of {Events} owner notification(s) could not be sent; they stay pending for the next run", claimed.Count);
            return 0;
        }
        finally
        {
            if (!sent)
            {
                // Also when cancelled: the node is stopping, and the next run of any node should have them at once.
                await db.OwnerNotifications.Where(n => claimed.Contains(n.Id) && n.SentAt == null && n.ClaimedAt == claimedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        var now = StoredInstant.Of(clock.GetUtcNow());
        await db.OwnerNotifications.Where(n => claimed.Contains(n.Id) && n.ClaimedAt == claimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, now), CancellationToken.None);
        return claimed.Count;
    }
}
