using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.DirectorySync;

/// <summary>Runs each tenant's sync when its interval has passed since the last one (checked every minute).</summary>
public sealed class DirectorySyncWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DirectorySyncWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SyncDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failing directory or a database hiccup must not end the schedule of every tenant.
                logger.LogError(ex, "Scheduled directory sync failed");
            }
        }
    }

    private async Task SyncDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();
            var now = clock.GetUtcNow();
            var directories = await db.LdapDirectories.AsNoTracking()
                .Where(d => d.SyncIntervalMinutes > 0)
                .Select(d => new { d.TenantId, d.SyncIntervalMinutes, d.LastSyncAt })
                .ToListAsync(ct);
            due = [.. directories
                .Where(d => d.LastSyncAt is null || d.LastSyncAt.Value.AddMinutes(d.SyncIntervalMinutes) <= now)
                .Select(d => d.TenantId)];
        }

        foreach (var tenantId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<DirectorySyncService>().SyncAsync(tenantId, ct);
            }
            catch (Errors.ApplianceProblemException ex)
            {
                // Already recorded as the directory's last result and logged by the service.
                logger.LogDebug(ex, "Scheduled sync of tenant {TenantId} failed", tenantId);
            }
        }
    }
}
