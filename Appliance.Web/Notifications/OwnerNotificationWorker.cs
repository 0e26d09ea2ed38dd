using Appliance.Web.Mail;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Notifications;

/// <summary>Sends the owners' digests every <see cref="NotificationOptions.DigestInterval"/>, on every node.</summary>
public sealed class OwnerNotificationWorker(
    IServiceScopeFactory scopes, MailSender mail, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<OwnerNotificationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mail.IsConfigured)
        {
            // The events are still written; they wait, and go out once a mail server is configured and the node restarted.
            logger.LogInformation("Owner notifications are off: no mail server is configured (Appliance:Mail); events stay pending");
            return;
        }

        // The first run waits an interval too, so a node restarting in a loop does not mail on every start.
        using var timer = new PeriodicTimer(options.Value.DigestInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OwnerNotificationDigest>().SendPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup ends this run only; what was not sent is still pending for the next.
                logger.LogError(ex, "Sending owner notification digests failed");
            }
        }
    }
}
