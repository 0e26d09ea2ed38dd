using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Errors;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>
/// Purges a chain's entries older than the retention period. The cut is first verified, then sealed with a signed
/// retention checkpoint over the last purged entry's hash, so the entries that remain still verify from it and no one
/// can pass off a deletion as retention.
/// </summary>
public sealed class UsageRetention(
    ApplianceDbContext db, UsageChainVerification verification, UsageCheckpointSigner signer, UsageLog usage, ILogger<UsageRetention> logger)
{
    /// <returns>How many entries were purged.</returns>
    public async Task<int> PurgeAsync(string chain, DateTimeOffset olderThan, CancellationToken ct)
    {
        var cut = await db.UsageLog.Where(e => e.Chain == chain && e.Timestamp < olderThan).MaxAsync(e => (long?)e.Sequence, ct);
        var previousCut = await db.UsageCheckpoints
            .Where(c => c.Chain == chain && c.Kind == UsageCheckpointKind.Retention).MaxAsync(c => (long?)c.Sequence, ct);
        if (cut is not { } through || through <= (previousCut ?? 0))
        {
            return 0;
        }

        // Sealing unverified entries would launder a tampering into a signed "retention": refuse instead.
        var report = await verification.VerifyAsync(chain, through, ct);
        if (report.Problem is { } problem)
        {
            logger.LogError("Retention of usage chain {Chain} refused: {Problem}", chain, problem.Message);
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.AuditChainBroken,
                $"The usage log was not purged because it does not verify: {problem.Message}");
        }

        var checkpoint = await signer.SignAsync(chain, through, Convert.FromHexString(report.HeadHash), UsageCheckpointKind.Retention, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.UsageCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        var purged = await db.UsageLog.Where(e => e.Chain == chain && e.Sequence <= through).ExecuteDeleteAsync(ct);

        // The purge is itself on the record, in the same chain; recording it commits the transaction.
        var record = new UsageRecord(UsageRequestTypes.Admin)
        {
            TenantId = UsageChainNames.TenantOf(chain),
            AdminAction = $"PurgeUsage {purged} entries through {through}, older than {olderThan.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}",
        };
        await usage.RecordAsync(record, UsageResult.Granted, null, RequestContext.None, ct);
        return purged;
    }
}
