using Appliance.Data;
using Appliance.Data.Usage;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Audit;

/// <summary>
/// Every <see cref="AuditOptions.CheckpointInterval"/>: seals each chain that grew with a periodic checkpoint, then
/// applies the retention period. Several nodes may both do it; a second checkpoint of the same head is harmless and a
/// second purge finds nothing left to purge.
/// </summary>
public sealed class UsageAuditScheduler(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<UsageAuditScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        List<string> chains;
        await using (var scope = scopes.CreateAsyncScope())
        {
            chains = await scope.ServiceProvider.GetRequiredService<UsageCheckpoints>().UnsealedChainsAsync(ct);
        }

        foreach (var chain in chains)
        {
            await ForChainAsync(chain, "checkpoint", async services =>
            {
                await services.GetRequiredService<UsageCheckpoints>().AddAsync(chain, UsageCheckpointKind.Periodic, ct);
                await services.GetRequiredService<ApplianceDbContext>().SaveChangesAsync(ct);
            });
        }

        if (options.Value.RetentionDays is not { } days)
        {
            return;
        }

        var olderThan = clock.GetUtcNow().AddDays(-days);
        List<string> all;
        await using (var scope = scopes.CreateAsyncScope())
        {
            all = await scope.ServiceProvider.GetRequiredService<UsageCheckpoints>().SignableChainsAsync(ct);
        }

        foreach (var chain in all)
        {
            await ForChainAsync(chain, "retention", services => services.GetRequiredService<UsageRetention>().PurgeAsync(chain, olderThan, ct));
        }
    }

    /// <summary>One chain's failure (its region not served here, the HSM busy, a broken chain) must not stop the others.</summary>
    private async Task ForChainAsync(string chain, string what, Func<IServiceProvider, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await work(scope.ServiceProvider);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Scheduled {What} of usage chain {Chain} failed", what, chain);
        }
    }
}
